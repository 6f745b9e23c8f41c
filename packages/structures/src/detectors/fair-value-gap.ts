import { z } from 'zod';
import { type StructureBar, withFieldGetters } from '../detector';
import { defineFields, fieldIndex } from '../fields';
import { defineMeta } from '../meta';
import { atrKeyParam, intParam, nonNegativeParam } from '../params';
import { scanNearestZones } from './nearest-zone';

/** fair_value_gap — three-candle gaps, their fill, mitigation and invalidation (structures.md §2.9). */

export const fairValueGapParamsSchema = z.strictObject({
  atr_key: atrKeyParam(),
  min_gap_atr: nonNegativeParam().default(0),
  max_active: intParam(1, 20).default(5),
});
export type FairValueGapParams = z.output<typeof fairValueGapParamsSchema>;

const NAMES = [
  'new_this_bar',
  'new_direction',
  'new_lower',
  'new_upper',
  'nearest_bull_lower',
  'nearest_bull_upper',
  'nearest_bull_fill_pct',
  'nearest_bear_lower',
  'nearest_bear_upper',
  'nearest_bear_fill_pct',
  'active_bull_count',
  'active_bear_count',
  'any_mitigated_this_bar',
  'any_invalidated_this_bar',
  'version',
] as const;
export const FAIR_VALUE_GAP = fieldIndex(NAMES);
export const FAIR_VALUE_GAP_FIELDS = defineFields([
  ['new_this_bar', 'BOOL', 'a gap was created on this bar'],
  ['new_direction', 'INT', 0, 'direction of the gap created on this bar (+1 bullish, −1 bearish)'],
  ['new_lower', 'FLOAT', 'lower bound of the gap created on this bar'],
  ['new_upper', 'FLOAT', 'upper bound of the gap created on this bar'],
  ['nearest_bull_lower', 'FLOAT', 'lower bound of the active bullish gap nearest to the close'],
  ['nearest_bull_upper', 'FLOAT', 'upper bound of that gap'],
  ['nearest_bull_fill_pct', 'FLOAT', 'deepest fill of that gap so far (fraction 0..1)'],
  ['nearest_bear_lower', 'FLOAT', 'lower bound of the active bearish gap nearest to the close'],
  ['nearest_bear_upper', 'FLOAT', 'upper bound of that gap'],
  ['nearest_bear_fill_pct', 'FLOAT', 'deepest fill of that gap so far (fraction 0..1)'],
  ['active_bull_count', 'INT', 0, 'active bullish gaps'],
  ['active_bear_count', 'INT', 0, 'active bearish gaps'],
  ['any_mitigated_this_bar', 'BOOL', 'a gap reached a fill of 50 % on this bar'],
  ['any_invalidated_this_bar', 'BOOL', 'a gap was closed through on this bar'],
  ['version', 'INT', 0, '+1 per bar with a creation, mitigation or invalidation'],
]);

/** Mitigated at half fill. */
const MITIGATION_FILL = 0.5;

interface FairValueGapState {
  /** Active gaps newest first: [direction, lower, upper, fill] each. */
  readonly gaps: number[];
  readonly recent: number[];
}

export class FairValueGapDetector extends withFieldGetters(NAMES) {
  private readonly p: FairValueGapParams;
  private readonly atrAvailable: boolean;
  private readonly capacity: number;
  // Active gaps, newest first (index 0).
  private readonly dir: Int8Array;
  private readonly lower: Float64Array;
  private readonly upper: Float64Array;
  private readonly fill: Float64Array;
  private count = 0;
  /** High and low of bars N−1 and N−2: [high1, low1, high2, low2]. */
  private readonly recent = new Float64Array(4);

  constructor(params: FairValueGapParams, key: string, atrAvailable: boolean) {
    super({ type: 'fair_value_gap', key, params, fields: FAIR_VALUE_GAP_FIELDS });
    this.p = params;
    this.atrAvailable = atrAvailable;
    this.capacity = params.max_active + 1;
    this.dir = new Int8Array(this.capacity);
    this.lower = new Float64Array(this.capacity);
    this.upper = new Float64Array(this.capacity);
    this.fill = new Float64Array(this.capacity);
    this.reset();
  }

  protected resetState(): void {
    this.count = 0;
    this.recent.fill(Number.NaN);
  }

  protected step(bar: StructureBar): void {
    const v = this.values;
    v[FAIR_VALUE_GAP.new_this_bar] = 0;
    v[FAIR_VALUE_GAP.new_direction] = 0;
    v[FAIR_VALUE_GAP.new_lower] = Number.NaN;
    v[FAIR_VALUE_GAP.new_upper] = Number.NaN;
    v[FAIR_VALUE_GAP.any_mitigated_this_bar] = 0;
    v[FAIR_VALUE_GAP.any_invalidated_this_bar] = 0;
    let changed = false;
    // 1. Lifecycle of the existing gaps; mitigated and invalidated ones leave the list.
    let kept = 0;
    for (let i = 0; i < this.count; i++) {
      const lower = this.lower[i]!;
      const upper = this.upper[i]!;
      let fill = this.fill[i]!;
      let leaves = false;
      if (this.dir[i] === 1) {
        if (bar.close < lower) {
          v[FAIR_VALUE_GAP.any_invalidated_this_bar] = 1;
          leaves = true;
        } else if (bar.low < upper) {
          fill = Math.max(fill, Math.min(1, (upper - bar.low) / (upper - lower)));
        }
      } else if (bar.close > upper) {
        v[FAIR_VALUE_GAP.any_invalidated_this_bar] = 1;
        leaves = true;
      } else if (bar.high > lower) {
        fill = Math.max(fill, Math.min(1, (bar.high - lower) / (upper - lower)));
      }
      if (!leaves && fill >= MITIGATION_FILL) {
        v[FAIR_VALUE_GAP.any_mitigated_this_bar] = 1;
        leaves = true;
      }
      if (leaves) {
        changed = true;
        continue;
      }
      this.dir[kept] = this.dir[i]!;
      this.lower[kept] = lower;
      this.upper[kept] = upper;
      this.fill[kept] = fill;
      kept++;
    }
    this.count = kept;
    // 2. Detection on candles N−2 (c1) and N (c3).
    const high1 = this.recent[2]!;
    const low1 = this.recent[3]!;
    let gapDir = 0;
    let gapLower = Number.NaN;
    let gapUpper = Number.NaN;
    if (bar.idx >= 2) {
      if (bar.low > high1) {
        gapDir = 1;
        gapLower = high1;
        gapUpper = bar.low;
      } else if (bar.high < low1) {
        gapDir = -1;
        gapLower = bar.high;
        gapUpper = low1;
      }
      if (gapDir !== 0 && this.p.min_gap_atr > 0) {
        const atr = this.atrAvailable ? bar.ind(this.p.atr_key) : Number.NaN;
        if (!(atr > 0 && gapUpper - gapLower >= this.p.min_gap_atr * atr)) gapDir = 0;
      }
    }
    if (gapDir !== 0) {
      this.prepend(gapDir, gapLower, gapUpper);
      v[FAIR_VALUE_GAP.new_this_bar] = 1;
      v[FAIR_VALUE_GAP.new_direction] = gapDir;
      v[FAIR_VALUE_GAP.new_lower] = gapLower;
      v[FAIR_VALUE_GAP.new_upper] = gapUpper;
      changed = true;
    }
    this.recent[2] = this.recent[0]!;
    this.recent[3] = this.recent[1]!;
    this.recent[0] = bar.high;
    this.recent[1] = bar.low;
    if (changed) v[FAIR_VALUE_GAP.version]! += 1;
    this.summarise(bar.close);
  }

  private prepend(dir: number, lower: number, upper: number): void {
    const last = Math.min(this.count, this.p.max_active - 1);
    this.dir.copyWithin(1, 0, last);
    this.lower.copyWithin(1, 0, last);
    this.upper.copyWithin(1, 0, last);
    this.fill.copyWithin(1, 0, last);
    this.dir[0] = dir;
    this.lower[0] = lower;
    this.upper[0] = upper;
    this.fill[0] = 0;
    this.count = last + 1;
  }

  /** Nearest gap per direction (smallest |close − middle|, the newest on ties) and counts. */
  private summarise(close: number): void {
    const v = this.values;
    const { bull, bear, bullCount, bearCount } = scanNearestZones(
      close,
      this.count,
      this.dir,
      this.lower,
      this.upper,
    );
    v[FAIR_VALUE_GAP.active_bull_count] = bullCount;
    v[FAIR_VALUE_GAP.active_bear_count] = bearCount;
    v[FAIR_VALUE_GAP.nearest_bull_lower] = bull < 0 ? Number.NaN : this.lower[bull]!;
    v[FAIR_VALUE_GAP.nearest_bull_upper] = bull < 0 ? Number.NaN : this.upper[bull]!;
    v[FAIR_VALUE_GAP.nearest_bull_fill_pct] = bull < 0 ? Number.NaN : this.fill[bull]!;
    v[FAIR_VALUE_GAP.nearest_bear_lower] = bear < 0 ? Number.NaN : this.lower[bear]!;
    v[FAIR_VALUE_GAP.nearest_bear_upper] = bear < 0 ? Number.NaN : this.upper[bear]!;
    v[FAIR_VALUE_GAP.nearest_bear_fill_pct] = bear < 0 ? Number.NaN : this.fill[bear]!;
  }

  protected saveState(): FairValueGapState {
    const gaps: number[] = [];
    for (let i = 0; i < this.count; i++)
      gaps.push(this.dir[i]!, this.lower[i]!, this.upper[i]!, this.fill[i]!);
    return { gaps, recent: Array.from(this.recent) };
  }

  protected loadState(state: unknown): void {
    const s = state as FairValueGapState;
    this.count = s.gaps.length / 4;
    for (let i = 0; i < this.count; i++) {
      this.dir[i] = s.gaps[4 * i]!;
      this.lower[i] = s.gaps[4 * i + 1]!;
      this.upper[i] = s.gaps[4 * i + 2]!;
      this.fill[i] = s.gaps[4 * i + 3]!;
    }
    this.recent.set(s.recent);
  }
}

export const fairValueGapMeta = defineMeta<FairValueGapParams>({
  type: 'fair_value_gap',
  summary: 'Three-candle price gaps (bar N−2 to bar N) that stay active until half filled or closed through.',
  later: true,
  paramsSchema: fairValueGapParamsSchema,
  fields: () => FAIR_VALUE_GAP_FIELDS,
  dependencies: [],
  atr: (p) => ({ use: p.min_gap_atr > 0 ? 'required' : 'none', key: p.atr_key }),
  warmupBars: (p, context) => 3 + (p.min_gap_atr > 0 ? (context.atrWarmup ?? 0) : 0),
  warnings: () => [],
  create: (p, _deps, context) => new FairValueGapDetector(p, context.key, context.atrAvailable),
});
