import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KlineRow } from '../src/index';
import {
  isDataError,
  loadCandles,
  loadFunding,
  loadInstrument,
  loadRiskTiers,
  type MarketStore,
  openWriter,
  syncMarketData,
} from '../src/index';
import { FAKE_INSTRUMENT, FakeMarketDataClient } from './fake-client';
import { makeBars, tempDataDir } from './helpers';

const T0 = Date.UTC(2025, 5, 1); // a 1000-minute-aligned day start is not needed; windows are exact
const BARS = 2_500;
const bars: KlineRow[] = makeBars(T0, BARS).map((b) => ({ ...b, turnover: b.close * b.volume }));
/** Server clock 30 s into the bar after the last one: that forming bar must never be stored. */
const NOW = T0 + BARS * 60_000 + 30_000;
const forming: KlineRow = {
  ts: T0 + BARS * 60_000,
  open: 1,
  high: 2,
  low: 0.5,
  close: 1.5,
  volume: 3,
  turnover: 4,
};

let dir: { dataDir: string; cleanup: () => void };
let store: MarketStore;
beforeEach(async () => {
  dir = tempDataDir();
  store = await openWriter({ dataDir: dir.dataDir, env: {} }, 'sync');
});
afterEach(async () => {
  await store.close();
  dir.cleanup();
});

async function storedRows(s: MarketStore) {
  return s.query(
    'SELECT ts::DOUBLE AS ts, open, high, low, close, volume, turnover, source FROM candles ORDER BY ts',
  );
}

describe('syncMarketData against a fake exchange', () => {
  it('stores exactly the closed bars of the range, fetched backwards in limit-1000 windows with explicit bounds', async () => {
    const client = new FakeMarketDataClient({ now: NOW, klines: [...bars, forming] });
    const report = await syncMarketData(store, client, {
      symbols: ['btcusdt'],
      start: T0,
      end: NOW + 3_600_000,
    });
    expect(report.ok).toBe(true);
    const c = await loadCandles(store, { symbol: 'BTCUSDT', tf: '1m' });
    expect(c.length).toBe(BARS);
    expect(Array.from(c.ts)).toEqual(bars.map((b) => b.ts));
    expect(Array.from(c.close)).toEqual(bars.map((b) => b.close));
    expect(Array.from(c.turnover)).toEqual(bars.map((b) => b.turnover));
    const klineCalls = client.calls.filter((k) => k.method === 'klines');
    expect(klineCalls.map((k) => k.params.limit)).toEqual([1000, 1000, 1000]);
    const starts = klineCalls.map((k) => k.params.start as number);
    expect(starts[0]).toBeGreaterThan(starts[1]!); // newest window first
    for (const k of klineCalls)
      expect((k.params.end as number) - (k.params.start as number)).toBeLessThan(1000 * 60_000);
    const job = report.jobs.find((j) => j.dataset === 'candles')!;
    expect(job).toMatchObject({ status: 'done', inserted: BARS, rowCount: BARS, lastTs: bars.at(-1)!.ts });
  });

  it('resumes an aborted sync with no gap and no duplicate, matching an uninterrupted run', async () => {
    const controller = new AbortController();
    const client = new FakeMarketDataClient({ now: NOW, klines: bars });
    client.onKline = (i) => {
      if (i === 1) controller.abort();
    };
    await expect(
      syncMarketData(
        store,
        client,
        { symbols: ['BTCUSDT'], start: T0, end: NOW },
        { signal: controller.signal },
      ),
    ).rejects.toSatisfy((e) => isDataError(e, 'E_SYNC_INTERRUPTED'));
    const partial = await storedRows(store);
    expect(partial.length).toBe(1000); // the first (newest) window only; the aborted one left nothing
    const state = await store.query("SELECT status FROM sync_state WHERE dataset = 'candles'");
    expect(state).toEqual([{ status: 'interrupted' }]);

    const resumed = await syncMarketData(store, new FakeMarketDataClient({ now: NOW, klines: bars }), {
      symbols: ['BTCUSDT'],
      start: T0,
      end: NOW,
    });
    expect(resumed.jobs.find((j) => j.dataset === 'candles')!.inserted).toBe(BARS - 1000);
    const rows = await storedRows(store);
    expect(rows.map((r) => r.ts)).toEqual(bars.map((b) => b.ts));
    expect(await store.query("SELECT status FROM sync_state WHERE dataset = 'candles'")).toEqual([
      { status: 'idle' },
    ]);
  });

  it('extends forwards from the last stored bar and fetches nothing already stored', async () => {
    const half = T0 + 1200 * 60_000;
    const client = new FakeMarketDataClient({ now: NOW, klines: bars });
    await syncMarketData(store, client, { symbols: ['BTCUSDT'], start: T0, end: half });
    const again = new FakeMarketDataClient({ now: NOW, klines: bars });
    const report = await syncMarketData(store, again, { symbols: ['BTCUSDT'], toNow: true });
    const job = report.jobs.find((j) => j.dataset === 'candles')!;
    expect(job.edges).toEqual([{ direction: 'forward', start: half, end: T0 + BARS * 60_000 }]);
    expect(job.inserted).toBe(BARS - 1200);
    expect((await loadCandles(store, { symbol: 'BTCUSDT', tf: '1m' })).length).toBe(BARS);
    const noop = await syncMarketData(store, new FakeMarketDataClient({ now: NOW, klines: bars }), {
      symbols: ['BTCUSDT'],
      start: T0,
      end: NOW,
    });
    expect(noop.jobs.find((j) => j.dataset === 'candles')!.requests).toBe(0);
  });

  it('clips the start to the instrument launch time', async () => {
    const launch = T0 + 2000 * 60_000 + 15_000;
    const client = new FakeMarketDataClient({
      now: NOW,
      klines: bars,
      instrument: { ...FAKE_INSTRUMENT, launchTime: launch },
    });
    await syncMarketData(store, client, { symbols: ['BTCUSDT'], start: T0, end: NOW });
    const c = await loadCandles(store, { symbol: 'BTCUSDT', tf: '1m' });
    expect(c.ts[0]).toBe(T0 + 2000 * 60_000);
    expect(c.length).toBe(500);
    const inst = await loadInstrument(store, 'BTCUSDT');
    expect(inst).toMatchObject({ tickSize: 0.1, launchTime: launch, fundingIntervalMin: 480 });
  });

  it('stores funding with the instrument interval and replaces risk tiers', async () => {
    const funding = Array.from({ length: 450 }, (_, i) => ({
      ts: T0 + i * 8 * 3_600_000,
      rate: 0.0001 * ((i % 7) - 3),
    }));
    const now = T0 + 450 * 8 * 3_600_000;
    const tiers = [
      {
        tierId: 1,
        riskLimitValue: 2e6,
        mmr: 0.005,
        imr: 0.01,
        mmDeduction: 0,
        maxLeverage: 100,
        isLowestRisk: true,
      },
      {
        tierId: 2,
        riskLimitValue: 2.6e6,
        mmr: 0.0056,
        imr: 0.0111,
        mmDeduction: 1200,
        maxLeverage: 90,
        isLowestRisk: false,
      },
    ];
    const client = new FakeMarketDataClient({ now, funding, tiers });
    const report = await syncMarketData(store, client, {
      symbols: ['BTCUSDT'],
      datasets: ['funding', 'risk_tiers', 'instruments'],
      start: T0,
      end: now,
    });
    expect(report.ok).toBe(true);
    const f = await loadFunding(store, { symbol: 'BTCUSDT' });
    expect(Array.from(f.ts)).toEqual(funding.map((r) => r.ts));
    expect(Array.from(f.rate)).toEqual(funding.map((r) => r.rate));
    expect(f.intervalMin[0]).toBe(480);
    expect((await loadRiskTiers(store, 'BTCUSDT')).map((t) => t.maintenanceMarginRate)).toEqual([
      0.005, 0.0056,
    ]);
    const fewer = new FakeMarketDataClient({ now, funding, tiers: tiers.slice(0, 1) });
    await syncMarketData(store, fewer, {
      symbols: ['BTCUSDT'],
      datasets: ['risk_tiers'],
      start: T0,
      end: now,
    });
    expect(await loadRiskTiers(store, 'BTCUSDT')).toHaveLength(1);
  });

  it('follows the open-interest cursor inside each window', async () => {
    const oi = Array.from({ length: 300 }, (_, i) => ({ ts: T0 + i * 3_600_000, oi: 1000 + i }));
    const now = T0 + 300 * 3_600_000;
    const client = new FakeMarketDataClient({ now, oi });
    await syncMarketData(store, client, { symbols: ['BTCUSDT'], datasets: ['oi'], start: T0, end: now });
    const rows = await store.query('SELECT count(*)::INTEGER AS n, min(interval) AS i FROM open_interest');
    expect(rows).toEqual([{ n: 300, i: '1h' }]);
    expect(client.calls.some((c) => c.method === 'openInterest' && c.params.cursor !== undefined)).toBe(true);
  });

  it('records an empty window after launch as an open gap candidate and rejects invalid bars', async () => {
    const holed = bars.filter((b) => b.ts < T0 + 1000 * 60_000 || b.ts >= T0 + 1500 * 60_000);
    const bad = holed.map((b, i) => (i === 10 ? { ...b, high: b.low - 1 } : b));
    const client = new FakeMarketDataClient({ now: NOW, klines: bad });
    // Windows of 1000 bars from the end: [1500, 2500), [500, 1500), [0, 500): none is empty, so use 500-bar hole aligned
    const report = await syncMarketData(store, client, {
      symbols: ['BTCUSDT'],
      start: T0,
      end: T0 + 2000 * 60_000,
    });
    const job = report.jobs.find((j) => j.dataset === 'candles')!;
    expect(job.rejected).toBe(1);
    expect(await store.query('SELECT reason FROM candles_rejected')).toEqual([{ reason: 'ohlc' }]);
    const c = await loadCandles(store, { symbol: 'BTCUSDT', tf: '1m' });
    expect(c.length).toBe(2000 - 500 - 1);
    const empty = new FakeMarketDataClient({ now: NOW, klines: [] });
    const r2 = await syncMarketData(store, empty, {
      symbols: ['ETHUSDT'],
      datasets: ['candles'],
      start: T0,
      end: T0 + 1000 * 60_000,
    });
    expect(r2.jobs[0]!.gapCandidates).toBe(1);
    expect(await store.query("SELECT missing FROM gaps WHERE symbol = 'ETHUSDT'")).toEqual([
      { missing: 1000 },
    ]);
  });

  it('plans without calling the exchange on a dry run', async () => {
    const client = new FakeMarketDataClient({ now: NOW, klines: bars });
    const report = await syncMarketData(store, client, {
      symbols: ['BTCUSDT'],
      start: T0,
      end: T0 + BARS * 60_000,
      dryRun: true,
    });
    expect(client.calls).toEqual([]);
    expect(report.jobs[0]).toMatchObject({ dataset: 'candles', windows: 3, status: 'skipped' });
  });
});

describe('syncMarketData --to-now', () => {
  it('extends every stored series of the symbol when no datasets are named', async () => {
    const oi = Array.from({ length: 40 }, (_, i) => ({ ts: T0 + i * 3_600_000, oi: 1000 + i }));
    const now = T0 + 40 * 3_600_000 + 30_000;
    const klines = makeBars(T0, 40 * 60).map((b) => ({ ...b, turnover: 1 }));
    const first = new FakeMarketDataClient({ now, klines, oi });
    await syncMarketData(store, first, {
      symbols: ['BTCUSDT'],
      datasets: ['candles', 'oi'],
      start: T0,
      end: T0 + 20 * 3_600_000,
    });
    const report = await syncMarketData(store, new FakeMarketDataClient({ now, klines, oi }), {
      symbols: ['BTCUSDT'],
      toNow: true,
    });
    expect(report.jobs.map((j) => `${j.dataset}:${j.key}:${j.inserted}`).sort()).toEqual([
      'candles:1m:1200',
      'instruments:-:1',
      'oi:1h:20',
    ]);
  });
});
