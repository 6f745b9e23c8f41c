import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findSharedDir, parseCandlesCsv } from '@trade/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  exportSeries,
  healData,
  importFile,
  isDataError,
  loadCandles,
  loadFunding,
  loadRiskTiers,
  type MarketDataClient,
  type MarketStore,
  openWriter,
} from '../src/index';
import { tempDataDir } from './helpers';

const shared = findSharedDir();
let dir: { dataDir: string; cleanup: () => void };
let store: MarketStore;
beforeEach(async () => {
  dir = tempDataDir();
  store = await openWriter({ dataDir: dir.dataDir, env: {} }, 'import');
});
afterEach(async () => {
  await store.close();
  dir.cleanup();
});

const GOOD = [
  'ts,open,high,low,close,volume',
  '60000,10,12,9,11,1',
  '120000,11,13,10,12,2',
  '180000,12,12.5,11,11.5,0',
];

function write(name: string, lines: string[]): string {
  const file = join(dir.dataDir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function candleCount(): Promise<number> {
  return Number((await store.query('SELECT count(*)::INTEGER AS n FROM candles'))[0]!.n);
}

describe('importFile: bad CSV is refused with the row named and nothing written', () => {
  it('missing column', async () => {
    const file = write('a.csv', ['ts,open,high,low,volume', '60000,10,12,9,1']);
    await expect(importFile(store, { file, kind: 'candles', symbol: 'BTCUSDT' })).rejects.toSatisfy(
      (e) => isDataError(e, 'E_IMPORT_FORMAT') && /missing column\(s\) close/.test(e.message) && e.line === 1,
    );
    expect(await candleCount()).toBe(0);
  });

  it('non-monotonic ts', async () => {
    const file = write('b.csv', [...GOOD, '120000,11,13,10,12,2']);
    await expect(importFile(store, { file, kind: 'candles', symbol: 'BTCUSDT' })).rejects.toSatisfy(
      (e) =>
        isDataError(e, 'E_IMPORT_FORMAT') &&
        e.row === 4 &&
        /row 4 \(line 5\).*goes back in time/.test(e.message),
    );
    expect(await candleCount()).toBe(0);
  });

  it('NaN', async () => {
    const file = write('c.csv', [...GOOD.slice(0, 2), '120000,11,NaN,10,12,2']);
    await expect(importFile(store, { file, kind: 'candles', symbol: 'BTCUSDT' })).rejects.toSatisfy(
      (e) =>
        isDataError(e, 'E_IMPORT_FORMAT') &&
        e.row === 2 &&
        e.path === 'high' &&
        /not a finite number: 'nan'/i.test(e.message),
    );
    expect(await candleCount()).toBe(0);
  });

  it('a word in a later row of a plain numeric file (read with explicit number columns first)', async () => {
    const file = write('w.csv', [...GOOD, '240000,12,abc,11,11.5,1']);
    await expect(importFile(store, { file, kind: 'candles', symbol: 'BTCUSDT' })).rejects.toSatisfy(
      (e) =>
        isDataError(e, 'E_IMPORT_FORMAT') &&
        e.row === 4 &&
        e.path === 'high' &&
        /row 4 \(line 5\): column 'high' is not a finite number: 'abc'/.test(e.message),
    );
    expect(await candleCount()).toBe(0);
  });

  it('OHLC violation under strict', async () => {
    const file = write('d.csv', [...GOOD, '240000,12,11,10,11.5,1']);
    await expect(
      importFile(store, { file, kind: 'candles', symbol: 'BTCUSDT', strict: true }),
    ).rejects.toSatisfy(
      (e) => isDataError(e, 'E_IMPORT_REJECTED') && e.row === 4 && /row 4 \(line 5.*ohlc/.test(e.message),
    );
    expect(await candleCount()).toBe(0);
  });

  it('without strict an OHLC violation is skipped, reported by row and kept in candles_rejected', async () => {
    const file = write('e.csv', [...GOOD, '240000,12,11,10,11.5,1']);
    const report = await importFile(store, { file, kind: 'candles', symbol: 'BTCUSDT' });
    expect(report).toMatchObject({ rows_read: 4, inserted: 3, rejected: { ohlc: 1 } });
    expect(report.first_rejections[0]).toMatch(/^row 4 \(line 5, ts 240000\): ohlc/);
    expect(await store.query('SELECT ts::INTEGER AS ts, reason FROM candles_rejected')).toEqual([
      { ts: 240000, reason: 'ohlc' },
    ]);
  });
});

describe('importFile and exportSeries', () => {
  it('re-importing an identical file changes nothing and keeps the checksum', async () => {
    const file = write('g.csv', GOOD);
    const first = await importFile(store, { file, kind: 'candles', symbol: 'btcusdt' });
    const second = await importFile(store, { file, kind: 'candles', symbol: 'BTCUSDT' });
    expect(first).toMatchObject({
      inserted: 3,
      updated: 0,
      first_ts: 60000,
      last_ts: 180000,
      source: 'import:g.csv',
    });
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, checksum: first.checksum });
  });

  it('an overlapping import updates changed bars, adds new ones and stores each key once', async () => {
    await importFile(store, { file: write('g.csv', GOOD), kind: 'candles', symbol: 'BTCUSDT' });
    const next = write('h.csv', [
      'ts,open,high,low,close,volume',
      '120000,11,13,10,12.5,2',
      '180000,12,12.5,11,11.5,0',
      '240000,11.5,12,11,11.75,3',
    ]);
    const r = await importFile(store, { file: next, kind: 'candles', symbol: 'BTCUSDT' });
    // 180000 keeps its values but takes the newer source, so it counts as updated too.
    expect(r).toMatchObject({ inserted: 1, updated: 2, unchanged: 0 });
    expect(await store.query('SELECT ts::INTEGER AS ts, close, source FROM candles ORDER BY ts')).toEqual([
      { ts: 60000, close: 11, source: 'import:g.csv' },
      { ts: 120000, close: 12.5, source: 'import:h.csv' },
      { ts: 180000, close: 11.5, source: 'import:h.csv' },
      { ts: 240000, close: 11.75, source: 'import:h.csv' },
    ]);
    // A synthetic row never replaces imported data; the import replaces synthetic rows.
    const synthetic = write('s.csv', [
      'ts,open,high,low,close,volume',
      '240000,1,2,0.5,1.5,1',
      '300000,1,2,0.5,1.5,1',
    ]);
    expect(
      await importFile(store, {
        file: synthetic,
        kind: 'candles',
        symbol: 'BTCUSDT',
        source: 'synthetic:abc',
      }),
    ).toMatchObject({ inserted: 1, updated: 0, unchanged: 1 });
    const real = write('r.csv', ['ts,open,high,low,close,volume', '300000,2,3,1.5,2.5,1']);
    expect(await importFile(store, { file: real, kind: 'candles', symbol: 'BTCUSDT' })).toMatchObject({
      inserted: 0,
      updated: 1,
    });
    expect(await candleCount()).toBe(5);
    expect(
      await store.query(
        'SELECT count(DISTINCT ts)::INTEGER AS n, max(close) FILTER (WHERE ts = 300000) AS c FROM candles',
      ),
    ).toEqual([{ n: 5, c: 2.5 }]);
  });

  it('reads CRLF line ends and a turnover column left empty in some rows', async () => {
    const file = join(dir.dataDir, 'crlf.csv');
    writeFileSync(
      file,
      'ts,open,high,low,close,volume,turnover\r\n60000,10,12,9,11,1,11\r\n120000,11,13,10,12,2,\r\n',
    );
    const r = await importFile(store, { file, kind: 'candles', symbol: 'BTCUSDT' });
    expect(r).toMatchObject({ rows_read: 2, inserted: 2, first_ts: 60000, last_ts: 120000 });
    expect(await store.query('SELECT ts::INTEGER AS ts, close, turnover FROM candles ORDER BY ts')).toEqual([
      { ts: 60000, close: 11, turnover: 11 },
      { ts: 120000, close: 12, turnover: null },
    ]);
  });

  it('with dedupe last, a repeated time keeps its last row', async () => {
    const file = write('d.csv', [...GOOD, '180000,12,13,11,12.75,4']);
    const r = await importFile(store, { file, kind: 'candles', symbol: 'BTCUSDT', dedupe: 'last' });
    expect(r).toMatchObject({ rows_read: 4, inserted: 3 });
    expect(await store.query('SELECT close FROM candles WHERE ts = 180000')).toEqual([{ close: 12.75 }]);
  });

  it('reads ISO times, seconds, close-stamped bars and warns on naive ISO', async () => {
    const file = write('iso.csv', [
      'time,open,high,low,close,volume',
      '1970-01-01T00:02:00Z,1,2,0.5,1.5,1',
      '1970-01-01 00:03:00,1,2,0.5,1.5,1',
    ]);
    const r = await importFile(store, { file, kind: 'candles', symbol: 'BTCUSDT', tsIs: 'close' });
    expect(r).toMatchObject({ inserted: 2, first_ts: 60000, last_ts: 120000 });
    expect(r.warnings.map((w) => w.code)).toEqual(['W_IMPORT_NAIVE_TS']);
  });

  it.each(['csv', 'parquet'] as const)(
    'export then import (%s) reproduces identical rows',
    async (format) => {
      const file = write('h.csv', [
        'ts,open,high,low,close,volume,turnover',
        '60000,10.1,12,9,11,1.5,16.5',
        '120000,11,13,10,12,2,',
      ]);
      await importFile(store, { file, kind: 'candles', symbol: 'BTCUSDT' });
      const out = join(dir.dataDir, `out.${format}`);
      const exported = await exportSeries(store, { kind: 'candles', symbol: 'BTCUSDT', out });
      expect(exported).toMatchObject({ rows: 2, format });
      const before = await loadCandles(store, { symbol: 'BTCUSDT', tf: '1m' });
      await importFile(store, { file: out, kind: 'candles', symbol: 'ETHUSDT' });
      const after = await loadCandles(store, { symbol: 'ETHUSDT', tf: '1m' });
      expect(after).toEqual(before);
    },
  );

  it('exports ISO timestamps on request', async () => {
    await importFile(store, { file: write('i.csv', GOOD), kind: 'candles', symbol: 'BTCUSDT' });
    const out = join(dir.dataDir, 'iso-out.csv');
    await exportSeries(store, { kind: 'candles', symbol: 'BTCUSDT', out, ts: 'iso' });
    expect(readFileSync(out, 'utf8').split('\n')[1]).toMatch(
      /^1970-01-01T00:01:00\.000Z,10\.0,12\.0,9\.0,11\.0,1\.0,$/,
    );
  });
});

describe.skipIf(shared === undefined)('imports the stored shared data', () => {
  const data = (...p: string[]) => join(shared!, 'data', ...p);

  it('BTCUSDT 1m klines load back exactly as core parses them', async () => {
    const file = data('klines', 'bybit', 'BTCUSDT_1m.csv');
    const report = await importFile(store, { file, kind: 'candles', symbol: 'BTCUSDT' });
    expect(report).toMatchObject({ rows_read: 43_200, inserted: 43_200, rejected: {} });
    const expected = parseCandlesCsv(readFileSync(file, 'utf8'));
    const c = await loadCandles(store, { symbol: 'BTCUSDT', tf: '1m' });
    expect(Array.from(c.ts)).toEqual(Array.from(expected.ts));
    expect(Array.from(c.close)).toEqual(Array.from(expected.close));
    expect(Array.from(c.volume)).toEqual(Array.from(expected.volume));
  });

  it('funding with interval_hours, and a +3 h local-time copy is refused without --shift-hours', async () => {
    const file = data('funding', 'bybit', 'BTCUSDT_funding_2025-2026.csv');
    const r = await importFile(store, { file, kind: 'funding', symbol: 'BTCUSDT' });
    expect(r).toMatchObject({ rows_read: 1095, inserted: 1095 });
    const f = await loadFunding(store, { symbol: 'BTCUSDT' });
    expect(f.intervalMin[0]).toBe(480);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const shifted = write('shifted.csv', [
      lines[0]!,
      ...lines.slice(1).map((l) => l.replace(/^(\d+)/, (ts) => String(Number(ts) + 3 * 3_600_000))),
    ]);
    await expect(importFile(store, { file: shifted, kind: 'funding', symbol: 'ETHUSDT' })).rejects.toSatisfy(
      (e) => isDataError(e, 'E_IMPORT_FORMAT') && /3 h off the settlement grid/.test(e.message),
    );
    const fixed = await importFile(store, {
      file: shifted,
      kind: 'funding',
      symbol: 'ETHUSDT',
      shiftHours: -3,
    });
    expect(fixed.inserted).toBe(1095);
    expect(Array.from((await loadFunding(store, { symbol: 'ETHUSDT' })).ts)).toEqual(Array.from(f.ts));
  });

  it('the stored 1m bars aggregate exactly to the stored 60m bars (heal --consistency finds nothing)', async () => {
    await importFile(store, {
      file: data('klines', 'bybit', 'BTCUSDT_1m.csv'),
      kind: 'candles',
      symbol: 'BTCUSDT',
    });
    await importFile(store, {
      file: data('klines', 'bybit', 'BTCUSDT_60m.csv'),
      kind: 'candles',
      symbol: 'BTCUSDT',
      tf: '1h',
    });
    const offline = new Proxy({} as MarketDataClient, {
      get: (_, name) =>
        name === 'serverTime'
          ? async () => Date.now()
          : () => Promise.reject(new Error(`unexpected ${String(name)}`)),
    });
    const report = await healData(store, offline, { symbol: 'BTCUSDT', tf: '1h', consistency: true });
    expect(report.datasets).toEqual([
      expect.objectContaining({ key: '1h', consistency_mismatches: 0, refetched: 0 }),
    ]);
  });

  it('BTCUSDT risk tiers', async () => {
    const r = await importFile(store, {
      file: data('risk-limits', 'BTCUSDT_tiers.csv'),
      kind: 'risk_tiers',
      symbol: 'BTCUSDT',
    });
    expect(r.inserted).toBe(20);
    const tiers = await loadRiskTiers(store, 'BTCUSDT');
    expect(tiers[0]).toMatchObject({
      tierId: 1,
      riskLimitValue: 2_000_000,
      maintenanceMarginRate: 0.005,
      maxLeverage: 100,
      isLowestRisk: true,
    });
    expect(tiers).toHaveLength(20);
  });
});
