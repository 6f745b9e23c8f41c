import { createIndicator, getIndicatorMeta, type Indicator } from '@trade/indicators';
import type { TimeframeLayout } from '@trade/play';
import { createStructure, type StructureBar, type StructureDetector } from '@trade/structures';
import { TfBarBuilder } from '../timeframes/tf-bar-builder';
import { TfSeries } from '../timeframes/tf-series';
import { AnchorWatch } from './anchor-watch';

/** A history column that grows with its timeframe's series (one value per closed bar). */
export class ValueColumn {
  values: Float64Array;

  constructor(capacity: number) {
    this.values = new Float64Array(Math.max(16, capacity));
  }

  set(i: number, v: number): void {
    if (i >= this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[i] = v;
  }
}

/** Where a slot's value comes from in a bank: output `field` of indicator/detector `owner`. */
interface SlotBinding {
  readonly column: ValueColumn;
  readonly owner: { readonly values: Float64Array };
  readonly field: number;
}

/**
 * Everything one timeframe owns in a run (`engine.md` §2.2, §4.1 C2): the bar builder, the closed-bar series,
 * its indicator and structure instances in declaration order, and the per-bar history of every output a
 * condition reads. The same bank steps warmup bars and simulated bars, in backtest and live.
 */
export class TimeframeBank {
  readonly builder: TfBarBuilder;
  readonly series: TfSeries;
  readonly indicators: readonly Indicator[];
  readonly featureIds: readonly string[];
  readonly structures: readonly StructureDetector[];
  private readonly bindings: SlotBinding[] = [];
  /** Indicators stepped before the structures (all but the swing-anchored ones), by index. */
  private readonly plainIndicators: readonly number[];
  /** Swing-anchored indicators (anchored_vwap), stepped after the structures with their watch (null = manual). */
  private readonly anchoredIndicators: readonly number[];
  private readonly anchorWatches: readonly (AnchorWatch | null)[];
  private readonly structureBar: StructureBar & {
    idx: number;
    ts: number;
    open: number;
    high: number;
    low: number;
    close: number;
    volume: number;
  };

  constructor(
    readonly layout: TimeframeLayout,
    capacity: number,
  ) {
    this.builder = new TfBarBuilder(layout.tf);
    this.series = new TfSeries(layout.tf, capacity);
    this.indicators = layout.features.map((f) =>
      createIndicator(f.indicator, f.source === 'close' ? f.params : { ...f.params, source: f.source }),
    );
    this.featureIds = layout.features.map((f) => f.id);
    const atrIds = layout.features.filter((f) => f.indicator === 'atr').map((f) => f.id);
    const byKey = new Map<string, StructureDetector>();
    this.structures = layout.structures.map((s) => {
      const deps = s.uses.map((k) => byKey.get(k)!);
      const d = createStructure(s.type, s.params, deps, { key: s.key, atrFeatures: atrIds });
      byKey.set(s.key, d);
      return d;
    });
    const anchored = layout.features.map((f) => getIndicatorMeta(f.indicator).anchored);
    this.plainIndicators = anchored.flatMap((a, i) => (a ? [] : [i]));
    this.anchoredIndicators = anchored.flatMap((a, i) => (a ? [i] : []));
    this.anchorWatches = this.anchoredIndicators.map((i) => {
      const params = layout.features[i]!.params;
      const key = params.anchor_structure ?? layout.structures.find((s) => s.type === 'swing')?.key;
      return AnchorWatch.of(String(params.anchor_source ?? 'swing_any'), byKey.get(String(key)));
    });
    const ids = this.featureIds;
    const inds = this.indicators;
    // Detectors ask for their ATR feature by id; a linear scan over this TF's few features, no map per bar.
    const ind = (key: string): number => {
      for (let i = 0; i < ids.length; i++) if (ids[i] === key) return inds[i]!.values[0]!;
      return Number.NaN;
    };
    this.structureBar = { idx: -1, ts: 0, open: 0, high: 0, low: 0, close: 0, volume: 0, ind };
  }

  /** Records output `field` of feature `id` (or structure key `id`) for every closed bar; returns its column. */
  bind(source: 'feature' | 'structure', id: string, field: number): ValueColumn {
    const owner =
      source === 'feature'
        ? this.indicators[this.featureIds.indexOf(id)]
        : this.structures.find((s) => s.key === id);
    if (owner === undefined)
      throw new Error(`engine: ${source} '${id}' is not on timeframe ${this.layout.tf}`);
    const column = new ValueColumn(this.series.ts.length);
    this.bindings.push({ column, owner, field });
    return column;
  }

  /** Feeds one closed 1m bar; when it closes a bar of this timeframe, steps everything on it. Returns true then. */
  pushMinute(ts: number, o: number, h: number, l: number, c: number, v: number): boolean {
    if (!this.builder.push(ts, o, h, l, c, v)) return false;
    const bar = this.builder.bar;
    this.series.append(bar, this.builder.formingClose);
    const inds = this.indicators;
    const plain = this.plainIndicators;
    for (let k = 0; k < plain.length; k++)
      inds[plain[k]!]!.push(bar.ts, bar.open, bar.high, bar.low, bar.close, bar.volume);
    const sb = this.structureBar;
    sb.idx = this.series.length - 1;
    sb.ts = bar.ts;
    sb.open = bar.open;
    sb.high = bar.high;
    sb.low = bar.low;
    sb.close = bar.close;
    sb.volume = bar.volume;
    const structs = this.structures;
    for (let i = 0; i < structs.length; i++) structs[i]!.update(sb);
    // indicators.md §3 #44: anchored indicators step after this TF's structures, reset on the swing's confirmation.
    const anchoredIdx = this.anchoredIndicators;
    for (let k = 0; k < anchoredIdx.length; k++) {
      const watch = this.anchorWatches[k]!;
      const anchor = watch === null ? false : watch.fired();
      inds[anchoredIdx[k]!]!.push(bar.ts, bar.open, bar.high, bar.low, bar.close, bar.volume, anchor);
    }
    const idx = this.series.length - 1;
    const b = this.bindings;
    for (let i = 0; i < b.length; i++) b[i]!.column.set(idx, b[i]!.owner.values[b[i]!.field]!);
    return true;
  }
}
