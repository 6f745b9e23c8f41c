import { describe, expect, it } from 'vitest';
import { syntheticDataset } from '../src/backtest/synthetic-cache';
import { clearSyntheticCache } from '../src/index';

const opts = (seed: number) => ({ pattern: 'ranging', bars: 50, tfs: ['15m' as const], seed });

describe('per-thread synthetic LRU (synthetic-data.md §7.2)', () => {
  it('returns the cached dataset for the same options and keeps the 4 most recently used', () => {
    clearSyntheticCache();
    const a = syntheticDataset(opts(1));
    expect(syntheticDataset(opts(1))).toBe(a);
    expect(syntheticDataset(opts(2))).not.toBe(a);
    for (const seed of [2, 3, 4]) syntheticDataset(opts(seed));
    expect(syntheticDataset(opts(1))).toBe(a); // touched: now the most recent
    syntheticDataset(opts(5)); // evicts seed 2, the least recently used
    const two = syntheticDataset(opts(2));
    expect(syntheticDataset(opts(1))).toBe(a);
    expect(two.dataDigest).toBe(syntheticDataset(opts(2), false).dataDigest);
  });

  it('useCache false generates afresh, equal in content, without touching the cache', () => {
    clearSyntheticCache();
    const cached = syntheticDataset(opts(7));
    const fresh = syntheticDataset(opts(7), false);
    expect(fresh).not.toBe(cached);
    expect(fresh.dataDigest).toBe(cached.dataDigest);
    expect(syntheticDataset(opts(7))).toBe(cached);
  });
});
