import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BTCUSDT_INSTRUMENT, candlesFromRows, sha256Hex } from '@trade/core';
import { describe, expect, it } from 'vitest';
import {
  candlesDigest,
  configHash,
  csvNumber,
  dataHash,
  dataHashRecord,
  isoTime,
  parseCsv,
  runHash,
  runPlayBacktest,
  sortedJson,
  toCsv,
  tradesHash,
  windowTag,
  writeRunFolder,
} from '../src/index';

const bars = candlesFromRows([
  { ts: 0, open: 10, high: 11.5, low: 9, close: 10.25, volume: 3 },
  { ts: 60_000, open: 10.25, high: 12, low: 10, close: 0.1, volume: 0 },
]);

describe('artifact formatting', () => {
  it('writes shortest numbers, -0 as 0 and MISSING as empty', () => {
    expect([
      csvNumber(0.1),
      csvNumber(1e-7),
      csvNumber(-0),
      csvNumber(Number.NaN),
      csvNumber(null),
      csvNumber(12),
    ]).toEqual(['0.1', '1e-7', '0', '', '', '12']);
    expect(() => csvNumber(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(isoTime(1748623140000)).toBe('2025-05-30T16:39:00.000Z');
    expect(windowTag(Date.parse('2025-06-01T00:00:00Z'), Date.parse('2025-06-08T12:30:00Z'))).toBe(
      '20250601T0000-20250608T1230',
    );
  });

  it('quotes CSV per RFC 4180 and parses it back', () => {
    const text = toCsv(
      ['a', 'b', 'c'],
      [
        [1, 'x,y', null],
        ['say "hi"', 'line\nbreak', true],
      ],
    );
    expect(text).toBe('a,b,c\n1,"x,y",\n"say ""hi""","line\nbreak",true\n');
    expect(parseCsv(text)).toEqual({
      header: ['a', 'b', 'c'],
      rows: [
        ['1', 'x,y', ''],
        ['say "hi"', 'line\nbreak', 'true'],
      ],
    });
    expect(() => toCsv(['a'], [[1, 2]])).toThrow(/2 cells/);
  });
});

describe('hashes', () => {
  it('digests bars as ts,o,h,l,c,v lines', () => {
    const d = candlesDigest(bars);
    expect(d).toEqual({
      first_ts: 0,
      last_ts: 60_000,
      count: 2,
      sha256: sha256Hex('0,10,11.5,9,10.25,3\n60000,10.25,12,10,0.1,0\n'),
    });
    expect(candlesDigest(bars, false).sha256).toBe(sha256Hex('0,10,11.5,9,10.25\n60000,10.25,12,10,0.1\n'));
  });

  it('data_hash covers instrument, bars and funding, and changes with any of them', () => {
    const base = {
      symbol: 'BTCUSDT',
      instrument: BTCUSDT_INSTRUMENT,
      last1m: bars,
      funding: { source: 'none' as const },
    };
    const h = dataHash(base);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(dataHash({ ...base })).toBe(h);
    const rec = dataHashRecord(base);
    expect(rec.kind).toBe('data/v1');
    expect(rec.instrument.risk_tiers).toHaveLength(20);
    expect(rec.mark_1m).toBeNull();
    const changedBar = candlesFromRows([{ ts: 0, open: 10, high: 11.5, low: 9, close: 10.25, volume: 3 }]);
    expect(dataHash({ ...base, last1m: changedBar })).not.toBe(h);
    expect(dataHash({ ...base, instrument: { ...BTCUSDT_INSTRUMENT, tickSize: 0.5 } })).not.toBe(h);
    expect(dataHash({ ...base, funding: { source: 'constant', constantRate: 0.0001 } })).not.toBe(h);
    expect(dataHash({ ...base, funding: { source: 'history', ts: [28_800_000], rates: [0.0001] } })).not.toBe(
      h,
    );
  });

  it('config, trades and run hashes are kind-tagged and order-independent in keys', () => {
    const cfg = {
      data_mode: 'synthetic' as const,
      window_start: 0,
      window_end: 1,
      sim_start: 0,
      sim_end: 1,
      synthetic: null,
      overrides: { variables: {}, equity: null, slippage_bps: null },
      funding_mode: 'none' as const,
    };
    expect(configHash(cfg)).toBe(configHash({ ...cfg }));
    expect(configHash({ ...cfg, sim_end: 2 })).not.toBe(configHash(cfg));
    expect(tradesHash([])).not.toBe(tradesHash([{ trade_id: 'T000001' }]));
    const run = {
      engine_version: 'x',
      input_hash: 'a',
      trades_hash: 'b',
      equity_hash: 'c',
      events_hash: 'd',
      stop_reason: 'end_of_data',
    };
    expect(runHash(run)).not.toBe(runHash({ ...run, stop_reason: 'liquidated' }));
  });
});

describe('run folder', () => {
  it('writes atomically and replaces an existing folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'runs-'));
    const folder = join(root, 'play', 'BTCUSDT', 'run1');
    writeRunFolder(folder, { 'a.txt': 'one', 'b.txt': 'two' });
    writeRunFolder(folder, { 'a.txt': 'three' });
    expect(readdirSync(folder)).toEqual(['a.txt']);
    expect(readFileSync(join(folder, 'a.txt'), 'utf8')).toBe('three');
    expect(readdirSync(join(root, 'play', 'BTCUSDT'))).toEqual(['run1']);
    expect(existsSync(join(root, 'play', 'BTCUSDT', `.run1.tmp-${process.pid}`))).toBe(false);
  });

  it('sorts keys at every level for result.json', () => {
    expect(sortedJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe(
      '{\n  "a": {\n    "c": null,\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });
});

describe('run folder without the report', () => {
  it('report: false writes the data artifacts and lists no report.html', async () => {
    const root = mkdtempSync(join(tmpdir(), 'engine-no-report-'));
    const run = await runPlayBacktest({
      playPath: join(
        import.meta.dirname,
        '..',
        '..',
        '..',
        'plays',
        'examples',
        '01_ema_cross_rsi_filter.yml',
      ),
      source: { kind: 'synthetic', bars: 300 },
      artifactsRoot: root,
      report: false,
    });
    const files = readdirSync(run.folder as string).sort();
    expect(files).toEqual([
      'equity.csv',
      'events.jsonl',
      'play.normalized.json',
      'play.yml',
      'result.json',
      'trades.csv',
    ]);
    const listed = (run.result.artifacts as { files: string[] }).files;
    expect(listed).not.toContain('report.html');
    expect([...listed].sort()).toEqual(files);
  });
});
