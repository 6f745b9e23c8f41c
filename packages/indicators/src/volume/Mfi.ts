import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { RollingSum } from '../base/RollingSum';

/**
 * Money flow index (§3 #17, TA-Lib MFI): positive/negative flows tp·V over n bars (ties add to neither),
 * 100·P/(P+N), 0 when P + N = 0 exactly (TA-Lib's "< 1.0" threshold is not copied, §1.3).
 */
export class Mfi extends IndicatorBase {
  private readonly positive: RollingSum;
  private readonly negative: RollingSum;
  private prevTp = Number.NaN;

  constructor(id: IndicatorIdentity) {
    super(id);
    const n = num(id.params, 'length');
    this.positive = new RollingSum(n);
    this.negative = new RollingSum(n);
  }

  step(bar: Float64Array, _t: number): void {
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const v = bar[BarField.VOLUME]!;
    const tp = (h + l + c) / 3;
    const prev = this.prevTp;
    this.prevTp = tp;
    if (Number.isNaN(prev)) return;
    const flow = tp * v;
    this.positive.push(tp > prev ? flow : 0);
    this.negative.push(tp < prev ? flow : 0);
    if (!this.positive.full) return;
    const p = this.positive.sum;
    const total = p + this.negative.sum;
    this.values[0] = this.positive.allZero && this.negative.allZero ? 0 : 100 * (p / total);
  }
}

export const mfi = defineIndicator({
  name: 'mfi',
  category: 'volume',
  title: 'Money flow index',
  inputs: 'hlcv',
  params: [intParam('length', 14, 2, 'window length n')],
  outputs: [{ key: 'value', fvi: (p) => num(p, 'length') }],
  cls: 'W',
  reference: { kind: 'talib', function: 'MFI' },
  notes:
    'The predecessor live started at n−1 and gave 50 when P = N = 0; its backtest counted ties as negative flow (differs after any tie).',
  create: (id) => new Mfi(id),
});
