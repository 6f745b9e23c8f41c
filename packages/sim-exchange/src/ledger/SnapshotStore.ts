import type { PositionSide } from '@trade/core';
import type { Snapshot } from '../types';

const COLUMNS = 11;

/**
 * One snapshot per 1m close, kept columnar (one Float64Array per field, grown by doubling) so stepping a bar
 * allocates nothing; `toArray()` materialises records on demand. NaN encodes `null`.
 */
export class SnapshotStore {
  private data: Float64Array[] = [];
  private capacity = 0;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.grow(initialCapacity);
  }

  private grow(capacity: number): void {
    const next: Float64Array[] = [];
    for (let c = 0; c < COLUMNS; c++) {
      const col = new Float64Array(capacity);
      const old = this.data[c];
      if (old !== undefined) col.set(old.subarray(0, this.length));
      next.push(col);
    }
    this.data = next;
    this.capacity = capacity;
  }

  push(
    closeTime: number,
    wallet: number,
    upnl: number,
    markPrice: number,
    side: number,
    qty: number,
    liqPrice: number,
    worstCoverage: number,
    worstLiqDistancePct: number,
  ): void {
    if (this.length === this.capacity) this.grow(this.capacity * 2);
    const i = this.length++;
    const d = this.data;
    d[0]![i] = closeTime;
    d[1]![i] = wallet;
    d[2]![i] = upnl;
    d[3]![i] = wallet + upnl;
    d[4]![i] = markPrice;
    d[5]![i] = side;
    d[6]![i] = qty;
    d[7]![i] = qty * markPrice;
    d[8]![i] = liqPrice;
    d[9]![i] = worstCoverage;
    d[10]![i] = worstLiqDistancePct;
  }

  at(i: number): Snapshot {
    const d = this.data;
    const side = d[5]![i]!;
    const nullable = (v: number): number | null => (Number.isNaN(v) ? null : v);
    const positionSide: PositionSide | null = side > 0 ? 'long' : side < 0 ? 'short' : null;
    return {
      closeTime: d[0]![i]!,
      walletBalance: d[1]![i]!,
      upnl: d[2]![i]!,
      equity: d[3]![i]!,
      markPrice: d[4]![i]!,
      positionSide,
      positionQty: d[6]![i]!,
      positionValue: d[7]![i]!,
      liqPrice: nullable(d[8]![i]!),
      worstCoverage: nullable(d[9]![i]!),
      worstLiqDistancePct: nullable(d[10]![i]!),
    };
  }

  /** Equity column view (no copy) for callers that chart or compute metrics. */
  equity(): Float64Array {
    return this.data[3]!.subarray(0, this.length);
  }

  toArray(): Snapshot[] {
    const out: Snapshot[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.at(i));
    return out;
  }
}
