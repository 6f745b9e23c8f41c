import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { Ring } from '../base/Ring';
import { selectSource } from '../base/source';

/**
 * Linear regression value (§3 #21, TA-Lib LINEARREG): the least-squares line through (i, x) with i = 0 for the
 * oldest bar, evaluated at i = n−1. O(1) with rolling Σy and Σi·y, re-summed every max(n, 128) bars.
 */
export class Linreg extends IndicatorBase {
  private readonly n: number;
  private readonly window: Ring;
  private readonly sumX: number;
  private readonly denominator: number;
  private sumY = 0;
  private sumXY = 0;
  private sinceResum = 0;

  constructor(id: IndicatorIdentity) {
    super(id);
    const n = num(id.params, 'length');
    this.n = n;
    this.window = new Ring(n);
    this.sumX = (n * (n - 1)) / 2;
    const sumXX = ((n - 1) * n * (2 * n - 1)) / 6;
    this.denominator = n * sumXX - this.sumX * this.sumX;
  }

  step(bar: Float64Array, _t: number): void {
    const o = bar[BarField.OPEN]!;
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const v = bar[BarField.VOLUME]!;
    const y = selectSource(this.sourceId, o, h, l, c, v);
    const w = this.window;
    if (!w.full) {
      this.sumXY += w.size * y;
      this.sumY += y;
      w.push(y);
      if (!w.full) return;
    } else {
      // Every remaining bar moves one index down (−(Σy − oldest)); the new bar enters at index n−1.
      const oldest = w.push(y);
      this.sumXY += -(this.sumY - oldest) + (this.n - 1) * y;
      this.sumY += y - oldest;
      if (++this.sinceResum >= Math.max(this.n, 128)) this.resum();
    }
    const n = this.n;
    const slope = (n * this.sumXY - this.sumX * this.sumY) / this.denominator;
    const intercept = (this.sumY - slope * this.sumX) / n;
    this.values[0] = intercept + slope * (n - 1);
  }

  private resum(): void {
    let sy = 0;
    let sxy = 0;
    for (let i = 0; i < this.n; i++) {
      const y = this.window.at(i);
      sy += y;
      sxy += i * y;
    }
    this.sumY = sy;
    this.sumXY = sxy;
    this.sinceResum = 0;
  }
}

export const linreg = defineIndicator({
  name: 'linreg',
  category: 'trend',
  title: 'Linear regression value',
  inputs: 'src',
  params: [intParam('length', 14, 2, 'window length n')],
  outputs: [{ key: 'value', fvi: (p) => num(p, 'length') - 1 }],
  cls: 'W',
  reference: { kind: 'talib', function: 'LINEARREG' },
  notes: 'Identical to the predecessor.',
  create: (id) => new Linreg(id),
});
