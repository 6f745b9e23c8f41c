import { canonicalJson } from '@trade/core';
import { generateSynthetic, type SyntheticDataset, type SyntheticOptions } from '@trade/data';

/** Datasets kept per thread (`synthetic-data.md` §7.2: a worker-local LRU of 4). */
const CAPACITY = 4;
const cache = new Map<string, SyntheticDataset>();

/**
 * `generateSynthetic` through a per-thread LRU keyed by the generator options (the `data_hash` inputs), so
 * gates that run the same play twice (G4 and G14, repeated research runs) generate once. The engine never
 * writes into the candles it is given, so a cached dataset can be shared by runs. `useCache: false` generates
 * afresh and leaves the cache alone (G14's second run, `validation.md` §6.7).
 */
export function syntheticDataset(options: SyntheticOptions, useCache = true): SyntheticDataset {
  if (!useCache) return generateSynthetic(options);
  const key = canonicalJson(options as Record<string, unknown>);
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const ds = generateSynthetic(options);
  cache.set(key, ds);
  if (cache.size > CAPACITY) cache.delete(cache.keys().next().value as string);
  return ds;
}

/** Empties the cache (tests and benchmarks that time generation). */
export function clearSyntheticCache(): void {
  cache.clear();
}
