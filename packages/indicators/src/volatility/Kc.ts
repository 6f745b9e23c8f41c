import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { floatParam, intParam } from '../base/params';
import { SeededEma } from '../base/SeededEma';
import { trueRange } from './Atr';

/** Keltner channels (§3 #32, Pine ta.kc with true range): basis = EMA_n(C), range = EMA_n(TR from bar 1). */
export class Kc extends IndicatorBase {
  private readonly basis: SeededEma;
  private readonly range: SeededEma;
  private readonly scalar: number;
  private prevClose = Number.NaN;

  constructor(id: IndicatorIdentity) {
    super(id);
    const n = num(id.params, 'length');
    this.basis = new SeededEma(n);
    this.range = new SeededEma(n);
    this.scalar = num(id.params, 'scalar');
  }

  step(bar: Float64Array, _t: number): void {
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const basis = this.basis.push(c);
    this.values[1] = basis;
    const pc = this.prevClose;
    this.prevClose = c;
    if (Number.isNaN(pc)) return;
    const range = this.range.push(trueRange(h, l, pc));
    if (!this.range.ready) return;
    this.values[0] = basis - this.scalar * range;
    this.values[2] = basis + this.scalar * range;
  }
}

export const kc = defineIndicator({
  name: 'kc',
  category: 'volatility',
  title: 'Keltner channels',
  inputs: 'hlc',
  params: [
    intParam('length', 20, 2, 'EMA period of the close and of the true range'),
    floatParam('scalar', 2, { min: 0, minExclusive: true, max: 1000 }, 'range multiplier'),
  ],
  outputs: [
    { key: 'lower', fvi: (p) => num(p, 'length') },
    { key: 'basis', fvi: (p) => num(p, 'length') - 1 },
    { key: 'upper', fvi: (p) => num(p, 'length') },
  ],
  primary: 'basis',
  cls: 'E',
  lambda: (p) => (num(p, 'length') + 1) / 2,
  reference: { kind: 'pine', function: 'ta.kc(close, length, scalar, true)' },
  notes: 'The predecessor included TR[0] = H0 − L0 (range from n−1); values converge.',
  create: (id) => new Kc(id),
});
