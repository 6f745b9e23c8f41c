import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  dataStatus,
  detectGaps,
  findGaps,
  healData,
  type KlineRow,
  loadCandles,
  type MarketStore,
  openWriter,
  upsertRows,
} from '../src/index';
import { FakeMarketDataClient } from './fake-client';
import { candleStageRows, makeBars, tempDataDir } from './helpers';

const T0 = Date.UTC(2025, 5, 1);
const bars = makeBars(T0, 300);
const klines: KlineRow[] = bars.map((b) => ({ ...b, turnover: b.close * b.volume }));
const NOW = T0 + 300 * 60_000 + 5_000;

let dir: { dataDir: string; cleanup: () => void };
let store: MarketStore;
beforeEach(async () => {
  dir = tempDataDir();
  store = await openWriter({ dataDir: dir.dataDir, env: {} }, 'heal');
});
afterEach(async () => {
  await store.close();
  dir.cleanup();
});

describe('detectGaps', () => {
  it('reports interior holes as [prev + step, next - step] with the missing count', () => {
    const ts = Float64Array.from([0, 60_000, 240_000, 300_000, 480_000]);
    expect(detectGaps(ts, 60_000).gaps).toEqual([
      { start: 120_000, end: 180_000, missing: 2 },
      { start: 360_000, end: 420_000, missing: 2 },
    ]);
  });

  it('counts range edges and misaligned timestamps', () => {
    const scan = detectGaps(Float64Array.from([120_000, 180_030]), 60_000, { start: 0, end: 300_000 });
    expect(scan.gaps[0]).toEqual({ start: 0, end: 60_000, missing: 2 });
    expect(scan.misaligned).toBe(1);
  });
});

describe('healData', () => {
  const holed = bars.filter((_, i) => !(i >= 100 && i < 110) && !(i >= 200 && i < 203));

  it('fills crafted holes from the exchange and marks them healed', async () => {
    await store.transaction((c) => upsertRows(c, 'candles', candleStageRows('BTCUSDT', '1m', holed)));
    expect((await findGaps(store, { dataset: 'candles', symbol: 'BTCUSDT', key: '1m' })).gaps).toHaveLength(
      2,
    );
    const report = await healData(store, new FakeMarketDataClient({ now: NOW, klines }), {
      symbol: 'BTCUSDT',
    });
    expect(report.datasets[0]).toMatchObject({
      gaps_found: 2,
      gaps_filled: 2,
      bars_filled: 13,
      exchange_missing: 0,
    });
    expect(report.open_issues).toBe(0);
    const c = await loadCandles(store, { symbol: 'BTCUSDT', tf: '1m' });
    expect(Array.from(c.ts)).toEqual(bars.map((b) => b.ts));
    expect(await store.query('SELECT DISTINCT status FROM gaps')).toEqual([{ status: 'healed' }]);
  });

  it('records exchange_missing when the exchange has no rows for a hole', async () => {
    await store.transaction((c) => upsertRows(c, 'candles', candleStageRows('BTCUSDT', '1m', holed)));
    const exchange = klines.filter((_, i) => !(i >= 100 && i < 110));
    const report = await healData(store, new FakeMarketDataClient({ now: NOW, klines: exchange }), {
      symbol: 'BTCUSDT',
    });
    expect(report.datasets[0]).toMatchObject({ gaps_filled: 1, exchange_missing: 1 });
    const rows = await store.query('SELECT status, missing FROM gaps ORDER BY gap_start');
    expect(rows).toEqual([
      { status: 'exchange_missing', missing: 10 },
      { status: 'healed', missing: 0 },
    ]);
  });

  it('moves invalid stored bars to candles_rejected and refetches them', async () => {
    const broken = bars.map((b, i) => (i === 50 ? { ...b, open: b.high + 1 } : b));
    await store.transaction((c) => upsertRows(c, 'candles', candleStageRows('BTCUSDT', '1m', broken)));
    const report = await healData(store, new FakeMarketDataClient({ now: NOW, klines }), {});
    expect(report.datasets[0]).toMatchObject({ rejected_rows: 1, refetched: 1 });
    const c = await loadCandles(store, { symbol: 'BTCUSDT', tf: '1m' });
    expect(c.open[50]).toBe(bars[50]!.open);
  });

  it('restricts every step to the symbol filter', async () => {
    await store.transaction(async (c) => {
      await upsertRows(c, 'candles', candleStageRows('BTCUSDT', '1m', holed));
      await upsertRows(c, 'candles', candleStageRows('ETHUSDT', '1m', holed));
    });
    const report = await healData(store, new FakeMarketDataClient({ now: NOW, klines }), {
      symbol: 'ETHUSDT',
      dryRun: true,
    });
    expect(report.datasets.map((d) => d.symbol)).toEqual(['ETHUSDT']);
    expect(await store.query('SELECT DISTINCT symbol FROM gaps')).toEqual([{ symbol: 'ETHUSDT' }]);
  });
});

describe('dataStatus', () => {
  it('lists each series with range, rows, missing bars and currency', async () => {
    await store.transaction((c) =>
      upsertRows(
        c,
        'candles',
        candleStageRows('BTCUSDT', '1m', bars.slice(0, 10).concat(bars.slice(12, 20))),
      ),
    );
    const status = await dataStatus(store, { now: bars[19]!.ts + 60_000 });
    expect(status.series).toEqual([
      expect.objectContaining({
        dataset: 'candles',
        symbol: 'BTCUSDT',
        key: '1m',
        rows: 18,
        missing: 2,
        first_ts: T0,
        last_ts: bars[19]!.ts,
        is_current: true,
      }),
    ]);
    expect(status.db_path).toBe(store.dbPath);
  });
});

describe('preflight', () => {
  it('reports uncovered edges as missing, interior holes as gaps, and the filled share', async () => {
    const { preflight } = await import('../src/index');
    const holed = bars.filter((_, i) => !(i >= 100 && i < 110));
    await store.transaction((c) => upsertRows(c, 'candles', candleStageRows('BTCUSDT', '1m', holed)));
    const windowEnd = T0 + 320 * 60_000;
    const r = await preflight(store, { symbol: 'btcusdt', dataStart: T0 - 5 * 60_000 + 30_000, windowEnd });
    expect(r.ok).toBe(false);
    expect(r.missing).toEqual([
      { start: T0 - 5 * 60_000, end: T0 },
      { start: T0 + 300 * 60_000, end: windowEnd },
    ]);
    expect(r.gaps).toEqual([{ start: T0 + 100 * 60_000, end: T0 + 109 * 60_000, missing: 10 }]);
    expect(r.filled_share).toBeCloseTo(290 / 325, 12);
    const full = await preflight(store, { symbol: 'BTCUSDT', dataStart: T0, windowEnd: T0 + 100 * 60_000 });
    expect(full).toMatchObject({ ok: true, missing: [], gaps: [], filled_share: 1 });
  });
});

describe('deriveCandles', () => {
  it('aggregates complete buckets only, and derived rows never replace real ones', async () => {
    const { deriveCandles } = await import('../src/index');
    // 300 1m bars from T0 (a day start): 5 complete hours; drop one bar of hour 2 so it is incomplete.
    const rows = bars.filter((_, i) => i !== 150);
    await store.transaction((c) => upsertRows(c, 'candles', candleStageRows('BTCUSDT', '1m', rows)));
    const real = { ...bars[0]!, ts: T0 + 3_600_000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 9 };
    await store.transaction((c) => upsertRows(c, 'candles', candleStageRows('BTCUSDT', '1h', [real])));
    const report = await deriveCandles(store, { symbol: 'BTCUSDT', from: '1m', to: ['1h'] });
    expect(report.to[0]).toMatchObject({ tf: '1h', inserted: 3, updated: 0, unchanged: 1 });
    const h = await loadCandles(store, { symbol: 'BTCUSDT', tf: '1h' });
    expect(Array.from(h.ts)).toEqual([T0, T0 + 3_600_000, T0 + 3 * 3_600_000, T0 + 4 * 3_600_000]);
    const hour0 = bars.slice(0, 60);
    expect(h.open[0]).toBe(hour0[0]!.open);
    expect(h.close[0]).toBe(hour0[59]!.close);
    expect(h.high[0]).toBe(Math.max(...hour0.map((b) => b.high)));
    expect(h.volume[0]).toBeCloseTo(
      hour0.reduce((s, b) => s + b.volume, 0),
      9,
    );
    expect(h.close[1]).toBe(1.5); // the real row stayed
  });
});

describe('heal --consistency', () => {
  it('finds a higher-TF bar that disagrees with its 1m bars and refetches both', async () => {
    const hours = [0, 1, 2, 3, 4].map((h) => {
      const bucket = bars.slice(h * 60, h * 60 + 60);
      return {
        ts: T0 + h * 3_600_000,
        open: bucket[0]!.open,
        high: Math.max(...bucket.map((b) => b.high)),
        low: Math.min(...bucket.map((b) => b.low)),
        close: bucket[59]!.close,
        volume: bucket.reduce((s, b) => s + b.volume, 0),
      };
    });
    const wrong = hours.map((h, i) => (i === 2 ? { ...h, close: h.close + 5, high: h.high + 5 } : h));
    await store.transaction(async (c) => {
      await upsertRows(c, 'candles', candleStageRows('BTCUSDT', '1m', bars));
      await upsertRows(c, 'candles', candleStageRows('BTCUSDT', '1h', wrong));
    });
    const exchange = new FakeMarketDataClient({ now: NOW, klines });
    // The fake serves one series for every interval: answer 1h requests with the true hourly bars.
    exchange.klines = async (req) => {
      exchange.calls.push({ method: 'klines', params: { ...req } });
      const src: KlineRow[] = req.interval === '60' ? hours : klines;
      return src.filter((b) => b.ts >= req.start && b.ts <= req.end).reverse();
    };
    const report = await healData(store, exchange, { symbol: 'BTCUSDT', consistency: true });
    const hourly = report.datasets.find((d) => d.key === '1h')!;
    expect(hourly).toMatchObject({ refetched: 1, consistency_mismatches: 0 });
    expect((await loadCandles(store, { symbol: 'BTCUSDT', tf: '1h' })).close[2]).toBe(hours[2]!.close);
  });
});

describe('dataInfo', () => {
  it('reports the file, schema version, row counts and the lock holder', async () => {
    const { dataInfo } = await import('../src/index');
    await store.transaction((c) =>
      upsertRows(c, 'candles', candleStageRows('BTCUSDT', '1m', bars.slice(0, 7))),
    );
    const info = await dataInfo(store);
    expect(info).toMatchObject({ db_path: store.dbPath, data_env: 'backtest', schema_version: 1 });
    expect(info.row_counts.candles).toBe(7);
    expect(info.row_counts.funding).toBe(0);
    expect(info.lock_holder).toMatchObject({ pid: process.pid, purpose: 'heal' });
  });
});

describe('cleanup and vacuum', () => {
  it('cleanup drops sync_state and gaps rows of series without data; vacuum keeps the data', async () => {
    const { cleanupStore, vacuumStore } = await import('../src/index');
    await store.transaction((c) =>
      upsertRows(c, 'candles', candleStageRows('BTCUSDT', '1m', bars.slice(0, 5))),
    );
    await healData(store, new FakeMarketDataClient({ now: NOW, klines: [] }), { dryRun: true });
    await store.transaction((c) =>
      c.run(
        "INSERT INTO gaps VALUES ('candles', 'ETHUSDT', '1m', 0, 60000, 2, 'open', 0, 0); INSERT INTO sync_state (dataset, symbol, key, status, updated_at) VALUES ('candles', 'ETHUSDT', '1m', 'idle', 0), ('candles', 'BTCUSDT', '1m', 'idle', 0)",
      ),
    );
    expect(await cleanupStore(store)).toEqual({ sync_state: 1, gaps: 1 });
    await vacuumStore(store);
    expect((await loadCandles(store, { symbol: 'BTCUSDT', tf: '1m' })).length).toBe(5);
  });
});
