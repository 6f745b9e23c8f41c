import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { Ring } from '../base/Ring';

/**
 * Commodity channel index (§3 #13, TA-Lib CCI): (tp − SMA)/(0.015·mean deviation) over hlc3, 0 when tp equals
 * the mean or all n typical prices are equal. O(n) per bar (mean deviation), allowed by §5.3; the mean is
 * re-summed each bar, so nothing drifts.
 */
export class Cci extends IndicatorBase {
  private readonly window: Ring;

  constructor(id: IndicatorIdentity) {
    super(id);
    this.window = new Ring(num(id.params, 'length'));
  }

  step(bar: Float64Array, _t: number): void {
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const tp = (h + l + c) / 3;
    const w = this.window;
    w.push(tp);
    if (!w.full) return;
    const n = w.capacity;
    let sum = 0;
    let allEqual = true;
    const first = w.at(0);
    for (let i = 0; i < n; i++) {
      const x = w.at(i);
      sum += x;
      if (x !== first) allEqual = false;
    }
    const mean = sum / n;
    let dev = 0;
    for (let i = 0; i < n; i++) dev += Math.abs(w.at(i) - mean);
    const diff = tp - mean;
    this.values[0] = allEqual || diff === 0 || dev === 0 ? 0 : diff / (0.015 * (dev / n));
  }
}

export const cci = defineIndicator({
  name: 'cci',
  category: 'momentum',
  title: 'Commodity channel index',
  inputs: 'hlc',
  params: [intParam('length', 14, 2, 'window length n')],
  outputs: [{ key: 'value', fvi: (p) => num(p, 'length') - 1 }],
  cls: 'W',
  reference: { kind: 'talib', function: 'CCI' },
  notes: 'Identical to the predecessor.',
  create: (id) => new Cci(id),
});
