import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { RollingSum } from '../base/RollingSum';
import { trueRange } from '../volatility/Atr';

/** Vortex indicator (§3 #37, TradingView "Vortex Indicator"): ΣVM± / ΣTR over n, 0 when ΣTR = 0. */
export class Vortex extends IndicatorBase {
  private readonly vmPlus: RollingSum;
  private readonly vmMinus: RollingSum;
  private readonly tr: RollingSum;
  private prevH = Number.NaN;
  private prevL = Number.NaN;
  private prevC = Number.NaN;

  constructor(id: IndicatorIdentity) {
    super(id);
    const n = num(id.params, 'length');
    this.vmPlus = new RollingSum(n);
    this.vmMinus = new RollingSum(n);
    this.tr = new RollingSum(n);
  }

  step(bar: Float64Array, _t: number): void {
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const ph = this.prevH;
    const pl = this.prevL;
    const pc = this.prevC;
    this.prevH = h;
    this.prevL = l;
    this.prevC = c;
    if (Number.isNaN(pc)) return;
    this.vmPlus.push(Math.abs(h - pl));
    this.vmMinus.push(Math.abs(l - ph));
    this.tr.push(trueRange(h, l, pc));
    if (!this.tr.full) return;
    const trSum = this.tr.sum;
    const zero = this.tr.allZero;
    this.values[0] = zero ? 0 : this.vmPlus.sum / trSum;
    this.values[1] = zero ? 0 : this.vmMinus.sum / trSum;
  }
}

export const vortex = defineIndicator({
  name: 'vortex',
  category: 'trend',
  title: 'Vortex indicator',
  inputs: 'hlc',
  params: [intParam('length', 14, 2, 'window length n')],
  outputs: ['vip', 'vim'].map((key) => ({ key, fvi: (p) => num(p, 'length') })),
  primary: 'vip',
  cls: 'W',
  reference: { kind: 'pine', function: 'TradingView built-in "Vortex Indicator"' },
  notes: 'The predecessor live started at n−1 (bar 0 counted as zero); equal from n.',
  create: (id) => new Vortex(id),
});
