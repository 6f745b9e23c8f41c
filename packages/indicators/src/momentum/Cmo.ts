import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { selectSource } from '../base/source';
import { GainLossAverages } from './Rsi';

/** Chande momentum oscillator with Wilder-smoothed gains/losses (§3 #20, TA-Lib CMO), 0 when G + L = 0. */
export class Cmo extends IndicatorBase {
  private readonly avg: GainLossAverages;

  constructor(id: IndicatorIdentity) {
    super(id);
    this.avg = new GainLossAverages(num(id.params, 'length'));
  }

  step(bar: Float64Array, _t: number): void {
    const o = bar[BarField.OPEN]!;
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const v = bar[BarField.VOLUME]!;
    this.avg.push(selectSource(this.sourceId, o, h, l, c, v));
    const g = this.avg.gain;
    const lo = this.avg.loss;
    const total = g + lo;
    this.values[0] = total === 0 ? 0 : 100 * ((g - lo) / total);
  }
}

export const cmo = defineIndicator({
  name: 'cmo',
  category: 'momentum',
  title: 'Chande momentum oscillator',
  inputs: 'src',
  params: [intParam('length', 14, 2, 'Wilder period n')],
  outputs: [{ key: 'value', fvi: (p) => num(p, 'length') }],
  cls: 'E',
  lambda: (p) => num(p, 'length'),
  reference: { kind: 'talib', function: 'CMO' },
  notes:
    'The predecessor live used rolling sums (permanently different); its backtest seeded Wilder at bar 1 (converges).',
  create: (id) => new Cmo(id),
});
