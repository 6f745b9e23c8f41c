import { canonicalJson, createPrng, sha256Hex } from '@trade/core';
import { describe, expect, it } from 'vitest';
import { generateSynthetic, type SyntheticOptions } from '../src/synthetic/index';

const BASE: SyntheticOptions = {
  pattern: 'reversal_v_bottom',
  bars: 400,
  leadInBars: 40,
  patternTf: '15m',
  tfs: ['1m', '15m', '1h'],
  seed: 5,
};

describe('synthetic PRNG streams (§4)', () => {
  it('seeds stream k with (seed + k · 0x632BE5AB) mod 2^32', () => {
    const seed = 4_000_000_000;
    const direct = createPrng((seed + 3 * 0x632be5ab) % 2 ** 32, 0);
    const stream = createPrng(seed, 3);
    for (let i = 0; i < 8; i++) expect(stream.next()).toBe(direct.next());
  });

  it.each<[string, SyntheticOptions]>([
    ['wickFactor', { wickFactor: 2.5 }],
    ['volumeBase', { volumeBase: 123 }],
    ['correlateVolume', { correlateVolume: false }],
    ['openGapSigma', { openGapSigma: 0.001 }],
  ])('changing %s leaves every close of every TF unchanged', (_name, change) => {
    const a = generateSynthetic(BASE);
    const b = generateSynthetic({ ...BASE, ...change });
    expect(b.dataHash).not.toBe(a.dataHash);
    for (const [tf, candles] of a.tfs) expect(b.tfs.get(tf)!.close).toEqual(candles.close);
  });

  it('changing the wick options leaves volumes unchanged, and volume options leave highs and lows unchanged', () => {
    const a = generateSynthetic(BASE);
    expect(generateSynthetic({ ...BASE, wickFactor: 3 }).candles1m.volume).toEqual(a.candles1m.volume);
    const vol = generateSynthetic({ ...BASE, volumeBase: 1, correlateVolume: false });
    expect(vol.candles1m.high).toEqual(a.candles1m.high);
    expect(vol.candles1m.low).toEqual(a.candles1m.low);
  });

  it('bridgeFactor changes intrabar 1m closes but never the pattern-TF closes', () => {
    const a = generateSynthetic(BASE);
    const b = generateSynthetic({ ...BASE, bridgeFactor: 0.2 });
    expect(b.patternCloses).toEqual(a.patternCloses);
    expect(b.tfs.get('15m')!.close).toEqual(a.tfs.get('15m')!.close);
    expect(b.candles1m.close).not.toEqual(a.candles1m.close);
  });

  it('the requested TF list does not change the 1m path (only the span and pattern TF do)', () => {
    const a = generateSynthetic({ ...BASE, tfs: ['1m', '15m'] });
    const b = generateSynthetic({ ...BASE, tfs: ['4h', '1h', '15m', '5m'] });
    expect(b.candles1m.close).toEqual(a.candles1m.close);
    expect(b.candles1m.volume).toEqual(a.candles1m.volume);
  });

  it('the lead-in is a ranging path joined to the pattern without a gap, pattern starting at B', () => {
    const d = generateSynthetic(BASE);
    const C = d.patternCloses;
    expect(C[40]).toBe(50_000);
    for (let i = 0; i < 40; i++) expect(Math.abs(C[i]! / 50_000 - 1)).toBeLessThan(0.05);
    const first = d.tfs.get('15m')!;
    expect(first.open[40]).toBe(first.close[39]);
    expect(d.candles1m.ts[40 * 15]).toBe(d.startMs);
  });
});

describe('synthetic data_hash (§8)', () => {
  it('is the first 12 hex of SHA-256 over the canonical descriptor with per-TF line digests', () => {
    const d = generateSynthetic({ ...BASE, tfs: ['1h', '15m'] });
    const series: Record<string, string> = {};
    for (const [tf, c] of d.tfs) {
      let text = '';
      for (let i = 0; i < c.length; i++)
        text += `${c.ts[i]},${c.open[i]},${c.high[i]},${c.low[i]},${c.close[i]},${c.volume[i]}\n`;
      series[tf] = sha256Hex(text);
    }
    const descriptor = {
      kind: 'synthetic/v1',
      config: { trend_magnitude: 0.2, noise_level: 0.3 },
      options: {
        basePrice: 50_000,
        dailyVol: 0.02,
        correlateVolume: true,
        wickFactor: 0.5,
        openGapSigma: 0,
        bridgeFactor: 1,
        volumeBase: 10,
        priceTick: 0,
        bars: 400,
        leadInBars: 40,
      },
      pattern: 'reversal_v_bottom',
      pattern_tf: '15m',
      seed: 5,
      series,
      start_ms: Date.UTC(2025, 0, 1),
      symbol: 'BTCUSDT',
      tfs: ['1m', '15m', '1h'],
    };
    expect(d.descriptor).toEqual(descriptor);
    expect(d.dataDigest).toBe(sha256Hex(canonicalJson(descriptor)));
    expect(d.dataHash).toBe(d.dataDigest.slice(0, 12));
  });

  it('the symbol label changes the hash but not a single number', () => {
    const a = generateSynthetic(BASE);
    const b = generateSynthetic({ ...BASE, symbol: 'ETHUSDT' });
    expect(b.dataHash).not.toBe(a.dataHash);
    expect(b.descriptor.series).toEqual(a.descriptor.series);
  });
});
