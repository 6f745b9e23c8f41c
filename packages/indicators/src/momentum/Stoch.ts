import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { MonoDeque } from '../base/MonoDeque';
import { intParam } from '../base/params';
import { RollingSum } from '../base/RollingSum';

/**
 * %K/%D smoothing shared by stoch and stochrsi: raw %K → SMA_smoothK → SMA_d, with TA-Lib's withholding of k
 * until d exists. `push` returns true when both outputs are defined.
 */
export class StochSmoothing {
  private readonly kSma: RollingSum;
  private readonly dSma: RollingSum;
  k = Number.NaN;
  d = Number.NaN;

  constructor(smoothK: number, d: number) {
    this.kSma = new RollingSum(smoothK);
    this.dSma = new RollingSum(d);
  }

  push(rawK: number): boolean {
    this.kSma.push(rawK);
    if (!this.kSma.full) return false;
    const k = this.kSma.sum / this.kSma.n;
    this.dSma.push(k);
    if (!this.dSma.full) return false;
    this.k = k;
    this.d = this.dSma.sum / this.dSma.n;
    return true;
  }
}

/** 100·(x − LL)/(HH − LL), 0 when HH = LL (TA-Lib's fast %K). */
export function fastK(x: number, hi: number, lo: number): number {
  const range = hi - lo;
  return range === 0 ? 0 : (100 * (x - lo)) / range;
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
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    this.hh.push(h);
    this.ll.push(l);
    if (t < this.k - 1) return;
    if (!this.smoothing.push(fastK(c, this.hh.value, this.ll.value))) return;
    this.values[0] = this.smoothing.k;
    this.values[1] = this.smoothing.d;
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
