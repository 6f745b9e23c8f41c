/**
 * EMA_n of §1.4: k = 2/(n+1); the first value is the mean of the first n inputs (TA-Lib's SMA seed), then
 * E = (y − E)·k + E (TA-Lib's operation order). Length 1 is the identity.
 */
export class SeededEma {
  readonly n: number;
  private readonly k: number;
  private count = 0;
  private seedSum = 0;
  /** Current value; NaN until n inputs were seen. */
  value = Number.NaN;

  constructor(n: number) {
    this.n = n;
    this.k = 2 / (n + 1);
  }

  get ready(): boolean {
    return this.count >= this.n;
  }

  push(y: number): number {
    if (this.count >= this.n) {
      this.value = this.n === 1 ? y : (y - this.value) * this.k + this.value;
      return this.value;
    }
    this.seedSum += y;
    this.count++;
    if (this.count === this.n) this.value = this.n === 1 ? y : this.seedSum / this.n;
    return this.value;
  }
}
