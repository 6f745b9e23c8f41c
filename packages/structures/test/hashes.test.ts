import { blake2b } from '@noble/hashes/blake2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { derivedZoneInstanceId, fmt8, pairAnchorHash, roundHalfEven } from '../src/index';

describe('fmt8 (structures.md §1.5)', () => {
  it.each([
    [0.001953125, '0.00195312'], // exact binary tie rounds to even (toFixed gives …13)
    [0.005859375, '0.00585938'], // exact binary tie, odd digit rounds up
    [50123.5, '50123.50000000'],
    [49000.25, '49000.25000000'],
    [0.1, '0.10000000'],
    [0, '0.00000000'],
    [1e-9, '0.00000000'],
    [-0.5, '-0.50000000'],
    [108123.45, '108123.45000000'],
    [2 ** 60, '1152921504606846976.00000000'],
  ])('formats %s as %s', (x, text) => {
    expect(fmt8(x)).toBe(text);
  });

  it('differs from toFixed(8) on ties', () => {
    expect((0.001953125).toFixed(8)).toBe('0.00195313');
    expect(fmt8(0.001953125)).not.toBe((0.001953125).toFixed(8));
  });
});

describe('roundHalfEven', () => {
  it.each([
    [0.5, 0],
    [1.5, 2],
    [2.5, 2],
    [618000.0000000001, 618000],
    [2.4999999, 2],
    [-0.5, 0],
    [-1.5, -2],
  ])('rounds %s to %s', (x, r) => {
    expect(roundHalfEven(x)).toBe(r);
  });
});

describe('identifier hashes (structures.md §1.5 vectors)', () => {
  it('pair_anchor_hash of 120|50123.50000000|110|49000.25000000|bullish is 8459f5be22bf4e48', () => {
    expect(pairAnchorHash(120, 50123.5, 110, 49000.25, 'bullish')).toBe('8459f5be22bf4e48');
  });

  it('is not a truncated blake2b-512 (that would be bfac015f3c65ad38)', () => {
    const truncated = bytesToHex(blake2b(utf8ToBytes('120|50123.50000000|110|49000.25000000|bullish'))).slice(
      0,
      16,
    );
    expect(truncated).toBe('bfac015f3c65ad38');
    expect(pairAnchorHash(120, 50123.5, 110, 49000.25, 'bullish')).not.toBe(truncated);
  });

  it('pair_anchor_hash of series S bar 5 (2|15.00000000|4|11.00000000|bearish) is fbf93585b6cbc3e6', () => {
    expect(pairAnchorHash(2, 15, 4, 11, 'bearish')).toBe('fbf93585b6cbc3e6');
  });

  it('derived_zone instance_id of derived_zone|0|120|110|618000|retracement is 2358589479', () => {
    expect(derivedZoneInstanceId(0, 120, 110, 0.618, 'retracement')).toBe(2358589479);
  });

  it('derived_zone instance_ids of series D match §3.4', () => {
    expect(derivedZoneInstanceId(1, 6, 2, 0.75, 'retracement')).toBe(3574544788);
    expect(derivedZoneInstanceId(1, 6, 2, 0.5, 'retracement')).toBe(1124109552);
    expect(derivedZoneInstanceId(2, 6, 12, 0.75, 'retracement')).toBe(1709563382);
    expect(derivedZoneInstanceId(2, 6, 12, 0.5, 'retracement')).toBe(2566959266);
    expect(derivedZoneInstanceId(3, 17, 12, 0.75, 'retracement')).toBe(2789386418);
    expect(derivedZoneInstanceId(3, 17, 12, 0.5, 'retracement')).toBe(2415704798);
  });
});

describe('the short-input BLAKE2b path', () => {
  it('equals @noble/hashes for 2000 random texts of 0..140 characters and every digest length', async () => {
    const { blake2bHex } = await import('../src/blake2b-small');
    const { createPrng } = await import('@trade/core');
    const rng = createPrng(11, 0);
    const alphabet = 'derived_zone|0123456789.-abcdefghijklmnopqrstuvwxyzé€';
    for (let k = 0; k < 2000; k++) {
      const len = rng.int(141);
      let text = '';
      for (let i = 0; i < len; i++)
        text += alphabet[rng.int(k % 10 === 0 ? alphabet.length : alphabet.length - 2)];
      const dkLen = 1 + rng.int(64);
      expect(blake2bHex(text, dkLen), `${JSON.stringify(text)} dkLen ${dkLen}`).toBe(
        bytesToHex(blake2b(utf8ToBytes(text), { dkLen })),
      );
    }
  });

  it('derived_zone instance_id (bytes encoded without a string) equals @noble/hashes of the key text', async () => {
    const { createPrng } = await import('@trade/core');
    const rng = createPrng(12, 0);
    const nobleId = (text: string) => {
      const d = blake2b(utf8ToBytes(text), { dkLen: 4 });
      return ((d[0]! << 24) | (d[1]! << 16) | (d[2]! << 8) | d[3]!) >>> 0;
    };
    const levels = [0, -0, 0.5, 0.618, 1.618, -0.25, 1e-7, 123_456.789, 1e20, 9_007_199_254.740_993];
    const sizes = [1, 10, 1e4, 1e9, 2 ** 53 - 1];
    for (let k = 0; k < 1000; k++) {
      const version = rng.int(sizes[rng.int(sizes.length)]!);
      const hi = rng.int(sizes[rng.int(sizes.length)]!);
      const lo = rng.int(sizes[rng.int(sizes.length)]!);
      const level = k < levels.length ? levels[k]! : (rng.uniform() - 0.2) * 10 ** rng.int(8);
      const mode = k % 3 === 0 ? 'extension' : k % 7 === 0 ? 'x'.repeat(90) : 'retracement';
      const text = `derived_zone|${version}|${hi}|${lo}|${roundHalfEven(level * 1e6)}|${mode}`;
      expect(derivedZoneInstanceId(version, hi, lo, level, mode), text).toBe(nobleId(text));
    }
  });
});
