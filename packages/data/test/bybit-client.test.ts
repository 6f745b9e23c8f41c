import { describe, expect, it } from 'vitest';
import { BybitMarketDataClient, type BybitRestLike, type ClientEvent, isDataError } from '../src/index';
import { TokenBucket } from '../src/sync/rate-limiter';

type Answer = (() => unknown) | unknown;

/** A stand-in for RestClientV5: each call takes the next scripted answer (a thrown value when `throw` is set). */
function scriptedRest(answers: { value?: unknown; throw?: unknown }[]): {
  rest: BybitRestLike;
  calls: string[];
} {
  const calls: string[] = [];
  const next = (name: string) => async (): Promise<unknown> => {
    calls.push(name);
    const a = answers.shift();
    if (a === undefined) throw new Error('no scripted answer left');
    if (a.throw !== undefined) throw a.throw;
    return (a.value as Answer) ?? null;
  };
  const rest = {
    getServerTime: next('time'),
    getKline: next('kline'),
    getMarkPriceKline: next('mark'),
    getFundingRateHistory: next('funding'),
    getOpenInterest: next('oi'),
    getInstrumentsInfo: next('instruments'),
    getRiskLimit: next('risk'),
  } as unknown as BybitRestLike;
  return { rest, calls };
}

const ok = (result: unknown) => ({ value: { retCode: 0, retMsg: 'OK', result } });
const klineOk = ok({ list: [['60000', '1', '2', '0.5', '1.5', '10', '15']] });
const fast = { baseMs: 1, capMs: 2, rateLimitDefaultWaitMs: 1, rateLimitMaxWaitMs: 5, random: () => 0.5 };
const req = { symbol: 'BTCUSDT', interval: '1', start: 0, end: 59_999, limit: 1000 };

describe('BybitMarketDataClient', () => {
  it('parses kline strings into numbers, newest-first order kept', async () => {
    const { rest } = scriptedRest([
      ok({
        list: [
          ['120000', '2', '3', '1', '2.5', '5', '12'],
          ['60000', '1', '2', '0.5', '1.5', '10', '15'],
        ],
      }),
    ]);
    const rows = await new BybitMarketDataClient({ rest, retry: fast, env: {} }).klines(req);
    expect(rows).toEqual([
      { ts: 120000, open: 2, high: 3, low: 1, close: 2.5, volume: 5, turnover: 12 },
      { ts: 60000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10, turnover: 15 },
    ]);
  });

  it('waits and retries on retCode 10006, then succeeds', async () => {
    const events: ClientEvent[] = [];
    const { rest, calls } = scriptedRest([
      { value: { retCode: 10006, retMsg: 'Too many visits', result: {} } },
      { value: { retCode: 10006, retMsg: 'Too many visits', result: {} } },
      klineOk,
    ]);
    const client = new BybitMarketDataClient({ rest, retry: fast, env: {}, onEvent: (e) => events.push(e) });
    expect(await client.klines(req)).toHaveLength(1);
    expect(calls).toEqual(['kline', 'kline', 'kline']);
    expect(events.filter((e) => e.type === 'rate_limited')).toHaveLength(2);
  });

  it('backs off on HTTP 5xx and network errors with full jitter', async () => {
    const events: ClientEvent[] = [];
    const { rest } = scriptedRest([
      { throw: { code: 503, message: 'Service Unavailable', body: '', headers: {} } },
      { throw: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) },
      klineOk,
    ]);
    const client = new BybitMarketDataClient({ rest, retry: fast, env: {}, onEvent: (e) => events.push(e) });
    expect(await client.klines(req)).toHaveLength(1);
    expect(events.map((e) => (e.type === 'retry' ? e.reason : e.type))).toEqual([
      'HTTP 503',
      'network error ECONNRESET',
    ]);
  });

  it('gives up after maxAttempts with E_BYBIT_NETWORK', async () => {
    const boom = { throw: { code: 502, message: 'Bad Gateway', body: '', headers: {} } };
    const { rest, calls } = scriptedRest([boom, boom, boom]);
    const client = new BybitMarketDataClient({ rest, retry: { ...fast, maxAttempts: 3 }, env: {} });
    await expect(client.klines(req)).rejects.toSatisfy((e) => isDataError(e, 'E_BYBIT_NETWORK'));
    expect(calls).toHaveLength(3);
  });

  it('does not retry a parameter error (10001) and reports E_SYNC_API with the code', async () => {
    const { rest, calls } = scriptedRest([{ value: { retCode: 10001, retMsg: 'params error', result: {} } }]);
    const client = new BybitMarketDataClient({ rest, retry: fast, env: {} });
    await expect(client.klines(req)).rejects.toSatisfy(
      (e) => isDataError(e, 'E_SYNC_API') && e.exchangeCode === 10001,
    );
    expect(calls).toHaveLength(1);
  });

  it('stops every later call after HTTP 403 with E_BYBIT_IP_BANNED', async () => {
    const { rest, calls } = scriptedRest([
      { throw: { code: 403, message: 'Forbidden', body: '', headers: {} } },
      klineOk,
    ]);
    const client = new BybitMarketDataClient({ rest, retry: fast, env: {} });
    await expect(client.klines(req)).rejects.toSatisfy((e) => isDataError(e, 'E_BYBIT_IP_BANNED'));
    await expect(client.klines(req)).rejects.toSatisfy((e) => isDataError(e, 'E_BYBIT_IP_BANNED'));
    expect(calls).toHaveLength(1);
  });

  it('aborts a backoff wait with E_SYNC_INTERRUPTED', async () => {
    const controller = new AbortController();
    const { rest } = scriptedRest([{ throw: { code: 500, message: 'x', body: '', headers: {} } }, klineOk]);
    const client = new BybitMarketDataClient({
      rest,
      retry: { ...fast, baseMs: 10_000, capMs: 10_000, random: () => 0.99 },
      env: {},
    });
    const pending = client.klines(req, controller.signal);
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toSatisfy((e) => isDataError(e, 'E_SYNC_INTERRUPTED'));
  });

  it('keeps public calls within the configured rate (token bucket, burst then rps)', async () => {
    const bucket = new TokenBucket(20, 2);
    const t0 = Date.now();
    for (let i = 0; i < 7; i++) await bucket.take();
    // 2 tokens of burst, then 5 more at 20/s: at least 250 ms.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
  });

  it('pauses the bucket until a reported reset', async () => {
    const bucket = new TokenBucket(1000, 10);
    bucket.pauseUntil(Date.now() + 150);
    const t0 = Date.now();
    await bucket.take();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('parses instruments and risk tiers (maintenanceMargin as the MMR)', async () => {
    const { rest } = scriptedRest([
      ok({
        list: [
          {
            symbol: 'BTCUSDT',
            status: 'Trading',
            contractType: 'LinearPerpetual',
            baseCoin: 'BTC',
            quoteCoin: 'USDT',
            settleCoin: 'USDT',
            launchTime: '1584230400000',
            priceScale: '2',
            fundingInterval: 480,
            leverageFilter: { minLeverage: '1', maxLeverage: '100.00', leverageStep: '0.01' },
            priceFilter: { minPrice: '0.10', maxPrice: '1999999.80', tickSize: '0.10' },
            lotSizeFilter: {
              maxOrderQty: '1190.000',
              minOrderQty: '0.001',
              qtyStep: '0.001',
              maxMktOrderQty: '500.000',
              minNotionalValue: '5',
              postOnlyMaxOrderQty: '1190.000',
            },
            upperFundingRate: '0.00375',
            lowerFundingRate: '-0.00375',
          },
        ],
      }),
      ok({
        list: [
          {
            id: 1,
            symbol: 'BTCUSDT',
            riskLimitValue: '2000000',
            maintenanceMargin: '0.005',
            initialMargin: '0.01',
            isLowestRisk: 1,
            maxLeverage: '100.00',
            mmDeduction: '',
          },
        ],
      }),
    ]);
    const client = new BybitMarketDataClient({ rest, retry: fast, env: {} });
    expect(await client.instrument('BTCUSDT')).toMatchObject({
      launchTime: 1584230400000,
      tickSize: 0.1,
      fundingIntervalMin: 480,
      maxMktOrderQty: 500,
    });
    expect(await client.riskTiers('BTCUSDT')).toEqual([
      {
        tierId: 1,
        riskLimitValue: 2_000_000,
        mmr: 0.005,
        imr: 0.01,
        mmDeduction: 0,
        maxLeverage: 100,
        isLowestRisk: true,
      },
    ]);
  });
});
