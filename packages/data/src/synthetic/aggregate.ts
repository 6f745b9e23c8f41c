import { MINUTE_MS, rollup, type Timeframe } from '@trade/core';
import type { SyntheticCandles } from './minute-bars';
import { type SyntheticTimeframe, syntheticTfMinutes } from './options';

/**
 * Aggregates the 1m bars to every requested timeframe with core's `rollup` (UTC grid, W on Monday; partial
 * first/last buckets dropped, §6.2). The 1m path has no gaps, so a bucket opening at `ts` covers the 1m bars
 * `[(ts − start) / 1m, … + tf minutes)`; turnover is summed over exactly those.
 */
export function aggregateTimeframes(
  bars1m: SyntheticCandles,
  tfs: readonly SyntheticTimeframe[],
): Map<SyntheticTimeframe, SyntheticCandles> {
  const out = new Map<SyntheticTimeframe, SyntheticCandles>();
  for (const tf of tfs) {
    if (tf === '1m') {
      out.set(tf, bars1m);
      continue;
    }
    const bars = rollup(bars1m, tf as Timeframe);
    out.set(tf, { ...bars, turnover: sumTurnover(bars1m, bars.ts, syntheticTfMinutes(tf)) });
  }
  return out;
}

function sumTurnover(bars1m: SyntheticCandles, bucketTs: Float64Array, minutes: number): Float64Array {
  const start = bars1m.length === 0 ? 0 : bars1m.ts[0]!;
  const src = bars1m.turnover;
  const sums = new Float64Array(bucketTs.length);
  for (let b = 0; b < bucketTs.length; b++) {
    const first = (bucketTs[b]! - start) / MINUTE_MS;
    let s = 0;
    for (let g = first; g < first + minutes; g++) s += src[g]!;
    sums[b] = s;
  }
  return sums;
}
