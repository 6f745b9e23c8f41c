import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { floatParam, intParam } from '../base/params';
import { RollingMoments } from '../base/RollingMoments';
import { selectSource } from '../base/source';

/**
 * Bollinger bands (§3 #27): SMA ± std·σ with the population σ (TA-Lib BBANDS), bandwidth = 100·(upper −
 * lower)/middle (Pine v6 ta.bbw, NaN when middle = 0), percent_b = (x − lower)/(upper − lower), 0.5 when the
 * bands coincide.
 */
export class Bbands extends IndicatorBase {
  private readonly moments: RollingMoments;
  private readonly std: number;
  /** One-slot buffer feeding the moments (see RollingMoments.pushFrom). */
  private readonly scratch = new Float64Array(1);

  constructor(id: IndicatorIdentity) {
    super(id);
    this.moments = new RollingMoments(num(id.params, 'length'));
    this.std = num(id.params, 'std');
  }

  step(bar: Float64Array, _t: number): void {
    const o = bar[BarField.OPEN]!;
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const v = bar[BarField.VOLUME]!;
    const x = selectSource(this.sourceId, o, h, l, c, v);
    const m = this.moments;
    this.scratch[0] = x;
    m.pushFrom(this.scratch, 0);
    if (!m.full) return;
    const middle = m.mean;
    const width = Math.sqrt(m.variance) * this.std;
    const upper = middle + width;
    const lower = middle - width;
    const out = this.values;
    out[0] = lower;
    out[1] = middle;
    out[2] = upper;
    out[3] = middle === 0 ? Number.NaN : (100 * (upper - lower)) / middle;
    out[4] = upper === lower ? 0.5 : (x - lower) / (upper - lower);
  }
}

export const bbands = defineIndicator({
  name: 'bbands',
  category: 'volatility',
  title: 'Bollinger bands',
  inputs: 'src',
  params: [
    intParam('length', 5, 2, 'window length n'),
    floatParam(
      'std',
      2,
      { min: 0, minExclusive: true, max: 100 },
      'band width in population standard deviations',
    ),
  ],
  outputs: ['lower', 'middle', 'upper', 'bandwidth', 'percent_b'].map((key) => ({
    key,
    fvi: (p) => num(p, 'length') - 1,
    ...(key === 'bandwidth' ? { nanWhen: 'the middle band is 0' } : {}),
  })),
  primary: 'middle',
  cls: 'W',
  reference: {
    kind: 'talib',
    function: 'BBANDS(n, std, std, SMA); Pine v6 ta.bbw; TradingView "Bollinger Bands %B"',
  },
  notes:
    'The predecessor used the sample σ (bands wider by √(n/(n−1)), +2.6 % at n = 20); set std·√(n/(n−1)) to reproduce old widths.',
  create: (id) => new Bbands(id),
});
