import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { AtrCore } from './Atr';

/** Normalized ATR in percent of the close (§3 #12, TA-Lib NATR), 0 when C = 0. */
export class Natr extends IndicatorBase {
  private readonly atr: AtrCore;

  constructor(id: IndicatorIdentity) {
    super(id);
    this.atr = new AtrCore(num(id.params, 'length'));
  }

  step(bar: Float64Array, _t: number): void {
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const a = this.atr.push(h, l, c);
    if (!Number.isNaN(a)) this.values[0] = c === 0 ? 0 : (a / c) * 100;
  }
}

export const natr = defineIndicator({
  name: 'natr',
  category: 'volatility',
  title: 'Normalized average true range',
  inputs: 'hlc',
  params: [intParam('length', 14, 1, 'Wilder period n')],
  outputs: [{ key: 'value', fvi: (p) => num(p, 'length') }],
  cls: 'E',
  lambda: (p) => num(p, 'length'),
  reference: { kind: 'talib', function: 'NATR' },
  notes:
    'Permanently different from the predecessor, which used an EMA of TR instead of Wilder (≈ 14 % at n = 14).',
  create: (id) => new Natr(id),
});
