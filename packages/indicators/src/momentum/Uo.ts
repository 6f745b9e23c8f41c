import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { RollingSum } from '../base/RollingSum';
import { trueRange } from '../volatility/Atr';

/**
 * Ultimate oscillator (§3 #24, TA-Lib ULTOSC): buying pressure over true range on three windows, weighted 4:2:1;
 * a window whose true-range sum is exactly 0 contributes 0.
 */
export class Uo extends IndicatorBase {
  private readonly bp: [RollingSum, RollingSum, RollingSum];
  private readonly tr: [RollingSum, RollingSum, RollingSum];
  private prevClose = Number.NaN;

  constructor(id: IndicatorIdentity) {
    super(id);
    const lengths = [num(id.params, 'fast'), num(id.params, 'medium'), num(id.params, 'slow')] as const;
    this.bp = [new RollingSum(lengths[0]), new RollingSum(lengths[1]), new RollingSum(lengths[2])];
    this.tr = [new RollingSum(lengths[0]), new RollingSum(lengths[1]), new RollingSum(lengths[2])];
  }

  step(bar: Float64Array, _t: number): void {
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const pc = this.prevClose;
    this.prevClose = c;
    if (Number.isNaN(pc)) return;
    const bp = c - Math.min(l, pc);
    const tr = trueRange(h, l, pc);
    for (let i = 0; i < 3; i++) {
      this.bp[i]!.push(bp);
      this.tr[i]!.push(tr);
    }
    if (!this.tr[2].full) return;
    let out = 0;
    if (!this.tr[0].allZero) out += 4 * (this.bp[0].sum / this.tr[0].sum);
    if (!this.tr[1].allZero) out += 2 * (this.bp[1].sum / this.tr[1].sum);
    if (!this.tr[2].allZero) out += this.bp[2].sum / this.tr[2].sum;
    this.values[0] = 100 * (out / 7);
  }
}

export const uo = defineIndicator({
  name: 'uo',
  category: 'momentum',
  title: 'Ultimate oscillator',
  inputs: 'hlc',
  params: [
    intParam('fast', 7, 1, 'shortest window'),
    intParam('medium', 14, 1, 'middle window'),
    intParam('slow', 28, 1, 'longest window'),
  ],
  relations: [
    { params: ['fast', 'medium'], rule: 'fast ≤ medium', holds: (p) => num(p, 'fast') <= num(p, 'medium') },
    { params: ['medium', 'slow'], rule: 'medium ≤ slow', holds: (p) => num(p, 'medium') <= num(p, 'slow') },
  ],
  outputs: [{ key: 'value', fvi: (p) => num(p, 'slow') }],
  cls: 'W',
  reference: { kind: 'talib', function: 'ULTOSC' },
  notes: 'The predecessor backtest also used bar 0 (one extra value at slow−1); equal from slow on.',
  create: (id) => new Uo(id),
});
