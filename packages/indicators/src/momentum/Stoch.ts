import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { MonoDeque } from '../base/MonoDeque';
import { intParam } from '../base/params';
import { RollingSum } from '../base/RollingSum';

/**
 * %K/%D smoothing shared by stoch and stochrsi: raw %K → SMA_smoothK → SMA_d, with TA-Lib's withholding of k
 * until d exists. `step` returns true when both outputs are defined.
 */
export class StochSmoothing {
  private readonly kSma: RollingSum;
  private readonly dSma: RollingSum;
  /**
   * In: slot 0 the value x, slot 3 the window high HH, slot 4 the window low LL. Out: slot 1 %K, slot 2 %D.
   * Typed-array slots, so no double crosses a call (a call V8 does not inline boxes double arguments).
   */
  readonly io = new Float64Array(5).fill(Number.NaN);

  constructor(smoothK: number, d: number) {
    this.kSma = new RollingSum(smoothK);
    this.dSma = new RollingSum(d);
  }

  /**
   * Turns x, HH, LL into TA-Lib's fast %K = 100·(x − LL)/(HH − LL) (0 when HH = LL) and smooths it; returns
   * true when io[1] and io[2] are defined.
   */
  step(): boolean {
    const io = this.io;
    const lo = io[4]!;
    const range = io[3]! - lo;
    io[0] = range === 0 ? 0 : (100 * (io[0]! - lo)) / range;
    this.kSma.pushFrom(io, 0);
    if (!this.kSma.full) return false;
    io[1] = this.kSma.sum / this.kSma.n;
    this.dSma.pushFrom(io, 1);
    if (!this.dSma.full) return false;
    io[2] = this.dSma.sum / this.dSma.n;
    return true;
  }
}

/** Stochastic oscillator (§3 #28, TA-Lib STOCH with SMA smoothing). */
export class Stoch extends IndicatorBase {
  private readonly k: number;
  private readonly hh: MonoDeque;
  private readonly ll: MonoDeque;
  private readonly smoothing: StochSmoothing;

  constructor(id: IndicatorIdentity) {
    super(id);
    this.k = num(id.params, 'k');
    this.hh = new MonoDeque(this.k, 'max');
    this.ll = new MonoDeque(this.k, 'min');
    this.smoothing = new StochSmoothing(num(id.params, 'smooth_k'), num(id.params, 'd'));
  }

  step(bar: Float64Array, t: number): void {
    this.hh.pushFrom(bar, BarField.HIGH);
    this.ll.pushFrom(bar, BarField.LOW);
    if (t < this.k - 1) return;
    const io = this.smoothing.io;
    io[0] = bar[BarField.CLOSE]!;
    io[3] = this.hh.value;
    io[4] = this.ll.value;
    if (!this.smoothing.step()) return;
    this.values[0] = io[1]!;
    this.values[1] = io[2]!;
  }
}

export const stoch = defineIndicator({
  name: 'stoch',
  category: 'momentum',
  title: 'Stochastic oscillator',
  inputs: 'hlc',
  params: [
    intParam('k', 14, 1, 'highest-high/lowest-low window'),
    intParam('smooth_k', 3, 1, 'SMA applied to raw %K (1 = fast stochastic)'),
    intParam('d', 3, 1, 'SMA of %K'),
  ],
  outputs: ['k', 'd'].map((key) => ({ key, fvi: (p) => num(p, 'k') + num(p, 'smooth_k') + num(p, 'd') - 3 })),
  primary: 'k',
  cls: 'W',
  reference: { kind: 'talib', function: 'STOCH (SMA, SMA); STOCHF when smooth_k = 1' },
  notes: 'The predecessor backtest published k from k+smooth_k−2 and gave 50 on a flat window (now 0).',
  create: (id) => new Stoch(id),
});
