import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { Ring } from '../base/Ring';

/** Momentum x − x[t−n] (§3 #16, TA-Lib MOM). */
export class Mom extends IndicatorBase {
  private readonly history: Ring;

  constructor(id: IndicatorIdentity) {
    super(id);
    this.history = new Ring(num(id.params, 'length') + 1);
  }

  protected step(o: number, h: number, l: number, c: number, v: number): void {
    const x = this.source(o, h, l, c, v);
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
