import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { SeededEma } from '../base/SeededEma';
import { selectSource } from '../base/source';

/** Triple EMA: 3·E1 − 3·E2 + E3, each stage SMA-seeded on the previous one (§3 #5, TA-Lib TEMA). */
export class Tema extends IndicatorBase {
  private readonly e1: SeededEma;
  private readonly e2: SeededEma;
  private readonly e3: SeededEma;

  constructor(id: IndicatorIdentity) {
    super(id);
    const n = num(id.params, 'length');
    this.e1 = new SeededEma(n);
    this.e2 = new SeededEma(n);
    this.e3 = new SeededEma(n);
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
    if (!this.e2.ready) return;
    const e3 = this.e3.push(e2);
    if (this.e3.ready) this.values[0] = 3 * e1 - 3 * e2 + e3;
  }
}

export const tema = defineIndicator({
  name: 'tema',
  category: 'trend',
  title: 'Triple exponential moving average',
  inputs: 'src',
  params: [intParam('length', 10, 2, 'EMA period n')],
  outputs: [{ key: 'value', fvi: (p) => 3 * num(p, 'length') - 3 }],
  cls: 'E',
  lambda: (p) => 1.5 * (num(p, 'length') + 1),
  reference: { kind: 'talib', function: 'TEMA' },
  notes: 'As dema: the predecessor started at n−1; early values differ, then converge.',
  create: (id) => new Tema(id),
});
