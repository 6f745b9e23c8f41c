import type { PositionSide } from '@trade/core';
import type { Snapshot } from '../types';

/** Fields per row: closeTime, wallet, upnl, mark, side, qty, liqPrice, worstCoverage, worstLiqDistancePct. */
const STRIDE = 9;

/**
 * One snapshot per 1m close, stored row-major in a single Float64Array grown by doubling, so stepping a bar
 * allocates nothing (pass `expectedBars` to avoid regrowth entirely); records are materialised on demand.
 * NaN encodes `null`; equity and position value are derived on read.
 */
export class SnapshotStore {
  /** Row-major storage; hot-path writers use `claimRow()` and write the row fields in place. */
  data: Float64Array;
  length = 0;

  /**
   * @param keepHistory false keeps only the latest row (`SimOptions.snapshots: "latest"`): no memory grows
   *   per bar, which matters on long runs because first-touch writes of fresh memory dominate the hot path.
   */
  constructor(
    initialCapacity = 1024,
    readonly keepHistory = true,
  ) {
    this.data = new Float64Array((keepHistory ? Math.max(16, initialCapacity) : 1) * STRIDE);
  }

  /**
   * Appends one row and returns its offset in `data`; the caller writes the STRIDE fields in order (closeTime,
   * wallet, upnl, mark, side, qty, liqPrice, worstCoverage, worstLiqDistancePct). Kept as a claim + in-place
   * write because passing nine doubles to a non-inlined call boxes them.
   */
  claimRow(): number {
    if (!this.keepHistory) {
      this.length = 1;
      return 0;
    }
    const o = this.length * STRIDE;
    if (o + STRIDE > this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.length++;
    return o;
  }

  at(i: number): Snapshot {
    const d = this.data;
    const o = i * STRIDE;
    const side = d[o + 4]!;
    const nullable = (v: number): number | null => (Number.isNaN(v) ? null : v);
    const positionSide: PositionSide | null = side > 0 ? 'long' : side < 0 ? 'short' : null;
    const wallet = d[o + 1]!;
    const upnl = d[o + 2]!;
    const mark = d[o + 3]!;
    const qty = d[o + 5]!;
    return {
      closeTime: d[o]!,
      walletBalance: wallet,
      upnl,
      equity: wallet + upnl,
      markPrice: mark,
      positionSide,
      positionQty: qty,
      positionValue: qty * mark,
      liqPrice: nullable(d[o + 6]!),
      worstCoverage: nullable(d[o + 7]!),
      worstLiqDistancePct: nullable(d[o + 8]!),
    };
  }

  /** Equity at every 1m close (a fresh array). */
  equity(): Float64Array {
    const out = new Float64Array(this.length);
    const d = this.data;
    for (let i = 0; i < this.length; i++) out[i] = d[i * STRIDE + 1]! + d[i * STRIDE + 2]!;
    return out;
  }

  toArray(): Snapshot[] {
    const out: Snapshot[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.at(i));
    return out;
  }
}
