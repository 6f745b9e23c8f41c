import { Ring } from './Ring';

/**
 * Sum of the last `n` terms in O(1) amortised. Two guarantees of indicators.md §1.3:
 * - no drift: the running sum is re-summed exactly from the window every max(n, 128) pushes;
 * - exact zero: when every term in the window is 0 the sum is exactly 0, whatever residue the running
 *   sum holds (tracked by the length of the trailing run of zero terms).
 */
export class RollingSum {
  readonly n: number;
  private readonly ring: Ring;
  private running = 0;
  private zeroRun = 0;
  private sinceResum = 0;
  private readonly resumEvery: number;

  constructor(n: number) {
    this.n = n;
    this.ring = new Ring(n);
    this.resumEvery = Math.max(n, 128);
  }

  /** True once n terms have been pushed. */
  get full(): boolean {
    return this.ring.full;
  }

  /** Sum of the terms in the window (of all terms pushed so far while not full). */
  get sum(): number {
    return this.zeroRun >= this.ring.size ? 0 : this.running;
  }

  /** True when every term in the window is exactly 0. */
  get allZero(): boolean {
    return this.zeroRun >= this.ring.size;
  }

  push(x: number): void {
    const old = this.ring.push(x);
    this.zeroRun = x === 0 ? this.zeroRun + 1 : 0;
    if (this.n === 1) {
      this.running = x;
      return;
    }
    this.running = !Number.isNaN(old) ? this.running - old + x : this.running + x;
    if (++this.sinceResum >= this.resumEvery) this.resum();
  }

  private resum(): void {
    let s = 0;
    for (let i = 0; i < this.ring.size; i++) s += this.ring.at(i);
    this.running = s;
    this.sinceResum = 0;
  }
}
