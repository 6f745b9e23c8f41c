/**
 * Neumaier (improved Kahan) summation: the invariant checks add hundreds of booked amounts and compare the total
 * with 1e-9 relative tolerance, which naive left-to-right addition can miss on long runs.
 */
export class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  add(value: number): this {
    const t = this.sum + value;
    if (Math.abs(this.sum) >= Math.abs(value)) this.compensation += this.sum - t + value;
    else this.compensation += value - t + this.sum;
    this.sum = t;
    return this;
  }

  get value(): number {
    return this.sum + this.compensation;
  }
}

export function compensatedSum(values: Iterable<number>): number {
  const s = new CompensatedSum();
  for (const v of values) s.add(v);
  return s.value;
}
