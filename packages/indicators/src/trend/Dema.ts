import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { SeededEma } from '../base/SeededEma';
import { selectSource } from '../base/source';

/** Double EMA: 2·E1 − E2 with E2 = EMA_n(E1) seeded on E1's first n values (§3 #4, TA-Lib DEMA). */
export class Dema extends IndicatorBase {
  private readonly e1: SeededEma;
  private readonly e2: SeededEma;

  constructor(id: IndicatorIdentity) {
    super(id);
    const n = num(id.params, 'length');
    this.e1 = new SeededEma(n);
    this.e2 = new SeededEma(n);
  }

  step(bar: Float64Array, _t: number): void {
    const o = bar[BarField.OPEN]!;
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const v = bar[BarField.VOLUME]!;
    const e1 = this.e1.push(selectSource(this.sourceId, o, h, l, c, v));
    if (!this.e1.ready) return;
    const e2 = this.e2.push(e1);
    if (this.e2.ready) this.values[0] = 2 * e1 - e2;
  }
}

export const dema = defineIndicator({
  name: 'dema',
  category: 'trend',
  title: 'Double exponential moving average',
  inputs: 'src',
  params: [intParam('length', 10, 2, 'EMA period n')],
  outputs: [{ key: 'value', fvi: (p) => 2 * num(p, 'length') - 2 }],
  cls: 'E',
  lambda: (p) => num(p, 'length') + 1,
  reference: { kind: 'talib', function: 'DEMA' },
  notes: 'The predecessor seeded E2 with E1[n−1] and started at n−1; early values differ, then converge.',
  create: (id) => new Dema(id),
});
