import { decodeArray, encodeArray, type Stateful, snapshotError } from './state-codec';

/**
 * Sliding-window maximum (or minimum) over the last `n` pushes in O(1) amortised: a monotonic deque of
 * (value, index). On ties the latest index wins (aroon's rule; TA-Lib MAX/MIN values are unaffected).
 */
export class MonoDeque implements Stateful {
  readonly n: number;
  private readonly isMax: boolean;
  private readonly vals: Float64Array;
  private readonly idxs: Float64Array;
  private head = 0;
  private size = 0;
  /** Index given to the next push. */
  private next = 0;

  constructor(n: number, kind: 'max' | 'min') {
    this.n = n;
    this.isMax = kind === 'max';
    this.vals = new Float64Array(n + 1);
    this.idxs = new Float64Array(n + 1);
  }

  /** Extreme of the window (a field, not a getter: reading it never boxes a double). */
  value = Number.NaN;

  /**
   * Pushes `src[i]`. The value is read from a typed array rather than passed as an argument: when V8 does not
   * inline this call into a large kernel, a double argument would be boxed on every bar.
   */
  pushFrom(src: Float64Array, i: number): void {
    const x = src[i]!;
    const vals = this.vals;
    const idxs = this.idxs;
    const cap = vals.length;
    // Drop from the back every value the new one dominates (ties included: the newest wins). Two loops rather
    // than a max/min test inside one: this is the hot loop of stoch, stochrsi, willr, donchian, aroon, fisher.
    let size = this.size;
    let back = this.head + size - 1;
    if (back >= cap) back -= cap;
    if (this.isMax) {
      while (size > 0 && vals[back]! <= x) {
        size--;
        back = back === 0 ? cap - 1 : back - 1;
      }
    } else {
      while (size > 0 && vals[back]! >= x) {
        size--;
        back = back === 0 ? cap - 1 : back - 1;
      }
    }
    const w = back + 1 === cap ? 0 : back + 1;
    const next = this.next;
    vals[w] = x;
    idxs[w] = next;
    size++;
    // Indexes grow by one per push, so at most the front element leaves the window.
    let head = this.head;
    if (idxs[head]! <= next - this.n) {
      head = head + 1 === cap ? 0 : head + 1;
      size--;
    }
    this.head = head;
    this.size = size;
    this.next = next + 1;
    this.value = vals[head]!;
  }

  /** How many pushes ago the extreme was seen (0 = the newest). */
  get age(): number {
    return this.next - 1 - this.idxs[this.head]!;
  }

  saveState(): unknown {
    const cap = this.vals.length;
    const vals: number[] = [];
    const ages: number[] = [];
    for (let i = 0; i < this.size; i++) {
      let k = this.head + i;
      if (k >= cap) k -= cap;
      vals.push(this.vals[k]!);
      ages.push(this.next - 1 - this.idxs[k]!);
    }
    return { next: this.next, values: encodeArray(vals), ages: encodeArray(ages) };
  }

  loadState(state: unknown, path: string): void {
    if (state === null || typeof state !== 'object') throw snapshotError(path, 'expected an object');
    const s = state as { next?: unknown; values?: unknown; ages?: unknown };
    const vals = decodeArray(s.values, `${path}.values`, this.n);
    const ages = decodeArray(s.ages, `${path}.ages`, this.n);
    if (typeof s.next !== 'number' || ages.length !== vals.length)
      throw snapshotError(path, 'malformed deque');
    this.next = s.next;
    this.head = 0;
    this.size = vals.length;
    for (let i = 0; i < vals.length; i++) {
      this.vals[i] = vals[i]!;
      this.idxs[i] = this.next - 1 - ages[i]!;
    }
    this.value = vals.length > 0 ? vals[0]! : Number.NaN;
  }
}
