import { z } from 'zod';
import { type StructureBar, withFieldGetters } from '../detector';
import { defineFields, fieldIndex } from '../fields';
import { defineMeta, swingWindow } from '../meta';
import { atrKeyParam, intParam, nonNegativeParam, positiveParam } from '../params';
import { SWING, type SwingDetector } from './swing';

/** liquidity_zones — equal highs/lows (clustered swing pivots) and their sweeps (structures.md §2.11). */

export const liquidityZonesParamsSchema = z
  .strictObject({
    atr_key: atrKeyParam(),
    tolerance_atr: positiveParam().default(0.3),
    sweep_atr: nonNegativeParam().default(0.1),
    min_touches: intParam(1, 10).default(2),
    max_active: intParam(1, 20).default(5),
    max_swing_history: intParam(1, 100).default(20),
  })
  .superRefine((p, ctx) => {
    if (p.max_swing_history < p.max_active) {
      ctx.addIssue({
        code: 'custom',
        path: ['max_swing_history'],
        message: `must be >= max_active (${p.max_active})`,
      });
    }
  });
export type LiquidityZonesParams = z.output<typeof liquidityZonesParamsSchema>;

const NAMES = [
  'sweep_this_bar',
  'sweep_direction',
  'swept_level',
  'new_zone_this_bar',
  'nearest_high_level',
  'nearest_low_level',
  'nearest_high_touches',
  'nearest_low_touches',
  'active_high_count',
  'active_low_count',
  'version',
] as const;
export const LIQUIDITY_ZONES = fieldIndex(NAMES);
export const LIQUIDITY_ZONES_FIELDS = defineFields([
  ['sweep_this_bar', 'BOOL', 'a formed zone was swept on this bar'],
  ['sweep_direction', 'INT', 0, 'this bar: +1 buy-side (high) liquidity taken, −1 sell-side (low), 0 none'],
  ['swept_level', 'FLOAT', 'this bar: highest swept high level (or lowest swept low level)'],
  ['new_zone_this_bar', 'BOOL', 'a zone reached min_touches on this bar'],
  ['nearest_high_level', 'FLOAT', 'formed high-side zone nearest to the close'],
  ['nearest_low_level', 'FLOAT', 'formed low-side zone nearest to the close'],
  ['nearest_high_touches', 'INT', 0, 'pivots merged into the nearest high-side zone'],
  ['nearest_low_touches', 'INT', 0, 'pivots merged into the nearest low-side zone'],
  ['active_high_count', 'INT', 0, 'formed high-side zones'],
  ['active_low_count', 'INT', 0, 'formed low-side zones'],
  ['version', 'INT', 0, '+1 per bar with a formation or a sweep'],
]);

/** One side's zones (unordered; "newest" = largest last pivot idx, which is unique per zone). */
class ZoneSide {
  readonly level: Float64Array;
  readonly sum: Float64Array;
  readonly touches: Int32Array;
  readonly lastIdx: Int32Array;
  readonly formed: Uint8Array;
  count = 0;

  constructor(capacity: number) {
    this.level = new Float64Array(capacity);
    this.sum = new Float64Array(capacity);
    this.touches = new Int32Array(capacity);
    this.lastIdx = new Int32Array(capacity);
    this.formed = new Uint8Array(capacity);
  }

  remove(i: number): void {
    const last = this.count - 1;
    this.level.copyWithin(i, i + 1, this.count);
    this.sum.copyWithin(i, i + 1, this.count);
    this.touches.copyWithin(i, i + 1, this.count);
    this.lastIdx.copyWithin(i, i + 1, this.count);
    this.formed.copyWithin(i, i + 1, this.count);
    this.count = last;
  }

  /** Index of the zone with the smallest last idx (formed ones only when `formedOnly`), or −1. */
  oldest(formedOnly: boolean): number {
    let best = -1;
    for (let i = 0; i < this.count; i++) {
      if (formedOnly && this.formed[i] === 0) continue;
      if (best < 0 || this.lastIdx[i]! < this.lastIdx[best]!) best = i;
    }
    return best;
  }

  formedCount(): number {
    let n = 0;
    for (let i = 0; i < this.count; i++) n += this.formed[i]!;
    return n;
  }
}

interface LiquidityZonesState {
  readonly lastHighIdx: number;
  readonly lastLowIdx: number;
  /** Per side, newest first: [level, sum, touches, lastIdx, formed] each. */
  readonly high: number[];
  readonly low: number[];
}

export class LiquidityZonesDetector extends withFieldGetters(NAMES) {
  private readonly p: LiquidityZonesParams;
  private readonly swing: SwingDetector;
  private readonly atrAvailable: boolean;
  private readonly highs: ZoneSide;
  private readonly lows: ZoneSide;
  private lastHighIdx = -1;
  private lastLowIdx = -1;

  constructor(params: LiquidityZonesParams, swing: SwingDetector, key: string, atrAvailable: boolean) {
    super({ type: 'liquidity_zones', key, params, fields: LIQUIDITY_ZONES_FIELDS });
    this.p = params;
    this.swing = swing;
    this.atrAvailable = atrAvailable;
    this.highs = new ZoneSide(params.max_swing_history + 1);
    this.lows = new ZoneSide(params.max_swing_history + 1);
    this.reset();
  }

  protected resetState(): void {
    this.highs.count = 0;
    this.lows.count = 0;
    this.lastHighIdx = -1;
    this.lastLowIdx = -1;
  }

  protected step(bar: StructureBar): void {
    const v = this.values;
    v[LIQUIDITY_ZONES.sweep_this_bar] = 0;
    v[LIQUIDITY_ZONES.sweep_direction] = 0;
    v[LIQUIDITY_ZONES.swept_level] = Number.NaN;
    v[LIQUIDITY_ZONES.new_zone_this_bar] = 0;
    const raw = this.atrAvailable ? bar.ind(this.p.atr_key) : Number.NaN;
    const atr = raw > 0 ? raw : Number.NaN;
    let changed = false;
    // 1. Sweeps of formed zones (need ATR).
    if (!Number.isNaN(atr)) {
      const margin = this.p.sweep_atr * atr;
      const sweptHigh = this.sweep(this.highs, true, bar.high, margin);
      const sweptLow = this.sweep(this.lows, false, bar.low, margin);
      if (!Number.isNaN(sweptHigh)) {
        v[LIQUIDITY_ZONES.sweep_direction] = 1;
        v[LIQUIDITY_ZONES.swept_level] = sweptHigh;
      } else if (!Number.isNaN(sweptLow)) {
        v[LIQUIDITY_ZONES.sweep_direction] = -1;
        v[LIQUIDITY_ZONES.swept_level] = sweptLow;
      }
      if (!Number.isNaN(sweptHigh) || !Number.isNaN(sweptLow)) {
        v[LIQUIDITY_ZONES.sweep_this_bar] = 1;
        changed = true;
      }
    }
    // 2. New pivots, high before low.
    const s = this.swing.values;
    const highIdx = s[SWING.high_idx]!;
    const lowIdx = s[SWING.low_idx]!;
    if (highIdx >= 0 && highIdx !== this.lastHighIdx) {
      changed = this.addPivot(this.highs, s[SWING.high_level]!, highIdx, atr) || changed;
    }
    if (lowIdx >= 0 && lowIdx !== this.lastLowIdx) {
      changed = this.addPivot(this.lows, s[SWING.low_level]!, lowIdx, atr) || changed;
    }
    this.lastHighIdx = highIdx;
    this.lastLowIdx = lowIdx;
    if (changed) v[LIQUIDITY_ZONES.version]! += 1;
    this.summarise(bar.close);
  }

  /**
   * Removes the formed zones the bar's extreme `price` ran beyond by more than `margin` (above for the high
   * side, below for the low side); returns the most extreme swept level or NaN.
   */
  private sweep(side: ZoneSide, highSide: boolean, price: number, margin: number): number {
    let extreme = Number.NaN;
    for (let i = side.count - 1; i >= 0; i--) {
      if (side.formed[i] === 0) continue;
      const level = side.level[i]!;
      if (highSide ? !(price > level + margin) : !(price < level - margin)) continue;
      if (Number.isNaN(extreme) || (highSide ? level > extreme : level < extreme)) extreme = level;
      side.remove(i);
    }
    return extreme;
  }

  /** Merges a pivot into the nearest zone within tolerance or creates a zone; returns true on a formation. */
  private addPivot(side: ZoneSide, level: number, idx: number, atr: number): boolean {
    let target = -1;
    if (!Number.isNaN(atr)) {
      const tolerance = this.p.tolerance_atr * atr;
      let bestDistance = Number.POSITIVE_INFINITY;
      for (let i = 0; i < side.count; i++) {
        const distance = Math.abs(level - side.level[i]!);
        if (distance > tolerance) continue;
        if (
          distance < bestDistance ||
          (distance === bestDistance && side.lastIdx[i]! > side.lastIdx[target]!)
        ) {
          bestDistance = distance;
          target = i;
        }
      }
    }
    let formed = false;
    if (target >= 0) {
      side.sum[target]! += level;
      side.touches[target]! += 1;
      side.level[target] = side.sum[target]! / side.touches[target]!;
      side.lastIdx[target] = idx;
      if (side.formed[target] === 0 && side.touches[target]! >= this.p.min_touches) {
        side.formed[target] = 1;
        formed = true;
      }
    } else {
      const i = side.count++;
      side.level[i] = level;
      side.sum[i] = level;
      side.touches[i] = 1;
      side.lastIdx[i] = idx;
      side.formed[i] = this.p.min_touches === 1 ? 1 : 0;
      formed = this.p.min_touches === 1;
    }
    while (side.count > this.p.max_swing_history) side.remove(side.oldest(false));
    while (side.formedCount() > this.p.max_active) side.remove(side.oldest(true));
    if (formed) this.values[LIQUIDITY_ZONES.new_zone_this_bar] = 1;
    return formed;
  }

  private summarise(close: number): void {
    const L = LIQUIDITY_ZONES;
    this.summariseSide(this.highs, close, L.nearest_high_level, L.nearest_high_touches, L.active_high_count);
    this.summariseSide(this.lows, close, L.nearest_low_level, L.nearest_low_touches, L.active_low_count);
  }

  /** Nearest formed zone of a side (smallest |level − close|, the newest on ties) and the formed count. */
  private summariseSide(
    side: ZoneSide,
    close: number,
    levelField: number,
    touchesField: number,
    countField: number,
  ): void {
    const v = this.values;
    let best = -1;
    let bestDistance = Number.POSITIVE_INFINITY;
    let count = 0;
    for (let i = 0; i < side.count; i++) {
      if (side.formed[i] === 0) continue;
      count++;
      const distance = Math.abs(side.level[i]! - close);
      if (distance < bestDistance || (distance === bestDistance && side.lastIdx[i]! > side.lastIdx[best]!)) {
        bestDistance = distance;
        best = i;
      }
    }
    v[levelField] = best < 0 ? Number.NaN : side.level[best]!;
    v[touchesField] = best < 0 ? 0 : side.touches[best]!;
    v[countField] = count;
  }

  private static saveSide(side: ZoneSide): number[] {
    const order = Array.from({ length: side.count }, (_, i) => i).sort(
      (a, b) => side.lastIdx[b]! - side.lastIdx[a]!,
    );
    return order.flatMap((i) => [
      side.level[i]!,
      side.sum[i]!,
      side.touches[i]!,
      side.lastIdx[i]!,
      side.formed[i]!,
    ]);
  }

  private static loadSide(side: ZoneSide, data: number[]): void {
    side.count = data.length / 5;
    for (let i = 0; i < side.count; i++) {
      side.level[i] = data[5 * i]!;
      side.sum[i] = data[5 * i + 1]!;
      side.touches[i] = data[5 * i + 2]!;
      side.lastIdx[i] = data[5 * i + 3]!;
      side.formed[i] = data[5 * i + 4]!;
    }
  }

  protected saveState(): LiquidityZonesState {
    return {
      lastHighIdx: this.lastHighIdx,
      lastLowIdx: this.lastLowIdx,
      high: LiquidityZonesDetector.saveSide(this.highs),
      low: LiquidityZonesDetector.saveSide(this.lows),
    };
  }

  protected loadState(state: unknown): void {
    const s = state as LiquidityZonesState;
    this.lastHighIdx = s.lastHighIdx;
    this.lastLowIdx = s.lastLowIdx;
    LiquidityZonesDetector.loadSide(this.highs, s.high);
    LiquidityZonesDetector.loadSide(this.lows, s.low);
  }
}

export const liquidityZonesMeta = defineMeta<LiquidityZonesParams>({
  type: 'liquidity_zones',
  summary: 'Clusters of equal swing highs/lows (buy-side/sell-side liquidity) and the bars that sweep them.',
  later: true,
  paramsSchema: liquidityZonesParamsSchema,
  fields: () => LIQUIDITY_ZONES_FIELDS,
  dependencies: [{ type: 'swing', required: true }],
  atr: (p) => ({ use: 'required', key: p.atr_key }),
  warmupBars: (p, context) => swingWindow(context.swing) * (2 * p.min_touches + 1),
  warnings: () => [],
  create: (p, deps, context) =>
    new LiquidityZonesDetector(p, deps.swing as SwingDetector, context.key, context.atrAvailable),
});
