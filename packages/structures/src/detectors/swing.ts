import { z } from 'zod';
import { type StructureBar, withFieldGetters } from '../detector';
import {
  DIRECTION_DOMAIN,
  DirectionCode,
  defineFields,
  fieldIndex,
  PIVOT_TYPE_DOMAIN,
  PivotTypeCode,
} from '../fields';
import { pairAnchorHash } from '../hashes';
import { defineMeta, type WarmupContext } from '../meta';
import { MaxDeque } from '../monotonic-deque';
import { atrKeyParam, intParam, positiveParam, REQUIRED_MARK } from '../params';

/** swing — pivots, significance, high/low pairing (structures.md §2.1). */

export const swingParamsSchema = z
  .strictObject({
    mode: z.enum(['fractal', 'atr_zigzag']).default('fractal'),
    left: intParam(1, 100).optional(),
    right: intParam(1, 100).optional(),
    atr_key: atrKeyParam(),
    major_threshold: positiveParam().default(1.5),
    min_atr_move: positiveParam().optional(),
    min_pct_move: positiveParam().optional(),
    strict_alternation: z.boolean().default(false),
    atr_multiplier: positiveParam().default(2),
  })
  .superRefine((p, ctx) => {
    if (p.mode !== 'fractal') return;
    for (const side of ['left', 'right'] as const) {
      if (p[side] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [side],
          message: 'an integer 1..100 is required in fractal mode',
          params: { kind: REQUIRED_MARK },
        });
      }
    }
  });
export type SwingParams = z.output<typeof swingParamsSchema>;

const NAMES = [
  'high_level',
  'low_level',
  'high_idx',
  'low_idx',
  'version',
  'high_version',
  'low_version',
  'last_confirmed_pivot_idx',
  'last_confirmed_pivot_type',
  'high_significance',
  'low_significance',
  'high_is_major',
  'low_is_major',
  'high_accepted',
  'low_accepted',
  'high_replaced_pending',
  'low_replaced_pending',
  'pair_high_level',
  'pair_low_level',
  'pair_high_idx',
  'pair_low_idx',
  'pair_direction',
  'pair_version',
] as const;
const HASH_NAMES = ['pair_anchor_hash'] as const;
/** Positions of swing fields in `values` (dependants read them directly). */
export const SWING = fieldIndex([...NAMES, ...HASH_NAMES]);

export const SWING_FIELDS = defineFields([
  ['high_level', 'FLOAT', 'level of the last accepted pivot high'],
  ['low_level', 'FLOAT', 'level of the last accepted pivot low'],
  ['high_idx', 'INT', -1, 'bar index P of the last accepted pivot high'],
  ['low_idx', 'INT', -1, 'bar index P of the last accepted pivot low'],
  ['version', 'INT', 0, '+1 per accepted pivot (+2 on a bar accepting both)'],
  ['high_version', 'INT', 0, '+1 per accepted high'],
  ['low_version', 'INT', 0, '+1 per accepted low'],
  ['last_confirmed_pivot_idx', 'INT', -1, 'idx of the last accepted pivot'],
  ['last_confirmed_pivot_type', 'ENUM', PIVOT_TYPE_DOMAIN, 'type of the last accepted pivot (low when both)'],
  ['high_significance', 'FLOAT', '|level − previous accepted high| / ATR at the confirmation bar'],
  ['low_significance', 'FLOAT', '|level − previous accepted low| / ATR at the confirmation bar'],
  ['high_is_major', 'BOOL', 'high_significance >= major_threshold'],
  ['low_is_major', 'BOOL', 'low_significance >= major_threshold'],
  ['high_accepted', 'BOOL', 'a pivot high was accepted this bar'],
  ['low_accepted', 'BOOL', 'a pivot low was accepted this bar'],
  ['high_replaced_pending', 'BOOL', 'strict alternation accepted a higher high this bar'],
  ['low_replaced_pending', 'BOOL', 'strict alternation accepted a lower low this bar'],
  ['pair_high_level', 'FLOAT', 'high of the last completed pair'],
  ['pair_low_level', 'FLOAT', 'low of the last completed pair'],
  ['pair_high_idx', 'INT', -1, 'index of the pair high'],
  ['pair_low_idx', 'INT', -1, 'index of the pair low'],
  ['pair_direction', 'ENUM', DIRECTION_DOMAIN, 'bullish = low → high, bearish = high → low'],
  ['pair_version', 'INT', 0, '+1 per completed pair'],
  ['pair_anchor_hash', 'HASH', 'blake2b-64 identifier of the last pair (structures.md §1.5)'],
]);

const HIGH = 1;
const LOW = 2;
/** Pairing machine states. */
const AWAITING = 0;
const GOT_HIGH = 1;
const GOT_LOW = 2;

const SwingBase = withFieldGetters(NAMES, HASH_NAMES);

/** Decoded snapshot state (typed arrays arrive as number arrays). */
interface SwingState {
  /** Window extremes front (oldest) to back: [idx, value] pairs; lows negated. */
  readonly highDeque: number[];
  readonly lowDeque: number[];
  readonly zigDir: number;
  readonly zigLevel: number;
  readonly zigIdx: number;
  readonly pairState: number;
  readonly pendingLevel: number;
  readonly pendingIdx: number;
}

export class SwingDetector extends SwingBase {
  private readonly p: SwingParams;
  private readonly atrKey: string;
  private readonly atrAvailable: boolean;
  private readonly left: number;
  private readonly right: number;
  private readonly window: number;
  private readonly needsAtrEveryBar: boolean;
  // Fractal: window maxima of highs and of negated lows; ties stay visible, so strictness can be checked.
  private readonly highDeque: MaxDeque;
  private readonly lowDeque: MaxDeque;
  // ATR zigzag: 0 before the first bar with ATR, then +1 (tracking a high) / −1 (tracking a low).
  private zigDir = 0;
  private zigLevel = Number.NaN;
  private zigIdx = -1;
  // Pairing machine.
  private pairState = AWAITING;
  private pendingLevel = Number.NaN;
  private pendingIdx = -1;
  /** The pair changed since `pair_anchor_hash` was last computed. */
  private hashStale = false;
  /** A per-bar flag was raised on the previous bar (so this bar must clear them). */
  private flagsSet = false;

  constructor(params: SwingParams, key: string, atrAvailable: boolean) {
    super({ type: 'swing', key, params, fields: SWING_FIELDS });
    this.p = params;
    this.atrKey = params.atr_key;
    this.atrAvailable = atrAvailable;
    this.left = params.left ?? 0;
    this.right = params.right ?? 0;
    this.window = this.left + this.right + 1;
    this.needsAtrEveryBar = params.mode === 'atr_zigzag';
    this.highDeque = new MaxDeque(this.window, true);
    this.lowDeque = new MaxDeque(this.window, true);
    this.reset();
  }

  protected resetState(): void {
    this.highDeque.clear();
    this.lowDeque.clear();
    this.zigDir = 0;
    this.zigLevel = Number.NaN;
    this.zigIdx = -1;
    this.pairState = AWAITING;
    this.pendingLevel = Number.NaN;
    this.pendingIdx = -1;
    this.hashStale = false;
    this.flagsSet = false;
  }

  protected step(bar: StructureBar): void {
    if (this.flagsSet) {
      const v = this.values;
      v[SWING.high_accepted] = 0;
      v[SWING.low_accepted] = 0;
      v[SWING.high_replaced_pending] = 0;
      v[SWING.low_replaced_pending] = 0;
      this.flagsSet = false;
    }
    if (this.needsAtrEveryBar) this.stepZigzag(bar);
    else this.stepFractal(bar);
  }

  private readAtr(bar: StructureBar): number {
    if (!this.atrAvailable) return Number.NaN;
    const atr = bar.ind(this.atrKey);
    return atr > 0 ? atr : Number.NaN;
  }

  private stepFractal(bar: StructureBar): void {
    const n = bar.idx;
    const oldest = n - this.window + 1;
    const hq = this.highDeque;
    const lq = this.lowDeque;
    hq.push(n, bar.high, oldest);
    lq.push(n, -bar.low, oldest);
    if (n < this.left + this.right) return;
    const p = n - this.right;
    // P is a strict pivot iff it is the oldest window extreme and every newer value is strictly less extreme
    // (the deque keeps equal values, so a tie shows up as the second entry).
    const isHigh = hq.frontIdx() === p && hq.secondValue() < hq.frontValue();
    const isLow = lq.frontIdx() === p && lq.secondValue() < lq.frontValue();
    if (!isHigh && !isLow) return;
    const atr = this.readAtr(bar);
    if (isHigh) this.offer(HIGH, hq.frontValue(), p, atr);
    if (isLow) this.offer(LOW, -lq.frontValue(), p, atr);
  }

  private stepZigzag(bar: StructureBar): void {
    const atr = this.readAtr(bar);
    if (Number.isNaN(atr)) return;
    const n = bar.idx;
    if (this.zigDir === 0) {
      this.zigDir = 1;
      this.zigLevel = bar.high;
      this.zigIdx = n;
      return;
    }
    const reversal = this.p.atr_multiplier * atr;
    if (this.zigDir === 1) {
      if (bar.high > this.zigLevel) {
        this.zigLevel = bar.high;
        this.zigIdx = n;
      }
      if (bar.low < this.zigLevel - reversal) {
        this.offer(HIGH, this.zigLevel, this.zigIdx, atr);
        this.zigDir = -1;
        this.zigLevel = bar.low;
        this.zigIdx = n;
      }
    } else {
      if (bar.low < this.zigLevel) {
        this.zigLevel = bar.low;
        this.zigIdx = n;
      }
      if (bar.high > this.zigLevel + reversal) {
        this.offer(LOW, this.zigLevel, this.zigIdx, atr);
        this.zigDir = 1;
        this.zigLevel = bar.high;
        this.zigIdx = n;
      }
    }
  }

  /** Runs a candidate pivot through the gates (significance filter, strict alternation) and accepts it. */
  private offer(type: number, level: number, idx: number, atr: number): void {
    const v = this.values;
    const isHigh = type === HIGH;
    const previous = v[isHigh ? SWING.high_level : SWING.low_level]!;
    const hasPrevious = !Number.isNaN(previous);
    if (hasPrevious) {
      const delta = Math.abs(level - previous);
      const minAtr = this.p.min_atr_move;
      if (minAtr !== undefined && !Number.isNaN(atr) && delta < minAtr * atr) return;
      const minPct = this.p.min_pct_move;
      if (minPct !== undefined && previous !== 0 && (100 * delta) / Math.abs(previous) < minPct) return;
    }
    let replacedPending = false;
    if (
      this.p.strict_alternation &&
      v[SWING.last_confirmed_pivot_type] === (isHigh ? PivotTypeCode.high : PivotTypeCode.low)
    ) {
      const moreExtreme = isHigh ? level > previous : level < previous;
      if (!moreExtreme) return;
      replacedPending = true;
    }
    const significance = hasPrevious && !Number.isNaN(atr) ? Math.abs(level - previous) / atr : Number.NaN;
    if (isHigh) {
      v[SWING.high_significance] = significance;
      v[SWING.high_is_major] = significance >= this.p.major_threshold ? 1 : 0;
      v[SWING.high_level] = level;
      v[SWING.high_idx] = idx;
      v[SWING.high_version]! += 1;
      v[SWING.high_accepted] = 1;
      if (replacedPending) v[SWING.high_replaced_pending] = 1;
      v[SWING.last_confirmed_pivot_type] = PivotTypeCode.high;
    } else {
      v[SWING.low_significance] = significance;
      v[SWING.low_is_major] = significance >= this.p.major_threshold ? 1 : 0;
      v[SWING.low_level] = level;
      v[SWING.low_idx] = idx;
      v[SWING.low_version]! += 1;
      v[SWING.low_accepted] = 1;
      if (replacedPending) v[SWING.low_replaced_pending] = 1;
      v[SWING.last_confirmed_pivot_type] = PivotTypeCode.low;
    }
    v[SWING.version]! += 1;
    v[SWING.last_confirmed_pivot_idx] = idx;
    this.flagsSet = true;
    this.pair(type, level, idx);
  }

  /** Pairing machine: AWAITING → GOT_HIGH / GOT_LOW; an opposite pivot completes a pair, a same one replaces. */
  private pair(type: number, level: number, idx: number): void {
    const state = this.pairState;
    if (state === GOT_HIGH && type === LOW) {
      this.completePair(this.pendingLevel, this.pendingIdx, level, idx, 'bearish');
    } else if (state === GOT_LOW && type === HIGH) {
      this.completePair(level, idx, this.pendingLevel, this.pendingIdx, 'bullish');
    }
    this.pairState = type === HIGH ? GOT_HIGH : GOT_LOW;
    this.pendingLevel = level;
    this.pendingIdx = idx;
  }

  private completePair(
    highLevel: number,
    highIdx: number,
    lowLevel: number,
    lowIdx: number,
    direction: 'bullish' | 'bearish',
  ): void {
    const v = this.values;
    v[SWING.pair_high_level] = highLevel;
    v[SWING.pair_high_idx] = highIdx;
    v[SWING.pair_low_level] = lowLevel;
    v[SWING.pair_low_idx] = lowIdx;
    v[SWING.pair_direction] = DirectionCode[direction];
    v[SWING.pair_version]! += 1;
    // The hash is computed on first read (textAt): blake2b per pair would dominate the update cost.
    this.hashStale = true;
  }

  protected override textAt(i: number): string {
    if (i === SWING.pair_anchor_hash && this.hashStale) {
      const v = this.values;
      this.texts[i] = pairAnchorHash(
        v[SWING.pair_high_idx]!,
        v[SWING.pair_high_level]!,
        v[SWING.pair_low_idx]!,
        v[SWING.pair_low_level]!,
        v[SWING.pair_direction] === DirectionCode.bullish ? 'bullish' : 'bearish',
      );
      this.hashStale = false;
    }
    return this.texts[i]!;
  }

  protected saveState(): unknown {
    return {
      highDeque: this.highDeque.save(),
      lowDeque: this.lowDeque.save(),
      zigDir: this.zigDir,
      zigLevel: this.zigLevel,
      zigIdx: this.zigIdx,
      pairState: this.pairState,
      pendingLevel: this.pendingLevel,
      pendingIdx: this.pendingIdx,
    };
  }

  protected loadState(state: unknown): void {
    const s = state as SwingState;
    // The restored values may carry this bar's flags; clear them on the next update.
    this.flagsSet = true;
    this.highDeque.load(s.highDeque);
    this.lowDeque.load(s.lowDeque);
    this.zigDir = s.zigDir;
    this.zigLevel = s.zigLevel;
    this.zigIdx = s.zigIdx;
    this.pairState = s.pairState;
    this.pendingLevel = s.pendingLevel;
    this.pendingIdx = s.pendingIdx;
  }
}

export const swingMeta = defineMeta<SwingParams>({
  type: 'swing',
  summary: 'Pivot highs/lows (fractal or ATR zigzag), their significance, and high/low pairing.',
  later: false,
  paramsSchema: swingParamsSchema,
  fields: () => SWING_FIELDS,
  dependencies: [],
  atr: (p) => ({
    use: p.mode === 'atr_zigzag' || p.min_atr_move !== undefined ? 'required' : 'optional',
    key: p.atr_key,
  }),
  warmupBars: (p, _context: WarmupContext) =>
    5 * (p.mode === 'atr_zigzag' ? 10 : (p.left ?? 0) + (p.right ?? 0) + 1),
  warnings: (raw, p) =>
    p.mode === 'atr_zigzag'
      ? (['left', 'right'] as const)
          .filter((name) => raw[name] !== undefined)
          .map((name) => ({
            code: 'W_PARAM_IGNORED' as const,
            path: name,
            message: `param '${name}' is ignored: mode atr_zigzag finds pivots by ATR reversals`,
            hint: `remove '${name}'`,
          }))
      : [],
  create: (p, _deps, context) => new SwingDetector(p, context.key, context.atrAvailable),
});
