import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { MonoDeque } from '../base/MonoDeque';
import { intParam } from '../base/params';

/** Donchian channels (§3 #33): upper = HH over upper_length, lower = LL over lower_length, middle = mean. */
export class Donchian extends IndicatorBase {
  private readonly hh: MonoDeque;
  private readonly ll: MonoDeque;

  constructor(id: IndicatorIdentity) {
    super(id);
    this.hh = new MonoDeque(num(id.params, 'upper_length'), 'max');
    this.ll = new MonoDeque(num(id.params, 'lower_length'), 'min');
  }

  step(bar: Float64Array, t: number): void {
    this.hh.pushFrom(bar, BarField.HIGH);
    this.ll.pushFrom(bar, BarField.LOW);
    const upperOk = t >= this.hh.n - 1;
    const lowerOk = t >= this.ll.n - 1;
    if (lowerOk) this.values[0] = this.ll.value;
    if (upperOk) this.values[2] = this.hh.value;
    if (upperOk && lowerOk) this.values[1] = (this.hh.value + this.ll.value) / 2;
  }
}

export const donchian = defineIndicator({
  name: 'donchian',
  category: 'volatility',
  title: 'Donchian channels',
  inputs: 'hl',
  params: [
    intParam('lower_length', 20, 2, 'lowest-low window'),
    intParam('upper_length', 20, 2, 'highest-high window'),
  ],
  outputs: [
    { key: 'lower', fvi: (p) => num(p, 'lower_length') - 1 },
    { key: 'middle', fvi: (p) => Math.max(num(p, 'lower_length'), num(p, 'upper_length')) - 1 },
    { key: 'upper', fvi: (p) => num(p, 'upper_length') - 1 },
  ],
  primary: 'middle',
  cls: 'W',
  reference: { kind: 'talib', function: 'MAX(high), MIN(low); TradingView "Donchian Channels"' },
  notes: 'The predecessor held all three back to max(lengths)−1; values identical.',
  create: (id) => new Donchian(id),
});
