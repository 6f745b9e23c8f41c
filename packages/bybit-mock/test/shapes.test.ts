import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, type MockWithClient, sample, shapeOf, shared, startWithClient } from './support';

/**
 * Shape parity with recorded Bybit responses: same keys in the same order, same JSON types, numbers as
 * strings inside `result`. Doc examples for inverse symbols still show the linear shape.
 */
describe.skipIf(shared === undefined)('response shapes equal the recorded Bybit payloads', () => {
  let t: MockWithClient;
  beforeAll(async () => {
    t = await startWithClient();
  });
  afterAll(() => t.mock.close());

  it('server time matches rest/market-time.1.json', async () => {
    const r = body(await t.client.getServerTime());
    expect(shapeOf(r)).toEqual(shapeOf(sample('rest/market-time.1.json')));
  });

  it('klines match rest/market-kline.1.json and the recorded live BTCUSDT 1h response', async () => {
    const r = body(
      await t.client.getKline({ category: 'linear', symbol: 'BTCUSDT', interval: '60', limit: 3 }),
    );
    expect(shapeOf(r)).toEqual(shapeOf(sample('rest/market-kline.1.json')));
    const live = sample('ccxt-recorded/rest-kline-linear-BTCUSDT-60.json');
    expect(shapeOf(r.result)).toEqual(shapeOf(live.result));
    expect(r.result.list).toHaveLength(3);
    expect(r.result.list[0]).toHaveLength(7);
  });

  it('mark-price klines match rest/market-mark-price-kline.1.json', async () => {
    const r = body(
      await t.client.getMarkPriceKline({ category: 'linear', symbol: 'BTCUSDT', interval: '15', limit: 2 }),
    );
    expect(shapeOf(r)).toEqual(shapeOf(sample('rest/market-mark-price-kline.1.json')));
    expect(r.result.list[0]).toHaveLength(5);
  });

  it('funding history matches rest/market-funding-history.1.json', async () => {
    const r = body(await t.client.getFundingRateHistory({ category: 'linear', symbol: 'ETHUSDT', limit: 5 }));
    expect(shapeOf(r)).toEqual(shapeOf(sample('rest/market-funding-history.1.json')));
  });

  it('open interest matches the recorded live BTCUSDT response', async () => {
    const r = body(
      await t.client.getOpenInterest({
        category: 'linear',
        symbol: 'BTCUSDT',
        intervalTime: '5min',
        limit: 3,
      }),
    );
    expect(shapeOf(r)).toEqual(shapeOf(sample('ccxt-recorded/rest-open-interest-linear-BTCUSDT.json')));
  });

  it('instruments-info matches the recorded BTCUSDT linear item field for field', async () => {
    const recorded = sample('rest/market-instruments-info.1.a.json');
    const r = body(await t.client.getInstrumentsInfo({ category: 'linear', symbol: 'BTCUSDT' }));
    expect(shapeOf(r)).toEqual(shapeOf(recorded));
    const item = r.result.list[0] as unknown as Record<string, unknown>;
    const want = (recorded.result as { list: Record<string, unknown>[] }).list[0]!;
    for (const key of [
      'contractType',
      'status',
      'baseCoin',
      'quoteCoin',
      'priceScale',
      'leverageFilter',
      'priceFilter',
      'lotSizeFilter',
      'fundingInterval',
      'settleCoin',
      'upperFundingRate',
      'lowerFundingRate',
    ]) {
      expect(item[key], key).toEqual(want[key]);
    }
  });

  it('risk-limit items match rest/market-risk-limit.1.jsonc and add nextPageCursor', async () => {
    const recorded = sample('rest/market-risk-limit.1.jsonc') as { result: { list: unknown[] } };
    const r = body(await t.client.getRiskLimit({ category: 'linear', symbol: 'BTCUSDT' }));
    expect(shapeOf(r.result.list[0])).toEqual(shapeOf(recorded.result.list[0]));
    expect(Object.keys(r.result)).toEqual(['category', 'list', 'nextPageCursor']);
  });

  it('errors carry result {} and retExtInfo {} with retCode 10001 and a detail', async () => {
    const r = body(
      await t.client.getKline({ category: 'linear', symbol: 'BTCUSDT', interval: '7' } as never),
    );
    expect(r).toMatchObject({ retCode: 10001, result: {}, retExtInfo: {} });
    expect(r.retMsg).toMatch(/^params error: interval '7' is not supported/);
    expect(Object.keys(r)).toEqual(['retCode', 'retMsg', 'result', 'retExtInfo', 'time']);
  });
});
