import type { Candles } from '@trade/core';
import { createIndicator, type Indicator } from '@trade/indicators';

/** Feeds bars [from, to) into `ind`, copying `values` into `out` columns (one per output key). */
export function feed(ind: Indicator, candles: Candles, out: Float64Array[], from: number, to: number): void {
  const { ts, open, high, low, close, volume } = candles;
  for (let i = from; i < to; i++) {
    ind.push(ts[i]!, open[i]!, high[i]!, low[i]!, close[i]!, volume[i]!);
    for (let k = 0; k < out.length; k++) out[k]![i] = ind.values[k]!;
  }
}

export function columns(ind: Indicator, length: number): Float64Array[] {
  return ind.outputKeys.map(() => new Float64Array(length).fill(Number.NaN));
}

/** The incremental class fed bar by bar from a fresh instance. */
export function streamed(name: string, candles: Candles): { ind: Indicator; out: Float64Array[] } {
  const ind = createIndicator(name);
  const out = columns(ind, candles.length);
  feed(ind, candles, out, 0, candles.length);
  return { ind, out };
}

/** Snapshot at `at`, JSON round trip, restore into a new instance, continue to the end. */
export function resumed(name: string, candles: Candles, at: number): Float64Array[] {
  const first = createIndicator(name);
  const out = columns(first, candles.length);
  feed(first, candles, out, 0, at);
  const snapshot = JSON.parse(JSON.stringify(first.snapshot()));
  const second = createIndicator(name);
  second.restore(snapshot);
  feed(second, candles, out, at, candles.length);
  return out;
}
