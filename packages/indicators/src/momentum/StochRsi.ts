import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { MonoDeque } from '../base/MonoDeque';
import { intParam } from '../base/params';
import { selectSource } from '../base/source';
import { GainLossAverages } from './Rsi';
import { StochSmoothing } from './Stoch';

/** Stochastic of the RSI (§3 #29): TA-Lib STOCH with high = low = close = the TA-Lib RSI output. */
export class StochRsi extends IndicatorBase {
  private readonly length: number;
  private readonly avg: GainLossAverages;
  private readonly hi: MonoDeque;
  private readonly lo: MonoDeque;
  /** Slot 0: RSI for the deques; slot 1: source value for the RSI (see MonoDeque.pushFrom). */
  private readonly scratch = new Float64Array(2);
  private readonly smoothing: StochSmoothing;
  private rsiCount = 0;

  constructor(id: IndicatorIdentity) {
    super(id);
    this.length = num(id.params, 'length');
    this.avg = new GainLossAverages(num(id.params, 'rsi_length'));
    this.hi = new MonoDeque(this.length, 'max');
    this.lo = new MonoDeque(this.length, 'min');
    this.smoothing = new StochSmoothing(num(id.params, 'k'), num(id.params, 'd'));
  }

  step(bar: Float64Array, _t: number): void {
    const o = bar[BarField.OPEN]!;
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const v = bar[BarField.VOLUME]!;
    this.scratch[1] = selectSource(this.sourceId, o, h, l, c, v);
    this.avg.pushFrom(this.scratch, 1);
    const g = this.avg.gain;
    if (Number.isNaN(g)) return;
    const total = g + this.avg.loss;
    const r = total === 0 ? 0 : 100 * (g / total);
    this.scratch[0] = r;
    this.hi.pushFrom(this.scratch, 0);
    this.lo.pushFrom(this.scratch, 0);
    if (++this.rsiCount < this.length) return;
    const io = this.smoothing.io;
    io[0] = r;
    io[3] = this.hi.value;
    io[4] = this.lo.value;
    if (!this.smoothing.step()) return;
    this.values[0] = io[1]!;
    this.values[1] = io[2]!;
  }
}

export const stochrsi = defineIndicator({
  name: 'stochrsi',
  category: 'momentum',
  title: 'Stochastic RSI',
  inputs: 'src',
  params: [
    intParam('length', 14, 1, 'stochastic window over the RSI'),
    intParam('rsi_length', 14, 2, 'RSI period'),
    intParam('k', 3, 1, 'SMA of raw %K'),
    intParam('d', 3, 1, 'SMA of %K'),
  ],
  outputs: ['k', 'd'].map((key) => ({
    key,
    fvi: (p) => num(p, 'rsi_length') + num(p, 'length') + num(p, 'k') + num(p, 'd') - 3,
  })),
  primary: 'k',
  cls: 'E',
  lambda: (p) => num(p, 'rsi_length'),
  reference: { kind: 'talib', function: 'STOCH over RSI (= STOCHRSI fastK/fastD when k = 1)' },
  notes: 'RSI seeding differs from the predecessor (converges); a flat window gives 0, not 50.',
  create: (id) => new StochRsi(id),
});
