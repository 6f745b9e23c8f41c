import { decodeArray, encodeArray, type Stateful, snapshotError } from './state-codec';

/**
 * Sum of the last `n` terms in O(1) amortised. Two guarantees of indicators.md §1.3:
 * - no drift: the running sum is re-summed exactly from the window every max(n, 128) pushes;
 * - exact zero: when every term in the window is 0 the sum is exactly 0, whatever residue the running
 *   sum holds (tracked by the length of the trailing run of zero terms).
 * The window buffer is inlined (no Ring object) to keep `push` small enough for V8 to inline it into the
 * kernels: a non-inlined call boxes its double argument, one allocation per bar.
 */
export class RollingSum implements Stateful {
  readonly n: number;
  private readonly buf: Float64Array;
  /** Next write position (= the oldest value once full). */
  private pos = 0;
  private size = 0;
  private running = 0;
  private zeroRun = 0;
  private sinceResum = 0;

  constructor(n: number) {
    this.n = n;
    this.buf = new Float64Array(n);
  }

  /** True once n terms have been pushed. */
  get full(): boolean {
    return this.size === this.n;
  }

  /**
   * Sum of the terms in the window (of all terms pushed so far while not full); exactly 0 when every term is 0.
   * A field refreshed by every push, not a getter: a getter V8 does not inline returns a boxed double.
   */
  sum = 0;
  /** One-slot buffer through which `push` forwards its argument to `pushFrom`. */
  private readonly slot = new Float64Array(1);

  /** True when every term in the window is exactly 0. */
  get allZero(): boolean {
    return this.zeroRun >= this.size;
  }

  push(x: number): void {
    this.slot[0] = x;
    this.pushFrom(this.slot, 0);
  }

  /**
   * Pushes `src[i]`. Hot kernels call this rather than `push`: when V8 does not inline the call, a double
   * argument is boxed on every bar, typed-array slots and an integer index are not (see MonoDeque).
   */
  pushFrom(src: Float64Array, i: number): void {
    const x = src[i]!;
    const old = this.buf[this.pos]!;
    this.buf[this.pos] = x;
    this.pos = this.pos + 1 === this.n ? 0 : this.pos + 1;
    this.zeroRun = x === 0 ? this.zeroRun + 1 : 0;
    if (this.size < this.n) {
      this.size++;
      this.running += x;
    } else {
      this.running += x - old;
    }
    if (++this.sinceResum >= 128 && this.sinceResum >= this.n) this.resum();
    this.sum = this.zeroRun >= this.size ? 0 : this.running;
  }

  private resum(): void {
    // Oldest to newest, so the result does not depend on where the write position is.
    let s = 0;
    const start = this.size < this.n ? 0 : this.pos;
    for (let i = 0; i < this.size; i++) {
      const k = start + i;
      s += this.buf[k >= this.n ? k - this.n : k]!;
    }
    this.running = s;
    this.sinceResum = 0;
  }

  saveState(): unknown {
    const start = this.size < this.n ? 0 : this.pos;
    const window: number[] = [];
    for (let i = 0; i < this.size; i++) {
      const k = start + i;
      window.push(this.buf[k >= this.n ? k - this.n : k]!);
    }
    return {
      window: encodeArray(window),
      running: encodeArray([this.running])[0],
      zeroRun: this.zeroRun,
      sinceResum: this.sinceResum,
    };
  }

  loadState(state: unknown, path: string): void {
    if (state === null || typeof state !== 'object') throw snapshotError(path, 'expected an object');
    const s = state as Record<string, unknown>;
    const window = decodeArray(s.window, `${path}.window`, this.n);
    const [running] = decodeArray([s.running], `${path}.running`, 1);
    if (typeof s.zeroRun !== 'number' || typeof s.sinceResum !== 'number')
      throw snapshotError(path, 'malformed');
    this.buf.fill(0);
    this.buf.set(window);
    this.size = window.length;
    this.pos = window.length === this.n ? 0 : window.length;
    this.running = running!;
    this.zeroRun = s.zeroRun;
    this.sinceResum = s.sinceResum;
    this.sum = this.zeroRun >= this.size ? 0 : this.running;
  }
}
