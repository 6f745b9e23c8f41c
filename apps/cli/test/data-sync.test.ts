import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MockBybit, startMockBybit } from '@trade/bybit-mock';
import { findSharedDir, parseCandlesCsv } from '@trade/core';
import {
  BybitMarketDataClient,
  isDataError,
  loadCandles,
  loadFunding,
  loadRiskTiers,
  type MarketStore,
  openReader,
  openWriter,
  syncMarketData,
} from '@trade/data';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runTrade } from './io';

/**
 * Sync through the genuine `bybit-api` client against the mock Bybit on loopback, serving the stored test-kit
 * data. The mock runs on the wall clock, so every stored bar is closed.
 */
const shared = findSharedDir();
const MINUTE = 60_000;

describe.skipIf(shared === undefined)('trade data sync against the mock Bybit', () => {
  const kit = (...p: string[]) => join(shared!, 'data', ...p);
  const fixture = parseCandlesCsv(readFileSync(kit('klines', 'bybit', 'BTCUSDT_1m.csv'), 'utf8'));
  const first = fixture.ts[0]!;
  const end = fixture.ts[fixture.length - 1]! + MINUTE;
  let mock: MockBybit;
  let dir: string;

  beforeAll(async () => {
    mock = await startMockBybit({ ipRateLimit: false });
  });
  afterAll(async () => {
    await mock.close();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trade-sync-'));
    mock.setFaults([]);
    mock.clearRequestLog();
    return () => rmSync(dir, { recursive: true, force: true });
  });

  const env = () => ({ TRADE_DATA_DIR: dir, TRADE_BYBIT_REST_URL: mock.url, TRADE_BYBIT_PUBLIC_RPS: '100' });
  const fastClient = () =>
    new BybitMarketDataClient({ baseUrl: mock.url, rps: 100, env: {}, retry: { baseMs: 20, capMs: 100 } });

  async function expectCandlesEqual(store: MarketStore, from: number, to: number): Promise<void> {
    const c = await loadCandles(store, { symbol: 'BTCUSDT', tf: '1m' });
    const a = fixture.ts.indexOf(from);
    const b = to === end ? fixture.length : fixture.ts.indexOf(to);
    expect(c.length).toBe(b - a);
    expect(Array.from(c.ts)).toEqual(Array.from(fixture.ts.subarray(a, b)));
    for (const col of ['open', 'high', 'low', 'close', 'volume'] as const) {
      expect(Array.from(c[col])).toEqual(Array.from(fixture[col].subarray(a, b)));
    }
  }

  it('syncs all 30 stored days of BTCUSDT 1m, funding and risk tiers exactly as the fixture (CLI)', async () => {
    const fundingLines = readFileSync(kit('funding', 'bybit', 'BTCUSDT_funding_2025-2026.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    const fundingTs = fundingLines.map((l) => Number(l.split(',')[0]));
    const candles = await runTrade(
      [
        'data',
        'sync',
        '--symbols',
        'BTCUSDT',
        '--start',
        String(first),
        '--end',
        String(end),
        '--what',
        'candles,instruments,risk',
        '--json',
      ],
      env(),
    );
    expect(candles.code, candles.stdout).toBe(0);
    const funding = await runTrade(
      [
        'data',
        'sync',
        '--symbols',
        'BTCUSDT',
        '--start',
        String(fundingTs[0]),
        '--end',
        String(fundingTs.at(-1)! + 1),
        '--what',
        'funding',
        '--json',
      ],
      env(),
    );
    expect(funding.code, funding.stdout).toBe(0);
    const klineRequests = mock.requestLog.filter((r) => r.path === '/v5/market/kline');
    expect(klineRequests.length).toBe(Math.ceil(fixture.length / 1000));
    for (const r of klineRequests) {
      expect(r.query).toMatchObject({ category: 'linear', symbol: 'BTCUSDT', interval: '1', limit: '1000' });
      expect(Number(r.query.end) - Number(r.query.start)).toBeLessThan(1000 * MINUTE);
    }
    const store = await openReader({ dataDir: dir, env: {} });
    try {
      await expectCandlesEqual(store, first, end);
      const f = await loadFunding(store, { symbol: 'BTCUSDT' });
      expect(Array.from(f.ts)).toEqual(fundingTs);
      expect(Array.from(f.rate)).toEqual(fundingLines.map((l) => Number(l.split(',')[2])));
      const tiersCsv = readFileSync(kit('risk-limits', 'BTCUSDT_tiers.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1);
      const tiers = await loadRiskTiers(store, 'BTCUSDT');
      expect(
        tiers.map((t) => [t.riskLimitValue, t.maxLeverage, t.maintenanceMarginRate, t.mmDeduction]),
      ).toEqual(tiersCsv.map((l) => l.split(',').slice(1, 5).map(Number)));
      const dup = await store.query(
        'SELECT count(*)::INTEGER AS n FROM (SELECT ts FROM candles GROUP BY ALL HAVING count(*) > 1)',
      );
      expect(dup).toEqual([{ n: 0 }]);
    } finally {
      await store.close();
    }
  }, 240_000); // 43,200 rows through the genuine client and DuckDB; slow on a loaded machine

  it('resumes after an abort midway with the identical result: no duplicate, no gap', async () => {
    const from = first;
    const to = first + 5_000 * MINUTE;
    const controller = new AbortController();
    const store = await openWriter({ dataDir: dir, env: {} }, 'sync');
    try {
      // Abort right after the first window is committed: deterministic, whatever the machine's load.
      await expect(
        syncMarketData(
          store,
          fastClient(),
          { symbols: ['BTCUSDT'], datasets: ['candles'], start: from, end: to },
          {
            signal: controller.signal,
            onProgress: (p) => {
              if (p.windowsDone >= 1) controller.abort();
            },
          },
        ),
      ).rejects.toSatisfy((e) => isDataError(e, 'E_SYNC_INTERRUPTED'));
      const partial = await loadCandles(store, { symbol: 'BTCUSDT', tf: '1m' });
      expect(partial.length).toBeGreaterThan(0);
      expect(partial.length).toBeLessThan(5_000);
      expect(partial.length % 1000).toBe(0); // whole windows only
      mock.setFaults([]);
      const resumed = await syncMarketData(store, fastClient(), {
        symbols: ['BTCUSDT'],
        datasets: ['candles'],
        start: from,
        end: to,
      });
      expect(resumed.ok).toBe(true);
      await expectCandlesEqual(store, from, to);
    } finally {
      await store.close();
    }
  });

  it('gets the identical result under 10006 bursts, 5xx and dropped connections, with backoff in the request log', async () => {
    const from = first;
    const to = first + 4_000 * MINUTE;
    mock.setFaults([
      { endpoint: '/v5/market/kline', kind: 'rateLimit', skipFirst: 1, count: 3, resetAfterMs: 150 },
      { endpoint: '/v5/market/kline', kind: 'http5xx', status: 502, skipFirst: 5, count: 2 },
      { endpoint: '/v5/market/kline', kind: 'drop', skipFirst: 8, count: 1 },
    ]);
    const store = await openWriter({ dataDir: dir, env: {} }, 'sync');
    try {
      const report = await syncMarketData(store, fastClient(), {
        symbols: ['BTCUSDT'],
        datasets: ['candles'],
        start: from,
        end: to,
      });
      expect(report.ok, JSON.stringify(report.jobs.map((j) => j.error))).toBe(true);
      await expectCandlesEqual(store, from, to);
    } finally {
      await store.close();
    }
    const log = mock.requestLog.filter((r) => r.path === '/v5/market/kline');
    const limited = log.filter((r) => r.retCode === 10006);
    const failed = log.filter((r) => r.status === 502 || r.status === 0);
    expect(limited.length).toBe(3);
    expect(failed.length).toBe(3);
    for (const bad of [...limited, ...failed]) {
      const retry = log.find((r) => r.seq > bad.seq && r.rawQuery === bad.rawQuery);
      expect(retry, `no retry of ${bad.rawQuery}`).toBeDefined();
      const waited = retry!.timestamp - bad.timestamp;
      // 10006 waits for the reset timestamp (150 ms) plus 50–250 ms jitter; 5xx/drops back off (≥ 0 with full jitter).
      if (bad.retCode === 10006) expect(waited).toBeGreaterThanOrEqual(150);
    }
    expect(log.filter((r) => r.status === 200 && r.retCode === 0).length).toBe(4);
  });
});
