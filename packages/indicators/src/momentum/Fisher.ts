import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { MonoDeque } from '../base/MonoDeque';
import { intParam } from '../base/params';

/**
 * Fisher transform (§3 #39, TradingView "Fisher Transform") of hl2 over n bars; pos = 0 when the window is flat
 * (ours: TradingView yields na). signal = the previous bar's fisher.
 */
export class Fisher extends IndicatorBase {
  private readonly n: number;
  private readonly hi: MonoDeque;
  private readonly lo: MonoDeque;
  /** One-slot buffer feeding the deques (see MonoDeque.pushFrom). */
  private readonly scratch = new Float64Array(1);
  private smoothed = 0;
  private fisher = 0;

  constructor(id: IndicatorIdentity) {
    super(id);
    this.n = num(id.params, 'length');
    this.hi = new MonoDeque(this.n, 'max');
    this.lo = new MonoDeque(this.n, 'min');
  }

  step(bar: Float64Array, t: number): void {
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const p = (h + l) / 2;
    this.scratch[0] = p;
    this.hi.pushFrom(this.scratch, 0);
    this.lo.pushFrom(this.scratch, 0);
    if (t < this.n - 1) return;
    const hi = this.hi.value;
    const lo = this.lo.value;
    const pos = hi === lo ? 0 : (p - lo) / (hi - lo) - 0.5;
    let v = 0.66 * pos + 0.67 * this.smoothed;
    if (v > 0.99) v = 0.999;
    else if (v < -0.99) v = -0.999;
    this.smoothed = v;
    const previous = this.fisher;
    this.fisher = 0.5 * Math.log((1 + v) / (1 - v)) + 0.5 * previous;
    this.values[0] = this.fisher;
    if (t >= this.n) this.values[1] = previous;
  }
}

export const fisher = defineIndicator({
  name: 'fisher',
  category: 'momentum',
  title: 'Fisher transform',
  inputs: 'hl',
  params: [intParam('length', 9, 2, 'window length n of hl2')],
  outputs: [
    { key: 'fisher', fvi: (p) => num(p, 'length') - 1 },
    { key: 'signal', fvi: (p) => num(p, 'length') },
  ],
  primary: 'fisher',
  cls: 'E',
  lambda: () => 5.03,
  reference: { kind: 'pine', function: 'TradingView built-in "Fisher Transform"' },
  notes:
    'The predecessor floored hi − lo at 0.001 price units and forced fisher = 0 on the first window; early values differ, converge.',
  create: (id) => new Fisher(id),
});
