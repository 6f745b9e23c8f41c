import { z } from 'zod';
import { type StructureBar, withFieldGetters } from '../detector';
import { DIRECTION_DOMAIN, DirectionCode, defineFields, type FieldMeta, fieldIndex } from '../fields';
import { ratioName } from '../format';
import { pairAnchorHash } from '../hashes';
import { defineMeta, swingWindow } from '../meta';
import { levelsParam } from '../params';
import { SWING, type SwingDetector } from './swing';
import { TREND, type TrendDetector } from './trend';

/** fibonacci — retracement/extension levels from swing anchors (structures.md §2.5). */

export const fibonacciParamsSchema = z
  .strictObject({
    levels: levelsParam(),
    mode: z.enum(['retracement', 'extension', 'extension_up', 'extension_down']).default('retracement'),
    use_paired_anchor: z.boolean().default(true),
    use_trend_anchor: z.boolean().default(false),
  })
  .superRefine((p, ctx) => {
    if (p.use_trend_anchor && p.use_paired_anchor) {
      ctx.addIssue({
        code: 'custom',
        path: ['use_trend_anchor'],
        message: 'requires use_paired_anchor: false',
      });
    }
    if (p.mode === 'extension' && !p.use_paired_anchor && !p.use_trend_anchor) {
      ctx.addIssue({
        code: 'custom',
        path: ['mode'],
        message: 'extension needs a direction: set use_paired_anchor or use_trend_anchor',
      });
    }
  });
export type FibonacciParams = z.output<typeof fibonacciParamsSchema>;

const NAMES = ['anchor_high', 'anchor_low', 'range', 'anchor_direction', 'anchor_trend_direction'] as const;
const HASH_NAMES = ['anchor_hash'] as const;
export const FIBONACCI = fieldIndex([...NAMES, ...HASH_NAMES]);
/** Position of the first `level_<r>` field; level k sits at LEVEL_BASE + k. */
const LEVEL_BASE = NAMES.length + HASH_NAMES.length;

const FIXED_FIELDS = defineFields([
  ['anchor_high', 'FLOAT', 'high anchor of the levels'],
  ['anchor_low', 'FLOAT', 'low anchor of the levels'],
  ['range', 'FLOAT', 'anchor_high − anchor_low (negative when unpaired anchors are inverted)'],
  ['anchor_direction', 'ENUM', DIRECTION_DOMAIN, 'direction of the anchoring pair (or of the trend)'],
  ['anchor_trend_direction', 'INT', 0, 'trend direction used as anchor (trend anchoring only)'],
  ['anchor_hash', 'HASH', 'pair_anchor_hash of the anchoring pair (paired anchoring only)'],
]);

/** Canonical field name of level r (`level_0.618`, `level_1`, `level_-0.272`). */
export function fibonacciLevelField(r: number): string {
  return `level_${ratioName(r)}`;
}

export function fibonacciFields(params: Pick<FibonacciParams, 'levels'>): FieldMeta[] {
  return [
    ...FIXED_FIELDS,
    ...defineFields(
      params.levels.map((r) => [fibonacciLevelField(r), 'FLOAT', `price of the ${r} level`] as const),
    ),
  ];
}

const PAIRED = 0;
const UNPAIRED = 1;
const TREND_ANCHOR = 2;
const RETRACEMENT = 0;
const EXTENSION = 1;
const EXTENSION_UP = 2;
const EXTENSION_DOWN = 3;
const MODES = ['retracement', 'extension', 'extension_up', 'extension_down'] as const;

interface FibonacciState {
  readonly lastPairVersion: number;
  readonly lastHighIdx: number;
  readonly lastLowIdx: number;
  readonly lastTrendVersion: number;
}

export class FibonacciDetector extends withFieldGetters(NAMES, HASH_NAMES) {
  private readonly swing: SwingDetector;
  private readonly trend: TrendDetector | undefined;
  private readonly levels: Float64Array;
  private readonly anchoring: number;
  private readonly mode: number;
  private lastPairVersion = 0;
  private lastHighIdx = -1;
  private lastLowIdx = -1;
  private lastTrendVersion = 0;
  /** The anchoring pair (high idx, high, low idx, low, direction code) whose hash is not computed yet. */
  private readonly hashPair = new Float64Array(5);
  private hashStale = false;

  constructor(params: FibonacciParams, swing: SwingDetector, trend: TrendDetector | undefined, key: string) {
    super({ type: 'fibonacci', key, params, fields: fibonacciFields(params) });
    this.swing = swing;
    this.trend = trend;
    this.levels = Float64Array.from(params.levels);
    this.anchoring = params.use_trend_anchor ? TREND_ANCHOR : params.use_paired_anchor ? PAIRED : UNPAIRED;
    this.mode = MODES.indexOf(params.mode);
    this.reset();
  }

  /** Current price of level r (matched numerically: `level(1)` ≡ `level(1.0)`); NaN for an unknown r. */
  level(r: number): number {
    const k = this.levels.indexOf(r);
    return k < 0 ? Number.NaN : this.values[LEVEL_BASE + k]!;
  }

  protected resetState(): void {
    this.lastPairVersion = 0;
    this.lastHighIdx = -1;
    this.lastLowIdx = -1;
    this.lastTrendVersion = 0;
    this.hashStale = false;
  }

  protected override textAt(i: number): string {
    if (i === FIBONACCI.anchor_hash && this.hashStale) {
      const p = this.hashPair;
      this.texts[i] = pairAnchorHash(
        p[0]!,
        p[1]!,
        p[2]!,
        p[3]!,
        p[4] === DirectionCode.bullish ? 'bullish' : 'bearish',
      );
      this.hashStale = false;
    }
    return this.texts[i]!;
  }

  protected step(_bar: StructureBar): void {
    const s = this.swing.values;
    const pairVersion = s[SWING.pair_version]!;
    const pairChanged = pairVersion !== this.lastPairVersion;
    this.lastPairVersion = pairVersion;
    if (this.anchoring === PAIRED) {
      if (
        pairChanged &&
        this.apply(s[SWING.pair_high_level]!, s[SWING.pair_low_level]!, s[SWING.pair_direction]!, 0)
      ) {
        // anchor_hash = the swing's pair_anchor_hash, computed on first read (see textAt).
        this.hashPair[0] = s[SWING.pair_high_idx]!;
        this.hashPair[1] = s[SWING.pair_high_level]!;
        this.hashPair[2] = s[SWING.pair_low_idx]!;
        this.hashPair[3] = s[SWING.pair_low_level]!;
        this.hashPair[4] = s[SWING.pair_direction]!;
        this.hashStale = true;
      }
      return;
    }
    if (this.anchoring === UNPAIRED) {
      const highIdx = s[SWING.high_idx]!;
      const lowIdx = s[SWING.low_idx]!;
      const changed = highIdx !== this.lastHighIdx || lowIdx !== this.lastLowIdx;
      this.lastHighIdx = highIdx;
      this.lastLowIdx = lowIdx;
      if (changed) this.apply(s[SWING.high_level]!, s[SWING.low_level]!, DirectionCode.none, 0);
      return;
    }
    const t = this.trend!.values;
    const trendVersion = t[TREND.version]!;
    const trendChanged = trendVersion !== this.lastTrendVersion;
    this.lastTrendVersion = trendVersion;
    if (!trendChanged && !pairChanged) return;
    const direction = t[TREND.direction]!;
    if (direction === 0) return;
    this.apply(
      s[SWING.pair_high_level]!,
      s[SWING.pair_low_level]!,
      direction === 1 ? DirectionCode.bullish : DirectionCode.bearish,
      direction,
    );
  }

  /** Recomputes anchors and levels; skipped (outputs kept) while an anchor is NaN. */
  private apply(high: number, low: number, direction: number, trendDirection: number): boolean {
    if (Number.isNaN(high) || Number.isNaN(low)) return false;
    const v = this.values;
    const range = high - low;
    v[FIBONACCI.anchor_high] = high;
    v[FIBONACCI.anchor_low] = low;
    v[FIBONACCI.range] = range;
    v[FIBONACCI.anchor_direction] = direction;
    v[FIBONACCI.anchor_trend_direction] = trendDirection;
    for (let k = 0; k < this.levels.length; k++) {
      const r = this.levels[k]!;
      let price: number;
      switch (this.mode) {
        case RETRACEMENT:
          price = high - r * range;
          break;
        case EXTENSION:
          price =
            direction === DirectionCode.bullish
              ? high + r * range
              : direction === DirectionCode.bearish
                ? low - r * range
                : Number.NaN;
          break;
        case EXTENSION_UP:
          price = high + r * range;
          break;
        case EXTENSION_DOWN:
          price = low - r * range;
          break;
        default:
          price = Number.NaN;
      }
      v[LEVEL_BASE + k] = price;
    }
    return true;
  }

  protected saveState(): FibonacciState {
    return {
      lastPairVersion: this.lastPairVersion,
      lastHighIdx: this.lastHighIdx,
      lastLowIdx: this.lastLowIdx,
      lastTrendVersion: this.lastTrendVersion,
    };
  }

  protected loadState(state: unknown): void {
    const s = state as FibonacciState;
    this.lastPairVersion = s.lastPairVersion;
    this.lastHighIdx = s.lastHighIdx;
    this.lastLowIdx = s.lastLowIdx;
    this.lastTrendVersion = s.lastTrendVersion;
  }
}

export const fibonacciMeta = defineMeta<FibonacciParams>({
  type: 'fibonacci',
  summary:
    'Fibonacci retracement/extension prices of the last swing pair (or of the last high/low, or trend-anchored).',
  later: false,
  paramsSchema: fibonacciParamsSchema,
  fields: fibonacciFields,
  dependencies: [
    { type: 'swing', required: true },
    { type: 'trend', required: false, requiredWhen: 'use_trend_anchor' },
  ],
  atr: () => ({ use: 'none', key: undefined }),
  warmupBars: (_p, context) => 5 * swingWindow(context.swing),
  warnings: () => [],
  create: (p, deps, context) =>
    new FibonacciDetector(
      p,
      deps.swing as SwingDetector,
      deps.trend as TrendDetector | undefined,
      context.key,
    ),
});
