import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTrade } from './io';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'trade-cli-data-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const CSV = [
  'ts,open,high,low,close,volume',
  '60000,10,12,9,11,1',
  '120000,11,13,10,12,2',
  '180000,12,12.5,11,11.5,3',
];

function csv(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const env = () => ({ TRADE_DATA_DIR: join(dir, 'data'), TRADE_DATA_ENV: undefined });

describe('trade data', () => {
  it('status on a fresh data dir reports no database and the resolved path', async () => {
    const r = await runTrade(['data', 'status', '--json'], env());
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.data).toMatchObject({
      exists: false,
      data_env: 'backtest',
      db_path: join(dir, 'data', 'trade.duckdb'),
    });
  });

  it('import then status then export round-trips the rows', async () => {
    const file = csv('btc.csv', CSV);
    const imp = await runTrade(
      ['data', 'import', file, '--kind', 'candles', '--symbol', 'btcusdt', '--json'],
      env(),
    );
    expect(imp.code).toBe(0);
    const doc = JSON.parse(imp.stdout);
    expect(doc.data.files[0]).toMatchObject({ inserted: 3, rows_read: 3, symbol: 'BTCUSDT' });
    const status = JSON.parse((await runTrade(['data', 'status', '--json'], env())).stdout);
    expect(status.data.series[0]).toMatchObject({
      dataset: 'candles',
      symbol: 'BTCUSDT',
      key: '1m',
      rows: 3,
      first_ts: 60000,
    });
    const human = await runTrade(['data', 'status'], env());
    expect(human.stdout).toMatch(/db: .*trade\.duckdb/);
    const out = join(dir, 'out.csv');
    const exp = await runTrade(['data', 'export', '--symbol', 'BTCUSDT', '--out', out, '--json'], env());
    expect(exp.code).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(4);
  });

  it('a bad CSV exits 3 naming the row, and writes nothing', async () => {
    const file = csv('bad.csv', [...CSV.slice(0, 2), '120000,11,NaN,10,12,2']);
    const r = await runTrade(
      ['data', 'import', file, '--kind', 'candles', '--symbol', 'BTCUSDT', '--json'],
      env(),
    );
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout);
    expect(doc.error).toMatchObject({ code: 'E_IMPORT_FORMAT', row: 2, line: 3 });
    const status = JSON.parse((await runTrade(['data', 'status', '--json'], env())).stdout);
    expect(status.data.series).toEqual([]);
  });

  it('usage errors exit 2 and name the flag', async () => {
    const noKind = await runTrade(['data', 'import', 'x.csv', '--symbol', 'BTCUSDT'], env());
    expect(noKind.code).toBe(2);
    expect(noKind.stderr).toMatch(/--kind/);
    const noRange = await runTrade(['data', 'sync', '--symbols', 'BTCUSDT', '--json'], env());
    expect(noRange.code).toBe(2);
    expect(JSON.parse(noRange.stdout).error.message).toMatch(/--period, --start or --to-now/);
    const badDate = await runTrade(['data', 'sync', '--symbols', 'BTCUSDT', '--start', 'yesterday'], env());
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/--start expects a date/);
  });

  it('an invalid data env name is an input error (exit 3)', async () => {
    const r = await runTrade(['data', 'status', '--data-env', 'Bad Env', '--json'], env());
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).error.code).toBe('E_DATA_ENV_NAME');
  });

  it('a writer refuses to start while another writer holds the lock (exit 4, E_DB_LOCKED naming the holder)', async () => {
    const dataDir = join(dir, 'data');
    await runTrade(['data', 'import', csv('a.csv', CSV), '--kind', 'candles', '--symbol', 'BTCUSDT'], env());
    const lock = {
      pid: process.pid,
      host: (await import('node:os')).hostname(),
      purpose: 'sync',
      started_at: Date.now(),
      heartbeat_at: Date.now(),
    };
    writeFileSync(join(dataDir, 'trade.duckdb.lock'), JSON.stringify(lock));
    const r = await runTrade(
      ['data', 'import', csv('b.csv', CSV), '--kind', 'candles', '--symbol', 'ETHUSDT', '--json'],
      env(),
    );
    expect(r.code).toBe(4);
    const doc = JSON.parse(r.stdout);
    expect(doc.error.code).toBe('E_DB_LOCKED');
    expect(doc.error.message).toMatch(new RegExp(`pid ${process.pid} .*\\(sync, since`));
  });
});

describe('trade data derive', () => {
  it('derives 3m bars from imported 1m bars (complete buckets only)', async () => {
    await runTrade(['data', 'import', csv('d.csv', CSV), '--kind', 'candles', '--symbol', 'BTCUSDT'], env());
    const r = await runTrade(['data', 'derive', '--symbol', 'BTCUSDT', '--to', '3m', '--json'], env());
    expect(r.code).toBe(0);
    // 1m bars at minutes 1, 2, 3: bucket [0, 3) lacks minute 0 and bucket [3, 6) lacks minutes 4 and 5.
    expect(JSON.parse(r.stdout).data.to[0]).toMatchObject({ tf: '3m', inserted: 0 });
    const more = csv('e.csv', [
      'ts,open,high,low,close,volume',
      '240000,11,13,10,12,2',
      '300000,12,12.5,11,11.5,3',
    ]);
    await runTrade(['data', 'import', more, '--kind', 'candles', '--symbol', 'BTCUSDT'], env());
    const again = JSON.parse(
      (await runTrade(['data', 'derive', '--symbol', 'BTCUSDT', '--to', '3m', '--json'], env())).stdout,
    );
    expect(again.data.to[0]).toMatchObject({ tf: '3m', inserted: 1 });
  });
});

describe('trade data info and gaps', () => {
  it('info reports row counts; gaps lists a hole by its first and last missing bar', async () => {
    const holed = csv('h.csv', [
      'ts,open,high,low,close,volume',
      '60000,10,12,9,11,1',
      '240000,11,13,10,12,2',
    ]);
    await runTrade(['data', 'import', holed, '--kind', 'candles', '--symbol', 'BTCUSDT'], env());
    const info = JSON.parse((await runTrade(['data', 'info', '--json'], env())).stdout);
    expect(info.data).toMatchObject({ schema_version: 1, lock_holder: null });
    expect(info.data.row_counts.candles).toBe(2);
    const gaps = JSON.parse((await runTrade(['data', 'gaps', '--json'], env())).stdout);
    expect(gaps.data.series).toEqual([
      {
        dataset: 'candles',
        symbol: 'BTCUSDT',
        key: '1m',
        gaps: [{ start: 120000, end: 180000, missing: 2 }],
        misaligned: 0,
      },
    ]);
  });
});

describe('trade data migrate, vacuum, cleanup', () => {
  it('migrate creates the database; vacuum and cleanup run on it', async () => {
    const m = JSON.parse((await runTrade(['data', 'migrate', '--json'], env())).stdout);
    expect(m.data).toMatchObject({ schema_version: 1, db_path: join(dir, 'data', 'trade.duckdb') });
    expect((await runTrade(['data', 'vacuum'], env())).code).toBe(0);
    const c = JSON.parse((await runTrade(['data', 'cleanup', '--json'], env())).stdout);
    expect(c.data.removed).toEqual({ sync_state: 0, gaps: 0 });
  });
});
