import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCandlesCsv } from '@trade/core';
import { generateSynthetic, loadCandles, openReader } from '@trade/data';
import { afterAll, describe, expect, it } from 'vitest';
import { runTrade } from './io';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trade-synthetic-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('trade data synthetic', () => {
  it('writes <SYMBOL>_<tf>.csv per TF and synthetic.json, and reports the generator data_hash', async () => {
    const out = tempDir();
    const argv = ['data', 'synthetic', '--pattern', 'range_wide', '--bars', '50', '--seed', '7'];
    const r = await runTrade([...argv, '--tfs', '1m,1h', '--pattern-tf', '15m', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const expected = generateSynthetic({
      pattern: 'range_wide',
      bars: 50,
      seed: 7,
      tfs: ['1m', '1h'],
      patternTf: '15m',
    });
    expect(doc.data.data_hash).toBe(expected.dataHash);
    expect(doc.data.bars_by_tf).toEqual({ '1m': 750, '1h': 12 });
    expect(readdirSync(out).sort()).toEqual(['BTCUSDT_1h.csv', 'BTCUSDT_1m.csv', 'synthetic.json']);
    const csv = readFileSync(join(out, 'BTCUSDT_1h.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('ts,open,high,low,close,volume,turnover');
    const hourly = parseCandlesCsv(csv);
    expect(Array.from(hourly.close)).toEqual(Array.from(expected.tfs.get('1h')!.close));
    const manifest = JSON.parse(readFileSync(join(out, 'synthetic.json'), 'utf8'));
    expect(manifest.data_hash).toBe(expected.dataHash);
    expect(manifest.descriptor.series['1h']).toBe(expected.descriptor.series?.['1h']);
  });

  it('prints the data_hash without writing anything when --out is absent', async () => {
    const r = await runTrade(['data', 'synthetic', '--pattern', 'trend_up_clean', '--bars', '20']);
    expect(r.code).toBe(0);
    const hash = generateSynthetic({ pattern: 'trend_up_clean', bars: 20 }).dataHash;
    expect(r.stdout).toContain(`data_hash ${hash}`);
    expect(r.stdout).toMatch(/nothing written/);
  });

  it('applies repeated --config key=value overrides', async () => {
    const argv = ['data', 'synthetic', '--pattern', 'trend_stairs', '--bars', '40', '--json'];
    const r = await runTrade([...argv, '--config', 'stairs_steps=5', '--config', 'trend_magnitude=0.3']);
    const doc = JSON.parse(r.stdout);
    expect(doc.data.config).toEqual({ trend_magnitude: 0.3, stairs_steps: 5, noise_level: 0.3 });
    const expected = generateSynthetic({
      pattern: 'trend_stairs',
      bars: 40,
      config: { stairs_steps: 5, trend_magnitude: 0.3 },
    });
    expect(doc.data.data_hash).toBe(expected.dataHash);
  });

  it('--import loads every TF into the data env as source synthetic:<data_hash>; a re-import changes nothing', async () => {
    const dataDir = tempDir();
    const argv = [
      'data',
      'synthetic',
      '--pattern',
      'reversal_v_top',
      '--bars',
      '30',
      '--tfs',
      '1m,1h',
      '--pattern-tf',
      '15m',
    ];
    const flags = ['--import', '--data-dir', dataDir, '--data-env', 'synthetic_test', '--json'];
    const first = JSON.parse((await runTrade([...argv, ...flags])).stdout);
    const expected = generateSynthetic({
      pattern: 'reversal_v_top',
      bars: 30,
      tfs: ['1m', '1h'],
      patternTf: '15m',
    });
    expect(first.data.import.source).toBe(`synthetic:${expected.dataHash}`);
    expect(first.data.import.series).toEqual([
      { tf: '1m', inserted: 450, updated: 0, unchanged: 0 },
      { tf: '1h', inserted: 7, updated: 0, unchanged: 0 },
    ]);
    expect(first.data.files).toEqual([]);
    const again = JSON.parse((await runTrade([...argv, ...flags])).stdout);
    expect(again.data.import.series.map((s: { unchanged: number }) => s.unchanged)).toEqual([450, 7]);
    const store = await openReader({ dataDir, dataEnv: 'synthetic_test' });
    try {
      const hourly = await loadCandles(store, { symbol: 'BTCUSDT', tf: '1h' });
      expect(Array.from(hourly.close)).toEqual(Array.from(expected.tfs.get('1h')!.close));
      expect(Array.from(hourly.turnover)).toEqual(Array.from(expected.tfs.get('1h')!.turnover));
    } finally {
      await store.close();
    }
  });

  it('--format parquet writes <SYMBOL>_<tf>.parquet files that import back to the same bars', async () => {
    const out = tempDir();
    const argv = [
      'data',
      'synthetic',
      '--pattern',
      'accumulation',
      '--bars',
      '24',
      '--tfs',
      '1m,4h',
      '--pattern-tf',
      '1h',
    ];
    const r = await runTrade([...argv, '--out', out, '--format', 'parquet', '--json']);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['BTCUSDT_1m.parquet', 'BTCUSDT_4h.parquet', 'synthetic.json']);
    const dataDir = tempDir();
    const imported = await runTrade([
      'data',
      'import',
      join(out, 'BTCUSDT_4h.parquet'),
      '--kind',
      'candles',
      '--symbol',
      'BTCUSDT',
      '--tf',
      '4h',
      '--data-dir',
      dataDir,
      '--json',
    ]);
    expect(imported.code).toBe(0);
    const store = await openReader({ dataDir });
    try {
      const bars = await loadCandles(store, { symbol: 'BTCUSDT', tf: '4h' });
      const expected = generateSynthetic({
        pattern: 'accumulation',
        bars: 24,
        tfs: ['1m', '4h'],
        patternTf: '1h',
      });
      expect(Array.from(bars.close)).toEqual(Array.from(expected.tfs.get('4h')!.close));
    } finally {
      await store.close();
    }
  });

  it('lists the 34 patterns with --list', async () => {
    const r = await runTrade(['data', 'synthetic', '--list', '--json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.data.patterns).toHaveLength(34);
    const human = await runTrade(['data', 'synthetic', '--list']);
    expect(human.stdout).toMatch(/^PAT_001 {2}trending/);
    expect(human.stdout).toMatch(/PAT_034 {2}mtf_pullback_bear/);
  });

  it.each([
    [
      ['--pattern', 'trend_up_cleen'],
      /--pattern: unknown pattern 'trend_up_cleen'/,
      /did you mean `trend_up_clean`/,
    ],
    [
      ['--pattern', 'ranging', '--config', 'noise_level=1'],
      /--config: pattern 'ranging' has no parameter 'noise_level'/,
      /accepts no parameters/,
    ],
    [
      ['--pattern', 'ranging', '--tfs', '1m,M'],
      /--tfs: 'M' is not a synthetic timeframe/,
      /not fixed-length/,
    ],
    [['--pattern', 'ranging', '--bars', '5'], /--bars: option 'bars' must be an integer in 10/, /bars/],
    [['--pattern', 'ranging', '--bars', 'many'], /--bars expects a number/, /--bars/],
    [['--bars', '100'], /missing required flag --pattern/, /--list/],
    [['--pattern', 'ranging', '--format', 'xlsx'], /--format expects csv or parquet/, /--format parquet/],
  ])('rejects %j as a usage error (exit 2) naming the flag', async (flags, message, hint) => {
    const r = await runTrade(['data', 'synthetic', ...flags, '--json']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.error.code).toBe('E_USAGE');
    expect(doc.error.message).toMatch(message);
    expect(doc.error.hint).toMatch(hint);
  });
});
