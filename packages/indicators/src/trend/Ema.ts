import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { SeededEma } from '../base/SeededEma';
import { selectSource } from '../base/source';

/** Exponential moving average EMA_n seeded with the SMA of the first n values (§3 #1, TA-Lib EMA). */
export class Ema extends IndicatorBase {
  private readonly ema: SeededEma;

  constructor(id: IndicatorIdentity) {
    super(id);
    this.ema = new SeededEma(num(id.params, 'length'));
  }

  step(bar: Float64Array, _t: number): void {
    const o = bar[BarField.OPEN]!;
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const v = bar[BarField.VOLUME]!;
    this.values[0] = this.ema.push(selectSource(this.sourceId, o, h, l, c, v));
  }
}

export const ema = defineIndicator({
  name: 'ema',
  category: 'trend',
  title: 'Exponential moving average',
  inputs: 'src',
  params: [intParam('length', 10, 1, 'period n; k = 2/(n+1)')],
  outputs: [{ key: 'value', fvi: (p) => num(p, 'length') - 1 }],
  cls: 'E',
  lambda: (p) => (num(p, 'length') + 1) / 2,
  reference: { kind: 'talib', function: 'EMA' },
  notes: 'Identical to the predecessor.',
  create: (id) => new Ema(id),
});
