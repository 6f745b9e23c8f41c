import { decodeArray, encodeArray, type Stateful } from './state-codec';

/** Fixed-capacity FIFO of float64 values; snapshots list the contents oldest first. */
export class Ring implements Stateful {
  readonly capacity: number;
  private readonly buf: Float64Array;
  /** Index of the oldest value. */
  private head = 0;
  size = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.buf = new Float64Array(capacity);
  }

  get full(): boolean {
    return this.size === this.capacity;
  }

  /** Newest and oldest value (fields refreshed by `pushFrom`; NaN while empty). */
  newest = Number.NaN;
  first = Number.NaN;

  /**
   * Appends `src[i]` and refreshes `newest`/`first`. For hot kernels: a typed-array slot and an integer index
   * cross the call, no double is boxed when V8 does not inline it (unlike `push(x)` and the readers below).
   */
  pushFrom(src: Float64Array, i: number): void {
    const x = src[i]!;
    const cap = this.capacity;
    if (this.size < cap) {
      let w = this.head + this.size;
      if (w >= cap) w -= cap;
      this.buf[w] = x;
      this.size++;
    } else {
      this.buf[this.head] = x;
      this.head = this.head + 1 === cap ? 0 : this.head + 1;
    }
    this.newest = x;
    this.first = this.buf[this.head]!;
  }

  /** Appends `x`; returns the value that fell out (NaN while not full). */
  push(x: number): number {
    const cap = this.capacity;
    if (this.size < cap) {
      let w = this.head + this.size;
      if (w >= cap) w -= cap;
      this.buf[w] = x;
      this.size++;
      this.newest = x;
      this.first = this.buf[this.head]!;
      return Number.NaN;
    }
    const old = this.buf[this.head]!;
    this.buf[this.head] = x;
    this.head = this.head + 1 === cap ? 0 : this.head + 1;
    this.newest = x;
    this.first = this.buf[this.head]!;
    return old;
  }

  /** i-th value, 0 = oldest. */
  at(i: number): number {
    let k = this.head + i;
    if (k >= this.capacity) k -= this.capacity;
    return this.buf[k]!;
  }

  /** Value `back` bars before the newest (0 = newest). */
  back(back: number): number {
    return this.at(this.size - 1 - back);
  }

  /** Oldest value. */
  oldest(): number {
    return this.buf[this.head]!;
  }

  saveState(): unknown {
    const out = new Array(this.size);
    for (let i = 0; i < this.size; i++) out[i] = this.at(i);
    return encodeArray(out);
  }

  loadState(state: unknown, path: string): void {
    const values = decodeArray(state, path, this.capacity);
    this.head = 0;
    this.size = values.length;
    this.buf.fill(0);
    this.buf.set(values);
    this.newest = values.length > 0 ? values[values.length - 1]! : Number.NaN;
    this.first = values.length > 0 ? values[0]! : Number.NaN;
  }
}
