import { Ring } from './Ring';

/**
 * Mean and population variance of the last `n` values in O(1) amortised (indicators.md §1.3):
 * - shifted sums Σ(x−K), Σ(x−K)² with K re-based to the window mean at every exact re-summation
 *   (every max(n, 128) pushes), so precision does not depend on the price level and nothing drifts;
 * - the variance is exactly 0 when the n values are equal (tracked by the run of equal values), whatever
 *   residue the sums hold, and never negative.
 */
export class RollingMoments {
  readonly n: number;
  private readonly ring: Ring;
  private shift = Number.NaN;
  private s1 = 0;
  private s2 = 0;
  private equalRun = 0;
  private last = Number.NaN;
  private sinceResum = 0;

  constructor(n: number) {
    this.n = n;
    this.ring = new Ring(n);
  }

  get full(): boolean {
    return this.ring.full;
  }

  /** True when the n values of the window are all equal. */
  get allEqual(): boolean {
    return this.equalRun >= this.n;
  }

  push(x: number): void {
    if (Number.isNaN(this.shift)) this.shift = x;
    const old = this.ring.push(x);
    const d = x - this.shift;
    this.s1 += d;
    this.s2 += d * d;
    if (!Number.isNaN(old)) {
      const od = old - this.shift;
      this.s1 -= od;
      this.s2 -= od * od;
    }
    this.equalRun = x === this.last ? this.equalRun + 1 : 1;
    this.last = x;
    if (++this.sinceResum >= Math.max(this.n, 128)) this.resum();
  }

  get mean(): number {
    return this.allEqual ? this.last : this.shift + this.s1 / this.ring.size;
  }

  get variance(): number {
    if (this.allEqual) return 0;
    const m = this.ring.size;
    const v = (this.s2 - (this.s1 * this.s1) / m) / m;
    return Math.max(v, 0);
  }

  private resum(): void {
    const m = this.ring.size;
    let sum = 0;
    for (let i = 0; i < m; i++) sum += this.ring.at(i);
    const k = sum / m;
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < m; i++) {
      const d = this.ring.at(i) - k;
      s1 += d;
      s2 += d * d;
    }
    this.shift = k;
    this.s1 = s1;
    this.s2 = s2;
    this.sinceResum = 0;
  }
}
