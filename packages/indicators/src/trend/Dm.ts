import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { WilderSum } from '../base/Wilder';
import { minusDm, plusDm } from './directional';

/** Directional movement Wilder sums (§3 #38, TA-Lib PLUS_DM, MINUS_DM); first value at n−1 = raw sum of bars 1…n−1. */
export class Dm extends IndicatorBase {
  private readonly plus: WilderSum;
  private readonly minus: WilderSum;
  private prevH = Number.NaN;
  private prevL = Number.NaN;

  constructor(id: IndicatorIdentity) {
    super(id);
    const n = num(id.params, 'length');
    this.plus = new WilderSum(n);
    this.minus = new WilderSum(n);
  }

  step(bar: Float64Array, _t: number): void {
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const ph = this.prevH;
    const pl = this.prevL;
    this.prevH = h;
    this.prevL = l;
    if (Number.isNaN(ph)) return;
    const p = this.plus.push(plusDm(h, l, ph, pl));
    const m = this.minus.push(minusDm(h, l, ph, pl));
    if (!this.plus.ready) return;
    this.values[0] = p;
    this.values[1] = m;
  }
}

export const dm = defineIndicator({
  name: 'dm',
  category: 'trend',
  title: 'Directional movement (Wilder sums)',
  inputs: 'hl',
  params: [intParam('length', 14, 2, 'Wilder period n')],
  outputs: ['dmp', 'dmn'].map((key) => ({ key, fvi: (p) => num(p, 'length') - 1 })),
  primary: 'dmp',
  cls: 'E',
  lambda: (p) => num(p, 'length'),
  reference: { kind: 'talib', function: 'PLUS_DM, MINUS_DM' },
  notes:
    'The predecessor published Wilder averages seeded at bar 1: ours ≈ n × the predecessor’s after convergence.',
  create: (id) => new Dm(id),
});
