import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { MonoDeque } from '../base/MonoDeque';
import { intParam } from '../base/params';

/**
 * Aroon (§3 #31, TA-Lib AROON, AROONOSC) over the last n+1 bars; the latest extreme wins ties.
 */
export class Aroon extends IndicatorBase {
  private readonly n: number;
  private readonly hh: MonoDeque;
  private readonly ll: MonoDeque;

  constructor(id: IndicatorIdentity) {
    super(id);
    this.n = num(id.params, 'length');
    this.hh = new MonoDeque(this.n + 1, 'max');
    this.ll = new MonoDeque(this.n + 1, 'min');
  }

  step(bar: Float64Array, t: number): void {
    this.hh.pushFrom(bar, BarField.HIGH);
    this.ll.pushFrom(bar, BarField.LOW);
    if (t < this.n) return;
    const n = this.n;
    const up = (100 * (n - this.hh.age)) / n;
    const down = (100 * (n - this.ll.age)) / n;
    this.values[0] = up;
    this.values[1] = down;
    this.values[2] = up - down;
  }
}

export const aroon = defineIndicator({
  name: 'aroon',
  category: 'trend',
  title: 'Aroon up/down and oscillator',
  inputs: 'hl',
  params: [intParam('length', 14, 2, 'lookback n (window of n+1 bars)')],
  outputs: ['up', 'down', 'osc'].map((key) => ({ key, fvi: (p) => num(p, 'length') })),
  primary: 'osc',
  cls: 'W',
  reference: { kind: 'talib', function: 'AROON, AROONOSC' },
  notes: 'Identical to the predecessor.',
  create: (id) => new Aroon(id),
});
