import type { Xoshiro128ss } from '@trade/core';

/**
 * Refines pattern-TF closes to 1m closes with a Brownian bridge (`synthetic-data.md` §6.3). Each pattern bar
 * `j` runs from `A` (the previous close, `B` for j = 0) to its close `E`; the bar's last 1m close is `E`
 * exactly, so every aggregate of the pattern TF closes where the pattern says.
 *
 * @param closes pattern-TF closes `C`
 * @param k pattern-TF minutes (1m bars per pattern bar)
 * @param basePrice `B`
 * @param sigma1 `bridgeFactor · dailyVol · B / sqrt(1440)`
 * @param rng the bridge stream (k = 2); untouched when `k = 1`
 */
export function bridgeTo1m(
  closes: Float64Array,
  k: number,
  basePrice: number,
  sigma1: number,
  rng: Xoshiro128ss,
): Float64Array {
  const bars = closes.length;
  const out = new Float64Array(bars * k);
  if (k === 1) {
    out.set(closes);
    return out;
  }
  const floor = 0.005 * basePrice;
  // Cumulative sums z_1 + … + z_t of the bar, reused across bars (no allocation per bar).
  const sums = new Float64Array(k + 1);
  let g = 0;
  for (let j = 0; j < bars; j++) {
    const A = j === 0 ? basePrice : closes[j - 1]!;
    const E = closes[j]!;
    let s = 0;
    for (let t = 1; t <= k; t++) {
      s += rng.normal();
      sums[t] = s;
    }
    const Wk = sigma1 * sums[k]!;
    for (let t = 1; t < k; t++) {
      const f = t / k;
      const c = A + f * (E - A) + sigma1 * sums[t]! - f * Wk;
      out[g++] = Math.max(c, floor);
    }
    out[g++] = Math.max(E, floor);
  }
  return out;
}
