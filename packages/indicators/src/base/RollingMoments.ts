import { decodeArray, encodeArray, type Stateful, snapshotError } from './state-codec';

/**
 * Mean and population variance of the last `n` values in O(1) amortised (indicators.md §1.3):
 * - shifted sums Σ(x−K), Σ(x−K)² with K re-based to the window mean at every exact re-summation
 *   (every max(n, 128) pushes), so precision does not depend on the price level and nothing drifts;
 * - the variance is exactly 0 when the n values are equal (tracked by the run of equal values), whatever
 *   residue the sums hold, and never negative.
 * The window buffer is inlined for the same reason as in RollingSum (keep `push` inlinable).
 */
export class RollingMoments implements Stateful {
  readonly n: number;
  private readonly buf: Float64Array;
  private pos = 0;
  private size = 0;
  private shift = Number.NaN;
  private s1 = 0;
  private s2 = 0;
  private equalRun = 0;
  private last = Number.NaN;
  private sinceResum = 0;

  constructor(n: number) {
    this.n = n;
    this.buf = new Float64Array(n);
  }

  get full(): boolean {
    return this.size === this.n;
  }

  /** True when the n values of the window are all equal. */
  get allEqual(): boolean {
    return this.equalRun >= this.n;
  }

  /**
   * Window mean and population variance, refreshed by every push (fields, not getters: a getter V8 does not
   * inline returns a boxed double).
   */
  mean = Number.NaN;
  variance = Number.NaN;
  /** One-slot buffer through which `push` forwards its argument to `pushFrom`. */
  private readonly slot = new Float64Array(1);

  push(x: number): void {
    this.slot[0] = x;
    this.pushFrom(this.slot, 0);
  }

  /** Pushes `src[i]` (typed-array slot and integer index: nothing is boxed when the call is not inlined). */
  pushFrom(src: Float64Array, i: number): void {
    const x = src[i]!;
    if (this.size === 0) this.shift = x;
    const d = x - this.shift;
    if (this.size < this.n) {
      this.size++;
      this.s1 += d;
      this.s2 += d * d;
    } else {
      const od = this.buf[this.pos]! - this.shift;
      this.s1 += d - od;
      this.s2 += d * d - od * od;
    }
    this.buf[this.pos] = x;
    this.pos = this.pos + 1 === this.n ? 0 : this.pos + 1;
    this.equalRun = x === this.last ? this.equalRun + 1 : 1;
    this.last = x;
    if (++this.sinceResum >= 128 && this.sinceResum >= this.n) this.resum();
    this.refresh();
  }

  private refresh(): void {
    const m = this.size;
    if (m === 0) {
      this.mean = Number.NaN;
      this.variance = Number.NaN;
    } else if (this.equalRun >= this.n) {
      this.mean = this.last;
      this.variance = 0;
    } else {
      this.mean = this.shift + this.s1 / m;
      this.variance = Math.max((this.s2 - (this.s1 * this.s1) / m) / m, 0);
    }
  }

  /** Window values oldest first. */
  private window(): number[] {
    const start = this.size < this.n ? 0 : this.pos;
    const out: number[] = [];
    for (let i = 0; i < this.size; i++) {
      const k = start + i;
      out.push(this.buf[k >= this.n ? k - this.n : k]!);
    }
    return out;
  }

  /** Exact re-summation, oldest value first; reads the buffer in place (no per-resum array). */
  private resum(): void {
    const n = this.n;
    const size = this.size;
    const start = size < n ? 0 : this.pos;
    let sum = 0;
    for (let i = 0; i < size; i++) {
      const k = start + i;
      sum += this.buf[k >= n ? k - n : k]!;
    }
    const shift = sum / size;
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < size; i++) {
      const k = start + i;
      const d = this.buf[k >= n ? k - n : k]! - shift;
      s1 += d;
      s2 += d * d;
    }
    this.shift = shift;
    this.s1 = s1;
    this.s2 = s2;
    this.sinceResum = 0;
  }

  saveState(): unknown {
    return {
      window: encodeArray(this.window()),
      sums: encodeArray([this.shift, this.s1, this.s2, this.last]),
      equalRun: this.equalRun,
      sinceResum: this.sinceResum,
    };
  }

  loadState(state: unknown, path: string): void {
    if (state === null || typeof state !== 'object') throw snapshotError(path, 'expected an object');
    const s = state as Record<string, unknown>;
    const window = decodeArray(s.window, `${path}.window`, this.n);
    const sums = decodeArray(s.sums, `${path}.sums`, 4);
    if (sums.length !== 4 || typeof s.equalRun !== 'number' || typeof s.sinceResum !== 'number') {
      throw snapshotError(path, 'malformed');
    }
    this.buf.fill(0);
    this.buf.set(window);
    this.size = window.length;
    this.pos = window.length === this.n ? 0 : window.length;
    [this.shift, this.s1, this.s2, this.last] = sums as [number, number, number, number];
    this.equalRun = s.equalRun;
    this.sinceResum = s.sinceResum;
    this.refresh();
  }
}
