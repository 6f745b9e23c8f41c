/**
 * Sliding-window maximum as a monotonic deque over a fixed-capacity ring (no allocation, no modulo).
 * Entries are (bar idx, value) with values non-increasing from front to back; the front is the window max.
 * For a minimum, push negated values. `keepEqual` decides ties: true keeps an older equal value in front
 * (swing needs to see ties, structures.md §2.1), false lets the newer replace it (rolling_window, §2.7).
 */
export class MaxDeque {
  readonly capacity: number;
  readonly idx: Int32Array;
  readonly val: Float64Array;
  head = 0;
  size = 0;
  private readonly keepEqual: boolean;

  /** `window` = the largest number of bars the window spans. */
  constructor(window: number, keepEqual: boolean) {
    this.capacity = window + 1;
    this.idx = new Int32Array(this.capacity);
    this.val = new Float64Array(this.capacity);
    this.keepEqual = keepEqual;
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
  }

  /** Appends bar `i` with value `x`, then drops entries older than `oldest`. */
  push(i: number, x: number, oldest: number): void {
    const cap = this.capacity;
    const val = this.val;
    let back = this.head + this.size - 1;
    if (back >= cap) back -= cap;
    if (this.keepEqual) {
      while (this.size > 0 && val[back]! < x) {
        this.size--;
        back = back === 0 ? cap - 1 : back - 1;
      }
    } else {
      while (this.size > 0 && val[back]! <= x) {
        this.size--;
        back = back === 0 ? cap - 1 : back - 1;
      }
    }
    let pos = this.head + this.size;
    if (pos >= cap) pos -= cap;
    this.idx[pos] = i;
    val[pos] = x;
    this.size++;
    while (this.idx[this.head]! < oldest) {
      this.head = this.head + 1 === cap ? 0 : this.head + 1;
      this.size--;
    }
  }

  frontIdx(): number {
    return this.idx[this.head]!;
  }

  frontValue(): number {
    return this.val[this.head]!;
  }

  /** Value of the entry after the front (the largest value newer than the front), or −Infinity. */
  secondValue(): number {
    if (this.size < 2) return Number.NEGATIVE_INFINITY;
    const pos = this.head + 1 === this.capacity ? 0 : this.head + 1;
    return this.val[pos]!;
  }

  /** Entries front to back as [idx, value] pairs (snapshot order: oldest window extreme first). */
  save(): number[] {
    const out: number[] = [];
    for (let k = 0; k < this.size; k++) {
      let pos = this.head + k;
      if (pos >= this.capacity) pos -= this.capacity;
      out.push(this.idx[pos]!, this.val[pos]!);
    }
    return out;
  }

  load(entries: readonly number[]): void {
    this.head = 0;
    this.size = entries.length / 2;
    for (let k = 0; k < this.size; k++) {
      this.idx[k] = entries[2 * k]!;
      this.val[k] = entries[2 * k + 1]!;
    }
  }
}
