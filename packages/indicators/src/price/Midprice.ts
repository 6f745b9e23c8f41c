import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { MonoDeque } from '../base/MonoDeque';
import { intParam } from '../base/params';

/** Midpoint of the highest high and lowest low over n bars (§3 #22, TA-Lib MIDPRICE). */
export class Midprice extends IndicatorBase {
  private readonly hh: MonoDeque;
  private readonly ll: MonoDeque;

  constructor(id: IndicatorIdentity) {
    super(id);
    const n = num(id.params, 'length');
    this.hh = new MonoDeque(n, 'max');
    this.ll = new MonoDeque(n, 'min');
  }

  step(bar: Float64Array, t: number): void {
    this.hh.pushFrom(bar, BarField.HIGH);
    this.ll.pushFrom(bar, BarField.LOW);
    if (t >= this.hh.n - 1) this.values[0] = (this.hh.value + this.ll.value) / 2;
  }
}

export const midprice = defineIndicator({
  name: 'midprice',
  category: 'price',
  title: 'Midprice',
  inputs: 'hl',
  params: [intParam('length', 2, 2, 'window length n')],
  outputs: [{ key: 'value', fvi: (p) => num(p, 'length') - 1 }],
  cls: 'W',
  reference: { kind: 'talib', function: 'MIDPRICE' },
  notes: 'Identical to the predecessor (which stayed NaN live; now routed by declared inputs).',
  create: (id) => new Midprice(id),
});
