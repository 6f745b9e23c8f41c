import { parseCandlesCsv } from '@trade/core';
import { describe, expect, it } from 'vitest';
import {
  generateSynthetic,
  SYNTHETIC_CSV_HEADER,
  syntheticCandlesToCsv,
  syntheticCsvFiles,
} from '../src/synthetic/index';

describe('synthetic export files', () => {
  const d = generateSynthetic({
    pattern: 'breakout_retest',
    bars: 40,
    leadInBars: 4,
    patternTf: '1h',
    tfs: ['1m', '4h'],
    seed: 3,
  });

  it('writes one <SYMBOL>_<tf>.csv per TF and synthetic.json last', () => {
    expect(syntheticCsvFiles(d).map((f) => f.name)).toEqual([
      'BTCUSDT_1m.csv',
      'BTCUSDT_4h.csv',
      'synthetic.json',
    ]);
  });

  it('CSV rows read back through core parseCandlesCsv to the exact same numbers', () => {
    const m1 = d.candles1m;
    const csv = syntheticCandlesToCsv(m1);
    expect(csv.startsWith(`${SYNTHETIC_CSV_HEADER}\n`)).toBe(true);
    const back = parseCandlesCsv(csv);
    expect(back.length).toBe(m1.length);
    expect(back.close).toEqual(m1.close);
    expect(back.high).toEqual(m1.high);
    expect(back.volume).toEqual(m1.volume);
    expect(Number(csv.split('\n')[1]!.split(',')[6])).toBe(m1.turnover[0]);
  });

  it('synthetic.json carries the data_hash, the span, bars per TF and the hashed descriptor', () => {
    const manifest = JSON.parse(syntheticCsvFiles(d).at(-1)!.content);
    expect(manifest).toMatchObject({
      data_hash: d.dataHash,
      data_digest: d.dataDigest,
      pattern: 'breakout_retest',
      seed: 3,
      bars: 40,
      lead_in_bars: 4,
      pattern_tf: '1h',
      data_start: '2024-12-31T20:00:00.000Z',
      start: '2025-01-01T00:00:00.000Z',
      end: '2025-01-02T16:00:00.000Z',
      bars_by_tf: { '1m': 2640, '4h': 11 },
    });
    expect(manifest.descriptor).toEqual(JSON.parse(JSON.stringify(d.descriptor)));
  });
});

describe('package README example', () => {
  it('runs as written', () => {
    const d = generateSynthetic({
      pattern: 'reversal_v_bottom',
      bars: 2000,
      seed: 7,
      patternTf: '15m',
      tfs: ['1m', '15m', '1h'],
    });
    expect(d.dataHash).toMatch(/^[0-9a-f]{12}$/);
    expect([d.tfs.get('15m')!.length, d.candles1m.length]).toEqual([2000, 30000]);
  });
});
