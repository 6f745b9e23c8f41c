import { defineIndicator, type IndicatorIdentity } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { anchorId, periodKey, VWAP_ANCHORS } from './period-key';

/**
 * Anchored-period VWAP (§3 #25, Pine ta.vwap(hlc3, anchor)): Σ(hlc3·V)/ΣV since the first bar of the current
 * period (UTC day, Monday week, month or N-hour block of the bar open ts); NaN while ΣV = 0.
 */
export class Vwap extends IndicatorBase {
  private readonly anchor: number;
  private key = Number.NaN;
  private pv = 0;
  private vol = 0;

  constructor(id: IndicatorIdentity) {
    super(id);
    this.anchor = anchorId(id.params.anchor as string);
  }

  step(bar: Float64Array, _t: number): void {
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const v = bar[BarField.VOLUME]!;
    const ts = bar[BarField.TS]!;
    const key = periodKey(this.anchor, ts);
    if (key !== this.key) {
      this.key = key;
      this.pv = 0;
      this.vol = 0;
    }
    this.pv += ((h + l + c) / 3) * v;
    this.vol += v;
    this.values[0] = this.vol === 0 ? Number.NaN : this.pv / this.vol;
  }
}

export const vwap = defineIndicator({
  name: 'vwap',
  category: 'volume',
  title: 'Volume-weighted average price (periodic anchor)',
  inputs: 'hlcv+ts',
  params: [
    {
      key: 'anchor',
      type: 'enum',
      default: 'D',
      values: VWAP_ANCHORS,
      doc: 'period that restarts the sums: D (UTC day), W (week from Monday), M (month), or N hours',
    },
  ],
  outputs: [{ key: 'value', fvi: () => 0, nanWhen: 'the volume of the current period is 0 so far' }],
  cls: 'C',
  reference: { kind: 'pine', function: 'ta.vwap(hlc3, anchor)' },
  notes:
    'The predecessor live supported only D and W and its backtest any pandas alias; boundaries are now identical everywhere.',
  create: (id) => new Vwap(id),
});
