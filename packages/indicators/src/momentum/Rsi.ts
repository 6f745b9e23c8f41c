import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { selectSource } from '../base/source';
import { WilderAverage } from '../base/Wilder';

/**
 * Gains and losses of the source smoothed with WAVG_n (TA-Lib seeding), shared by rsi and cmo (§3 #10, #20).
 * `gain`/`loss` are NaN until bar n.
 */
export class GainLossAverages {
  private readonly gains: WilderAverage;
  private readonly losses: WilderAverage;
  private prev = Number.NaN;
  gain = Number.NaN;
  loss = Number.NaN;
  /** Slot 0: x (for `push`); slot 1: gain term; slot 2: loss term (see MonoDeque.pushFrom for why slots). */
  private readonly slots = new Float64Array(3);

  constructor(n: number) {
    this.gains = new WilderAverage(n);
    this.losses = new WilderAverage(n);
  }

  push(x: number): void {
    this.slots[0] = x;
    this.pushFrom(this.slots, 0);
  }

  /** Pushes `src[i]`: a typed-array slot and an integer cross the call, so no double is boxed. */
  pushFrom(src: Float64Array, i: number): void {
    const x = src[i]!;
    const prev = this.prev;
    this.prev = x;
    if (Number.isNaN(prev)) return;
    const d = x - prev;
    const slots = this.slots;
    slots[1] = Math.max(d, 0);
    slots[2] = d < 0 ? -d : 0;
    this.gains.pushFrom(slots, 1);
    this.losses.pushFrom(slots, 2);
    this.gain = this.gains.value;
    this.loss = this.losses.value;
  }
}

/** Relative strength index: 100·G/(G+L), 0 when G + L = 0 (§3 #10, TA-Lib RSI). */
export class Rsi extends IndicatorBase {
  private readonly avg: GainLossAverages;

  constructor(id: IndicatorIdentity) {
    super(id);
    this.avg = new GainLossAverages(num(id.params, 'length'));
  }

  step(bar: Float64Array, _t: number): void {
    const o = bar[BarField.OPEN]!;
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const v = bar[BarField.VOLUME]!;
    this.avg.push(selectSource(this.sourceId, o, h, l, c, v));
    const g = this.avg.gain;
    const total = g + this.avg.loss;
    this.values[0] = total === 0 ? 0 : 100 * (g / total);
  }
}

export const rsi = defineIndicator({
  name: 'rsi',
  category: 'momentum',
  title: 'Relative strength index',
  inputs: 'src',
  params: [intParam('length', 14, 2, 'Wilder period n')],
  outputs: [{ key: 'value', fvi: (p) => num(p, 'length') }],
  cls: 'E',
  lambda: (p) => num(p, 'length'),
  reference: { kind: 'talib', function: 'RSI' },
  notes:
    'TA-Lib seeding (mean of the first n changes) instead of the first change: early values differ and converge after ≈ 23·n bars. A flat window gives 0 (TA-Lib), not 50.',
  create: (id) => new Rsi(id),
});
