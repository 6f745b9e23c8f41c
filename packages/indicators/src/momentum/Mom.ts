import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { Ring } from '../base/Ring';
import { selectSource } from '../base/source';

/** Momentum x − x[t−n] (§3 #16, TA-Lib MOM). */
export class Mom extends IndicatorBase {
  private readonly history: Ring;

  constructor(id: IndicatorIdentity) {
    super(id);
    this.history = new Ring(num(id.params, 'length') + 1);
  }

  step(bar: Float64Array, _t: number): void {
    const o = bar[BarField.OPEN]!;
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const v = bar[BarField.VOLUME]!;
    const x = selectSource(this.sourceId, o, h, l, c, v);
    this.history.push(x);
    if (this.history.full) this.values[0] = x - this.history.oldest();
  }
}

export const mom = defineIndicator({
  name: 'mom',
  category: 'momentum',
  title: 'Momentum',
  inputs: 'src',
  params: [intParam('length', 10, 1, 'lookback n')],
  outputs: [{ key: 'value', fvi: (p) => num(p, 'length') }],
  cls: 'W',
  reference: { kind: 'talib', function: 'MOM' },
  notes: 'Identical to the predecessor.',
  create: (id) => new Mom(id),
});
