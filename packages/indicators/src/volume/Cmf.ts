import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { RollingSum } from '../base/RollingSum';

/** Chaikin money flow (§3 #19, TradingView "Chaikin Money Flow"): Σ(mfm·V)/ΣV over n, 0 when ΣV = 0. */
export class Cmf extends IndicatorBase {
  private readonly flow: RollingSum;
  private readonly volume: RollingSum;

  constructor(id: IndicatorIdentity) {
    super(id);
    const n = num(id.params, 'length');
    this.flow = new RollingSum(n);
    this.volume = new RollingSum(n);
  }

  step(bar: Float64Array, _t: number): void {
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const v = bar[BarField.VOLUME]!;
    const range = h - l;
    const mfm = range === 0 ? 0 : (c - l - (h - c)) / range;
    this.flow.push(mfm * v);
    this.volume.push(v);
    if (!this.volume.full) return;
    this.values[0] = this.volume.allZero ? 0 : this.flow.sum / this.volume.sum;
  }
}

export const cmf = defineIndicator({
  name: 'cmf',
  category: 'volume',
  title: 'Chaikin money flow',
  inputs: 'hlcv',
  params: [intParam('length', 20, 2, 'window length n')],
  outputs: [{ key: 'value', fvi: (p) => num(p, 'length') - 1 }],
  cls: 'W',
  reference: { kind: 'pine', function: 'TradingView built-in "Chaikin Money Flow"' },
  notes: 'Identical to the predecessor; 0 when the window volume is 0 (TradingView: na).',
  create: (id) => new Cmf(id),
});
