import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { MonoDeque } from '../base/MonoDeque';
import { intParam } from '../base/params';

/** Williams %R (§3 #14, TA-Lib WILLR): −100·(HH − C)/(HH − LL), 0 when HH = LL. */
export class Willr extends IndicatorBase {
  private readonly hh: MonoDeque;
  private readonly ll: MonoDeque;
  private readonly n: number;

  constructor(id: IndicatorIdentity) {
    super(id);
    this.n = num(id.params, 'length');
    this.hh = new MonoDeque(this.n, 'max');
    this.ll = new MonoDeque(this.n, 'min');
  }

  step(bar: Float64Array, t: number): void {
    const c = bar[BarField.CLOSE]!;
    this.hh.pushFrom(bar, BarField.HIGH);
    this.ll.pushFrom(bar, BarField.LOW);
    if (t < this.n - 1) return;
    const hi = this.hh.value;
    const range = hi - this.ll.value;
    this.values[0] = range === 0 ? 0 : (-100 * (hi - c)) / range;
  }
}

export const willr = defineIndicator({
  name: 'willr',
  category: 'momentum',
  title: 'Williams %R',
  inputs: 'hlc',
  params: [intParam('length', 14, 2, 'window length n')],
  outputs: [{ key: 'value', fvi: (p) => num(p, 'length') - 1 }],
  cls: 'W',
  reference: { kind: 'talib', function: 'WILLR' },
  notes: 'A flat window gives 0 (TA-Lib); the predecessor gave −50.',
  create: (id) => new Willr(id),
});
