import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { RollingSum } from '../base/RollingSum';
import { selectSource } from '../base/source';

/** Simple moving average SMA_n of the source (indicators.md §3 #2). Length 1 is the identity. */
export class Sma extends IndicatorBase {
  private readonly window: RollingSum;

  constructor(id: IndicatorIdentity) {
    super(id);
    this.window = new RollingSum(num(id.params, 'length'));
  }

  step(bar: Float64Array, _t: number): void {
    const o = bar[BarField.OPEN]!;
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const v = bar[BarField.VOLUME]!;
    this.window.push(selectSource(this.sourceId, o, h, l, c, v));
    this.values[0] = this.window.full ? this.window.sum / this.window.n : Number.NaN;
  }
}

export const sma = defineIndicator({
  name: 'sma',
  category: 'trend',
  title: 'Simple moving average',
  inputs: 'src',
  params: [intParam('length', 10, 1, 'window length n')],
  outputs: [{ key: 'value', fvi: (p) => num(p, 'length') - 1 }],
  cls: 'W',
  reference: { kind: 'talib', function: 'SMA' },
  notes: 'Identical to the predecessor.',
  create: (id) => new Sma(id),
});
