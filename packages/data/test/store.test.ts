import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  isDataError,
  loadCandles,
  openReader,
  openWriter,
  readLockHolder,
  resolveDataLocation,
  upsertRows,
} from '../src/index';
import { candleStageRows, makeBars, tempDataDir } from './helpers';

let dir: { dataDir: string; cleanup: () => void };
beforeEach(() => {
  dir = tempDataDir();
});
afterEach(() => dir.cleanup());

describe('data location', () => {
  it('names trade.duckdb for backtest and <env>.duckdb otherwise', () => {
    expect(resolveDataLocation({ dataDir: '/x', env: {} }).dbPath).toBe('/x/trade.duckdb');
    expect(resolveDataLocation({ dataDir: '/x', dataEnv: 'research', env: {} }).dbPath).toBe(
      '/x/research.duckdb',
    );
    expect(
      resolveDataLocation({ cwd: '/w', env: { TRADE_DATA_DIR: 'd', TRADE_DATA_ENV: 'live' } }).dbPath,
    ).toBe('/w/d/live.duckdb');
  });

  it('rejects an invalid env name with E_DATA_ENV_NAME', () => {
    expect(() => resolveDataLocation({ dataEnv: 'Bad Name', env: {} })).toThrow(/not a valid data env/);
  });
});

describe('writer and readers', () => {
  it('creates the schema, holds a lock file while open and removes it on close', async () => {
    const w = await openWriter({ dataDir: dir.dataDir, env: {} }, 'import');
    expect(readLockHolder(w.location.lockPath)?.purpose).toBe('import');
    const tables = await w.query('SELECT table_name FROM duckdb_tables() ORDER BY 1');
    expect(tables.map((t) => t.table_name)).toContain('candles');
    await w.close();
    expect(existsSync(w.location.lockPath)).toBe(false);
  });

  it('upserts idempotently and reads columns back as Float64Array', async () => {
    const w = await openWriter({ dataDir: dir.dataDir, env: {} }, 'import');
    const bars = makeBars(1_700_000_040_000, 50);
    const first = await w.transaction((c) =>
      upsertRows(c, 'candles', candleStageRows('BTCUSDT', '1m', bars)),
    );
    expect(first).toEqual({ inserted: 50, updated: 0, unchanged: 0 });
    const again = await w.transaction((c) =>
      upsertRows(c, 'candles', candleStageRows('BTCUSDT', '1m', bars)),
    );
    expect(again).toEqual({ inserted: 0, updated: 0, unchanged: 50 });
    const c = await loadCandles(w, { symbol: 'btcusdt', tf: '1m' });
    expect(c.length).toBe(50);
    expect(c.ts).toBeInstanceOf(Float64Array);
    expect(Array.from(c.close)).toEqual(bars.map((b) => b.close));
    const tail = await loadCandles(w, { symbol: 'BTCUSDT', tf: '1m', limit: 3 });
    expect(Array.from(tail.ts)).toEqual(bars.slice(-3).map((b) => b.ts));
    const mid = await loadCandles(w, {
      symbol: 'BTCUSDT',
      tf: '1m',
      start: bars[10]!.ts + 1,
      end: bars[20]!.ts,
    });
    expect(mid.ts[0]).toBe(bars[10]!.ts);
    expect(mid.length).toBe(10);
    await w.close();
  });

  it('never lets derived rows replace real rows, while real rows replace derived ones', async () => {
    const w = await openWriter({ dataDir: dir.dataDir, env: {} }, 'import');
    const bars = makeBars(1_700_000_040_000, 4);
    await w.transaction((c) => upsertRows(c, 'candles', candleStageRows('BTCUSDT', '1m', bars.slice(0, 2))));
    const shifted = bars.map((b) => ({ ...b, close: b.close + 0.1, high: b.high + 0.1 }));
    const derived = await w.transaction((c) =>
      upsertRows(c, 'candles', candleStageRows('BTCUSDT', '1m', shifted, 'derived:1m')),
    );
    expect(derived).toEqual({ inserted: 2, updated: 0, unchanged: 2 });
    const real = await w.transaction((c) => upsertRows(c, 'candles', candleStageRows('BTCUSDT', '1m', bars)));
    expect(real).toEqual({ inserted: 0, updated: 2, unchanged: 2 });
    const rows = await w.query('SELECT DISTINCT source FROM candles');
    expect(rows).toEqual([{ source: 'bybit' }]);
    await w.close();
  });

  it('keeps (symbol, tf, ts) unique without an index: overlapping batches, in-batch duplicates, both 1m tables', async () => {
    const w = await openWriter({ dataDir: dir.dataDir, env: {} }, 'import');
    // The key of the 1m tables is the writer's job (docs/decisions.md); no ART index is there to catch a slip.
    const keyed = await w.query(
      "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' AND table_name IN ('candles', 'mark_candles')",
    );
    expect(keyed).toEqual([]);
    const bars = makeBars(1_700_000_040_000, 30);
    const first = await w.transaction((c) =>
      upsertRows(c, 'candles', candleStageRows('BTCUSDT', '1m', bars.slice(0, 20))),
    );
    expect(first).toEqual({ inserted: 20, updated: 0, unchanged: 0 });
    // Overlap of 10 bars, 5 of them changed; the batch also repeats its last key, whose last copy must win.
    const changed = bars.map((b, i) => (i >= 15 ? { ...b, close: b.close + 0.25, high: b.high + 0.25 } : b));
    const batch = candleStageRows('BTCUSDT', '1m', changed.slice(10, 30));
    const last = batch[batch.length - 1]!;
    const overlap = await w.transaction((c) =>
      upsertRows(c, 'candles', [...batch.slice(0, -1), { ...last, volume: 999 }, last]),
    );
    expect(overlap).toEqual({ inserted: 10, updated: 5, unchanged: 5 });
    const marks = bars.map(({ volume: _v, ...b }) => ({
      symbol: 'BTCUSDT',
      tf: '1m',
      ...b,
      source: 'bybit',
    }));
    await w.transaction((c) => upsertRows(c, 'mark', marks.slice(0, 20)));
    await w.transaction((c) => upsertRows(c, 'mark', marks.slice(5)));
    for (const table of ['candles', 'mark_candles']) {
      const [row] = await w.query(
        `SELECT count(*)::INTEGER AS n, count(DISTINCT (symbol, tf, ts))::INTEGER AS keys FROM ${table}`,
      );
      expect(row).toEqual({ n: 30, keys: 30 });
    }
    const c = await loadCandles(w, { symbol: 'BTCUSDT', tf: '1m' });
    expect(Array.from(c.close)).toEqual(changed.map((b) => b.close));
    expect(c.volume[29]).toBe(last.volume);
    await w.close();
  });

  it('rolls back a failed transaction completely', async () => {
    const w = await openWriter({ dataDir: dir.dataDir, env: {} }, 'import');
    await expect(
      w.transaction(async (c) => {
        await upsertRows(c, 'candles', candleStageRows('BTCUSDT', '1m', makeBars(1_700_000_040_000, 5)));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await w.query('SELECT count(*)::INTEGER AS n FROM candles')).toEqual([{ n: 0 }]);
    await w.close();
  });

  it('gives a reader in the writing process a consistent snapshot while a write is in progress', async () => {
    const w = await openWriter({ dataDir: dir.dataDir, env: {} }, 'sync');
    await w.transaction((c) =>
      upsertRows(c, 'candles', candleStageRows('BTCUSDT', '1m', makeBars(1_700_000_040_000, 10))),
    );
    const r = await openReader({ dataDir: dir.dataDir, env: {} });
    let release!: () => void;
    const gate = new Promise<void>((res) => {
      release = res;
    });
    let staged!: () => void;
    const stagedSignal = new Promise<void>((res) => {
      staged = res;
    });
    const write = w.transaction(async (c) => {
      await upsertRows(c, 'candles', candleStageRows('BTCUSDT', '1m', makeBars(1_700_000_640_000, 10)));
      staged();
      await gate;
    });
    await stagedSignal;
    expect((await loadCandles(r, { symbol: 'BTCUSDT', tf: '1m' })).length).toBe(10);
    release();
    await write;
    expect((await loadCandles(r, { symbol: 'BTCUSDT', tf: '1m' })).length).toBe(20);
    await r.close();
    await w.close();
  });

  it('refuses writes through a reader with E_DB_READONLY_WRITE', async () => {
    const w = await openWriter({ dataDir: dir.dataDir, env: {} }, 'import');
    await w.close();
    const r = await openReader({ dataDir: dir.dataDir, env: {} });
    await expect(r.transaction(async () => undefined)).rejects.toSatisfy((e) =>
      isDataError(e, 'E_DB_READONLY_WRITE'),
    );
    await r.close();
  });

  it('reports E_DB_NOT_FOUND for a reader of a missing file', async () => {
    await expect(openReader({ dataDir: dir.dataDir, env: {} })).rejects.toSatisfy((e) =>
      isDataError(e, 'E_DB_NOT_FOUND'),
    );
  });
});

describe('staging after a rollback', () => {
  it('re-creates the staging table a rolled-back first write had created', async () => {
    const w = await openWriter({ dataDir: dir.dataDir, env: {} }, 'import');
    const bars = makeBars(1_700_000_040_000, 3);
    await expect(
      w.transaction(async (c) => {
        await upsertRows(c, 'candles', candleStageRows('BTCUSDT', '1m', bars));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const counts = await w.transaction((c) =>
      upsertRows(c, 'candles', candleStageRows('BTCUSDT', '1m', bars)),
    );
    expect(counts.inserted).toBe(3);
    await w.close();
  });
});
