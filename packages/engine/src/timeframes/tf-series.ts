import type { Candles, Timeframe } from '@trade/core';
import type { MutableBar } from './tf-bar-builder';

/**
 * The closed bars of one timeframe, columnar and append-only. At an instant t the last appended bar is the
 * visible one (`engine.md` §5): a reference with offset k reads index `length - 1 - k`.
 */
export class TfSeries implements Candles {
  ts: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  /** Close time of each bar (= next bar's open; calendar-aware for M). */
  closeTs: Float64Array;
  length = 0;

  constructor(
    readonly tf: Timeframe,
    initialCapacity = 1024,
  ) {
    const cap = Math.max(16, initialCapacity);
    this.ts = new Float64Array(cap);
    this.open = new Float64Array(cap);
    this.high = new Float64Array(cap);
    this.low = new Float64Array(cap);
    this.close = new Float64Array(cap);
    this.volume = new Float64Array(cap);
    this.closeTs = new Float64Array(cap);
  }

  /** Appends a closed bar whose close time is `closeTs`. */
  append(bar: Readonly<MutableBar>, closeTs: number): void {
    this.appendValues(bar.ts, bar.open, bar.high, bar.low, bar.close, bar.volume, closeTs);
  }

  /** `append` from loose values: the per-minute path, which has no bar object to pass. */
  appendValues(ts: number, o: number, h: number, l: number, c: number, v: number, closeTs: number): void {
    if (this.length === this.ts.length) this.grow();
    const i = this.length;
    this.ts[i] = ts;
    this.open[i] = o;
    this.high[i] = h;
    this.low[i] = l;
    this.close[i] = c;
    this.volume[i] = v;
    this.closeTs[i] = closeTs;
    this.length = i + 1;
  }

  /**
   * Appends only the close and close time of a bar. The engine's 1m last-price and mark-price series use it:
   * `last_price` and `mark_price` references read the close alone, and leaving the other columns untouched
   * keeps a year of minutes from faulting in five unused 4 MB columns each. Their other columns stay 0.
   */
  appendClose(close: number, closeTs: number): void {
    if (this.length === this.ts.length) this.grow();
    const i = this.length;
    this.close[i] = close;
    this.closeTs[i] = closeTs;
    this.length = i + 1;
  }

  /**
   * Index of the last bar visible at instant `t` (close time <= t), or -1 (`engine.md` §5). O(1) for the
   * current instant, binary search for earlier ones (windows, cross_*).
   */
  visibleIndex(t: number): number {
    const n = this.length;
    if (n === 0) return -1;
    if (t >= this.closeTs[n - 1]!) return n - 1;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.closeTs[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** Field value `offset` bars back from the last closed bar, NaN before the first bar. */
  closeAt(offset: number): number {
    const i = this.length - 1 - offset;
    return i >= 0 ? this.close[i]! : Number.NaN;
  }

  private grow(): void {
    const cap = this.ts.length * 2;
    const widen = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    this.ts = widen(this.ts);
    this.open = widen(this.open);
    this.high = widen(this.high);
    this.low = widen(this.low);
    this.close = widen(this.close);
    this.volume = widen(this.volume);
    this.closeTs = widen(this.closeTs);
  }
}
