import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { Ring } from '../base/Ring';
import { selectSource } from '../base/source';

/** Rate of change in percent (§3 #15, TA-Lib ROC): 100·(x/x[t−n] − 1), 0 when x[t−n] = 0. */
export class Roc extends IndicatorBase {
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
    if (!this.history.full) return;
    const base = this.history.oldest();
    this.values[0] = base === 0 ? 0 : (x / base - 1) * 100;
  }
}

export const roc = defineIndicator({
  name: 'roc',
  category: 'momentum',
  title: 'Rate of change (percent)',
  inputs: 'src',
  params: [intParam('length', 10, 1, 'lookback n')],
  outputs: [{ key: 'value', fvi: (p) => num(p, 'length') }],
  cls: 'W',
  reference: { kind: 'talib', function: 'ROC' },
  notes: 'A zero base gives 0 instead of NaN; otherwise equal to the predecessor (last-ulp differences).',
  create: (id) => new Roc(id),
});
