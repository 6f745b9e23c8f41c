import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { Ring } from '../base/Ring';
import { SeededEma } from '../base/SeededEma';
import { selectSource } from '../base/source';

/**
 * Zero-lag EMA (§3 #7, ours): lag = ⌊(n−1)/2⌋, u = 2·x − x[t−lag], zlma = EMA_n(u) seeded with the mean of the
 * first n values of u (FVI lag + n − 1).
 */
export class Zlma extends IndicatorBase {
  private readonly lag: number;
  private readonly history: Ring;
  private readonly ema: SeededEma;

  constructor(id: IndicatorIdentity) {
    super(id);
    const n = num(id.params, 'length');
    this.lag = Math.floor((n - 1) / 2);
    this.history = new Ring(this.lag + 1);
    this.ema = new SeededEma(n);
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
    const u = this.lag === 0 ? x : 2 * x - this.history.oldest();
    this.values[0] = this.ema.push(u);
  }
}

export const zlma = defineIndicator({
  name: 'zlma',
  category: 'trend',
  title: 'Zero-lag exponential moving average',
  inputs: 'src',
  params: [intParam('length', 10, 2, 'EMA period n; lag = ⌊(n−1)/2⌋')],
  outputs: [{ key: 'value', fvi: (p) => num(p, 'length') - 1 + Math.floor((num(p, 'length') - 1) / 2) }],
  cls: 'E',
  lambda: (p) => (num(p, 'length') + 1) / 2,
  reference: { kind: 'definition', function: 'indicators.md §3 #7 (Ehlers zero-lag EMA, SMA seed)' },
  notes: 'The predecessor seeded at n−1 with the mean of u[lag … n−1]; values converge.',
  create: (id) => new Zlma(id),
});
