/** WAVG_n of §1.4: first value = mean of the first n inputs, then A = (A·(n−1) + y)/n (TA-Lib RSI/ATR/ADX). */
export class WilderAverage {
  readonly n: number;
  private count = 0;
  private seedSum = 0;
  value = Number.NaN;

  constructor(n: number) {
    this.n = n;
  }

  get ready(): boolean {
    return this.count >= this.n;
  }

  /** `push(src[i])` without a return value: nothing is boxed when V8 does not inline the call. */
  pushFrom(src: Float64Array, i: number): void {
    const y = src[i]!;
    if (this.count >= this.n) {
      this.value = (this.value * (this.n - 1) + y) / this.n;
      return;
    }
    this.seedSum += y;
    this.count++;
    if (this.count === this.n) this.value = this.seedSum / this.n;
  }

  push(y: number): number {
    if (this.count >= this.n) {
      this.value = (this.value * (this.n - 1) + y) / this.n;
      return this.value;
    }
    this.seedSum += y;
    this.count++;
    if (this.count === this.n) this.value = this.seedSum / this.n;
    return this.value;
  }
}

/** WSUM_n of §1.4: first value = sum of the first n−1 inputs, then S = S − S/n + y (TA-Lib ±DM, DI sums). */
export class WilderSum {
  readonly n: number;
  private count = 0;
  value = Number.NaN;

  constructor(n: number) {
    this.n = n;
  }

  get ready(): boolean {
    return this.count >= this.n - 1;
  }

  push(y: number): number {
    if (this.count >= this.n - 1) {
      this.value = this.value - this.value / this.n + y;
      return this.value;
    }
    this.value = this.count === 0 ? y : this.value + y;
    this.count++;
    return this.value;
  }
}
