import { defineIndicator } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';

/** anchor_source values of §3 #44 (which swing counter the engine watches). */
export const ANCHOR_SOURCES = [
  'swing_any',
  'swing_high',
  'swing_low',
  'pair_any',
  'pair_high',
  'pair_low',
  'manual',
] as const;

/**
 * VWAP since the last anchor (§3 #44, ours; engine-managed). The engine decides the reset from the swing
 * structure and passes it as `update(bar, anchor)`; without anchors the sums run from the first bar.
 */
export class AnchoredVwap extends IndicatorBase {
  private pv = 0;
  private vol = 0;
  private barsSinceAnchor = 0;

  step(bar: Float64Array, _t: number, anchor: boolean): void {
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const v = bar[BarField.VOLUME]!;
    if (anchor) {
      this.pv = 0;
      this.vol = 0;
      this.barsSinceAnchor = 0;
    }
    this.barsSinceAnchor += 1;
    this.pv += ((h + l + c) / 3) * v;
    this.vol += v;
    this.values[0] = this.vol === 0 ? Number.NaN : this.pv / this.vol;
    this.values[1] = this.barsSinceAnchor;
  }
}

export const anchoredVwap = defineIndicator({
  name: 'anchored_vwap',
  category: 'volume',
  title: 'Anchored VWAP (reset by swings)',
  inputs: 'hlcv+swing',
  anchored: true,
  params: [
    {
      key: 'anchor_source',
      type: 'enum',
      default: 'swing_any',
      values: ANCHOR_SOURCES,
      doc: 'which swing event resets the anchor (the engine watches the matching counter); manual = never',
    },
    {
      key: 'anchor_structure',
      type: 'string',
      optional: true,
      doc: 'key of the swing structure on the same TF (default: the first swing declared there)',
    },
  ],
  outputs: [
    { key: 'value', fvi: () => 0, nanWhen: 'the volume since the anchor is 0' },
    { key: 'bars_since_anchor', type: 'INT', fvi: () => 0 },
  ],
  cls: 'C',
  reference: { kind: 'definition', function: 'indicators.md §3 #44' },
  notes:
    'Same semantics as the predecessor; without a swing it is now a load error instead of a silent cumulative VWAP.',
  create: (id) => new AnchoredVwap(id),
});
