import { allocateCandles, type Candles, MINUTE_MS, sliceCandles } from '@trade/core';
import { EngineError } from '../errors';

/** One run of missing minutes, filled with flat bars (`engine.md` §2.1). */
export interface MinuteGap {
  /** Open time of the first filled minute. */
  readonly fromTs: number;
  readonly minutes: number;
}

export interface PreparedMinuteBars {
  /** Contiguous 1m bars: every minute from the first to the last input bar is present. */
  readonly candles: Candles;
  readonly gaps: readonly MinuteGap[];
  readonly gapsFilled: number;
}

export interface PrepareMinuteBarsOptions {
  /** Largest allowed share of filled minutes (default 0.01 = 1 %). */
  readonly maxGapShare?: number;
  /** Mark-price bars carry no volume check. */
  readonly series?: 'last' | 'mark';
}

/**
 * Checks 1m bars (`E_DATA_INVALID` naming the row) and fills each missing minute with a flat bar at the previous
 * close (volume 0). More than `maxGapShare` filled minutes is `E_DATA_GAPS`. Filled bars are real input from here
 * on: they enter the data hash and the simulation like any other bar.
 */
export function prepareMinuteBars(
  input: Candles,
  options: PrepareMinuteBarsOptions = {},
): PreparedMinuteBars {
  const series = options.series ?? 'last';
  const n = input.length;
  if (n === 0) return { candles: input, gaps: [], gapsFilled: 0 };
  let expected = n;
  for (let i = 0; i < n; i++) {
    const ts = input.ts[i]!;
    const o = input.open[i]!;
    const h = input.high[i]!;
    const l = input.low[i]!;
    const c = input.close[i]!;
    const v = input.volume[i]!;
    const bad =
      ts % MINUTE_MS !== 0
        ? 'timestamp is not a multiple of 60000 ms'
        : i > 0 && ts <= input.ts[i - 1]!
          ? 'timestamps must strictly increase'
          : !(o > 0 && h > 0 && l > 0 && c > 0 && Number.isFinite(o + h + l + c))
            ? 'prices must be finite and > 0'
            : h < Math.max(o, c) || l > Math.min(o, c)
              ? 'high/low do not contain open/close'
              : series === 'last' && !(v >= 0 && Number.isFinite(v))
                ? 'volume must be finite and >= 0'
                : undefined;
    if (bad !== undefined) {
      throw new EngineError('E_DATA_INVALID', `${series}-price 1m bar ${i + 1} (ts ${ts}): ${bad}`, {
        row: i + 1,
        hint: 'repair the stored data (trade data heal) or pass a clean CSV',
      });
    }
  }
  const total = (input.ts[n - 1]! - input.ts[0]!) / MINUTE_MS + 1;
  if (total === n) return { candles: input, gaps: [], gapsFilled: 0 };
  expected = total;
  const filled = expected - n;
  const maxShare = options.maxGapShare ?? 0.01;
  if (filled > maxShare * expected) {
    throw new EngineError(
      'E_DATA_GAPS',
      `${filled} of ${expected} minutes are missing (${((100 * filled) / expected).toFixed(2)} % > ${(100 * maxShare).toFixed(2)} %)`,
      { hint: 'sync or heal the data for this window, or allow a larger gap share in the run config' },
    );
  }
  const out = allocateCandles(expected);
  const gaps: MinuteGap[] = [];
  let j = 0;
  for (let i = 0; i < n; i++) {
    const ts = input.ts[i]!;
    if (i > 0) {
      const prevClose = input.close[i - 1]!;
      let t = input.ts[i - 1]! + MINUTE_MS;
      if (t < ts) gaps.push({ fromTs: t, minutes: (ts - t) / MINUTE_MS });
      for (; t < ts; t += MINUTE_MS, j++) {
        out.ts[j] = t;
        out.open[j] = prevClose;
        out.high[j] = prevClose;
        out.low[j] = prevClose;
        out.close[j] = prevClose;
        out.volume[j] = 0;
      }
    }
    out.ts[j] = ts;
    out.open[j] = input.open[i]!;
    out.high[j] = input.high[i]!;
    out.low[j] = input.low[i]!;
    out.close[j] = input.close[i]!;
    out.volume[j] = input.volume[i]!;
    j++;
  }
  return { candles: sliceCandles(out, 0, j), gaps, gapsFilled: filled };
}
