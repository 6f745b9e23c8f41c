import { floorToTf, MINUTE_MS, type Timeframe, tfCloseTime } from '@trade/core';

/** A closed bar of one timeframe; the builder overwrites it in place (no allocation per bar). */
export interface MutableBar {
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * Aggregates closed 1m bars into bars of one timeframe, one minute at a time, exactly as `rollup` does in batch
 * (`engine.md` §2.2): UTC-aligned buckets, open = first open, high = max, low = min, close = last close,
 * volume = sum. A bucket whose first minute was not seen (the data started inside it) never closes, so a partial
 * first bar is dropped. The same builder serves backtest and live.
 */
export class TfBarBuilder {
  /** The bar completed by the last `push` that returned true. */
  readonly bar: MutableBar = { ts: Number.NaN, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  private bucketOpen = Number.NaN;
  private bucketClose = Number.NaN;
  private complete = false;
  private o = 0;
  private h = 0;
  private l = 0;
  private c = 0;
  private v = 0;

  constructor(readonly tf: Timeframe) {}

  /**
   * Feeds the 1m bar opening at `ts`. Returns true when its close ends a complete bar of this timeframe; the bar
   * is then in `bar`.
   */
  push(ts: number, open: number, high: number, low: number, close: number, volume: number): boolean {
    if (!(ts < this.bucketClose)) {
      this.bucketOpen = floorToTf(ts, this.tf);
      this.bucketClose = tfCloseTime(this.bucketOpen, this.tf);
      this.complete = ts === this.bucketOpen;
      this.o = open;
      this.h = high;
      this.l = low;
      this.v = volume;
    } else {
      if (high > this.h) this.h = high;
      if (low < this.l) this.l = low;
      this.v += volume;
    }
    this.c = close;
    if (ts + MINUTE_MS !== this.bucketClose || !this.complete) return false;
    const b = this.bar;
    b.ts = this.bucketOpen;
    b.open = this.o;
    b.high = this.h;
    b.low = this.l;
    b.close = this.c;
    b.volume = this.v;
    return true;
  }

  /** Close time of the bucket currently forming (NaN before the first minute); after a true `push`, the bar's. */
  get formingClose(): number {
    return this.bucketClose;
  }
}
