import { describe, expect, it } from 'vitest';
import { createPrng, SplitMix32, Xoshiro128ss } from '../src/index';

// Expected words come from an independent Python implementation of synthetic-data.md §4.
describe('SplitMix32', () => {
  it('produces the reference sequence for seed 42', () => {
    const sm = new SplitMix32(42);
    expect([sm.next(), sm.next(), sm.next(), sm.next()]).toEqual([
      939911724, 3948730756, 321366731, 3317318717,
    ]);
  });
});

describe('Xoshiro128ss', () => {
  it('produces the reference sequence for seed 42', () => {
    const g = new Xoshiro128ss(42);
    expect(Array.from({ length: 6 }, () => g.next())).toEqual([
      2837322924, 544945897, 479756282, 3500138142, 339756180, 113173290,
    ]);
  });

  it('builds uniform() from two words as (a*2^26 + b) / 2^53', () => {
    expect(new Xoshiro128ss(42).uniform()).toBe(0.6606157208001621);
  });

  it('offsets stream k by k * 0x632BE5AB', () => {
    const g = createPrng(7, 3);
    expect([g.next(), g.next(), g.next()]).toEqual([2396379778, 2291970664, 4011625050]);
    const plain = createPrng(42);
    expect(plain.next()).toBe(2837322924);
  });

  it('replaces an all-zero state with s0 = 1', () => {
    // No 32-bit seed maps to four zero words, so check the invariant on the public state instead.
    const g = new Xoshiro128ss(0);
    expect(g.state().some((w) => w !== 0)).toBe(true);
  });

  it('normal() consumes exactly four words and has mean ~0, variance ~1', () => {
    const a = createPrng(1);
    const b = createPrng(1);
    a.normal();
    for (let i = 0; i < 4; i++) b.next();
    expect(a.next()).toBe(b.next());
    const g = createPrng(123);
    let sum = 0;
    let sq = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const z = g.normal();
      sum += z;
      sq += z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.02);
  });

  it('uniform() stays in [0, 1)', () => {
    const g = createPrng(9);
    for (let i = 0; i < 10_000; i++) {
      const u = g.uniform();
      expect(u >= 0 && u < 1).toBe(true);
    }
  });
});
