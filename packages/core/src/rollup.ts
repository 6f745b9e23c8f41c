import { allocateCandles, type Candles, copyCandles, sliceCandles } from './candles';
import { floorToTf, MINUTE_MS, type Timeframe, tfCloseTime } from './timeframe';

export interface RollupOptions {
  /** Keep a last bucket whose final minute is not in the data yet (an open bar). Default false. */
  readonly includeIncompleteLast?: boolean;
  /** Keep a first bucket that starts before the data does. Default false. */
  readonly includeIncompleteFirst?: boolean;
}

/**
 * Aggregates 1m candles into `tf` bars, UTC-aligned (W on Monday, M on the 1st):
 * open = first open, high = max, low = min, close = last close, volume = sum.
 * A bucket is complete when its first and last minute are present; missing minutes inside a bucket
 * (data gaps) do not make it incomplete. Incomplete edge buckets are dropped unless asked for.
 */
export function rollup(candles1m: Candles, tf: Timeframe, options: RollupOptions = {}): Candles {
  const n = candles1m.length;
  const { ts, open, high, low, close, volume } = candles1m;
  if (n === 0) return allocateCandles(0);
  if (tf === '1m') return candles1m;
  const out = allocateCandles(n);
  let m = 0;
  let bucket = floorToTf(ts[0]!, tf);
  let bucketEnd = tfCloseTime(bucket, tf);
  let firstTs = ts[0]!;
  let o = open[0]!;
  let h = high[0]!;
  let l = low[0]!;
  let c = close[0]!;
  let v = volume[0]!;
  let lastTs = ts[0]!;
  let isFirst = true;
  const flush = (isLast: boolean) => {
    const first = isFirst;
    isFirst = false;
    const startsLate = firstTs !== bucket;
    const endsEarly = lastTs + MINUTE_MS !== bucketEnd;
    if (first && startsLate && !options.includeIncompleteFirst) return;
    if (isLast && endsEarly && !options.includeIncompleteLast) return;
    out.ts[m] = bucket;
    out.open[m] = o;
    out.high[m] = h;
    out.low[m] = l;
    out.close[m] = c;
    out.volume[m] = v;
    m++;
  };
  for (let i = 1; i < n; i++) {
    const t = ts[i]!;
    if (t >= bucketEnd) {
      flush(false);
      bucket = floorToTf(t, tf);
      bucketEnd = tfCloseTime(bucket, tf);
      firstTs = t;
      o = open[i]!;
      h = high[i]!;
      l = low[i]!;
      c = close[i]!;
      v = volume[i]!;
    } else {
      const hi = high[i]!;
      const lo = low[i]!;
      if (hi > h) h = hi;
      if (lo < l) l = lo;
      c = close[i]!;
      v += volume[i]!;
    }
    lastTs = t;
  }
  flush(true);
  // Copy so the result does not pin the n-sized scratch arrays.
  return copyCandles(sliceCandles(out, 0, m));
}
