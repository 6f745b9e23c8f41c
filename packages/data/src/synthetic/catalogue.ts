/**
 * The 34 public synthetic patterns of `synthetic-data.md` §5, in catalogue order (= validation play numbering
 * `PAT_001` … `PAT_034`), with the PatternConfig keys each one accepts (§3 "Used by").
 */

/** PatternConfig keys of `synthetic-data.md` §3. */
export const PATTERN_CONFIG_KEYS = [
  'trend_magnitude',
  'pullback_depth',
  'stairs_steps',
  'volatility_base',
  'volatility_spike',
  'volatility_squeeze',
  'range_width',
  'noise_level',
  'hunt_depth',
] as const;
export type PatternConfigKey = (typeof PATTERN_CONFIG_KEYS)[number];

export type PatternFamily =
  | 'legacy'
  | 'trend'
  | 'range'
  | 'reversal'
  | 'breakout'
  | 'volatility'
  | 'liquidity'
  | 'choppy'
  | 'accumulation'
  | 'multi_tf';

export interface SyntheticPatternInfo {
  /** Catalogue number 1 … 34. */
  readonly number: number;
  /** Validation play id prefix, `PAT_001` … `PAT_034`. */
  readonly id: string;
  readonly name: string;
  readonly family: PatternFamily;
  /** One line: what the price does. */
  readonly summary: string;
  /** The PatternConfig keys the pattern accepts (its parameter schema); empty for the legacy patterns. */
  readonly params: readonly PatternConfigKey[];
}

const TM = 'trend_magnitude';
const PD = 'pullback_depth';
const NL = 'noise_level';
const RW = 'range_width';
const HD = 'hunt_depth';

/** [name, family, summary, schema] in catalogue order. */
const ROWS = [
  ['trending', 'legacy', 'legacy: rises 20 % to mid-span, gives back half of it', []],
  ['ranging', 'legacy', 'legacy: mean-reverting walk around the base price', []],
  ['volatile', 'legacy', 'legacy: wide random walk with rare 10-sigma jumps', []],
  ['multi_tf_aligned', 'legacy', 'legacy: two superposed sine waves (±15 % and ±5 %)', []],
  ['trend_up_clean', 'trend', 'steady uptrend, a pullback at 70-85 %, then a resumption', [TM, PD, NL]],
  ['trend_down_clean', 'trend', 'mirror of trend_up_clean', [TM, PD, NL]],
  ['trend_grinding', 'trend', 'slow low-noise grind up (half the magnitude)', [TM]],
  ['trend_parabolic', 'trend', 'accelerating uptrend (about 2.5x the magnitude)', [TM, NL]],
  ['trend_exhaustion', 'trend', 'uptrend to 60 %, a choppy top, then a 60 % give-back', [TM, NL]],
  [
    'trend_stairs',
    'trend',
    'uptrend in steps: impulse, then a flat shelf, per step',
    [TM, 'stairs_steps', NL],
  ],
  [
    'range_tight',
    'range',
    'tight mean-reverting range at the squeeze volatility',
    ['volatility_squeeze', RW],
  ],
  ['range_wide', 'range', 'random walk reflected inside a band of range_width', [RW]],
  ['range_ascending', 'range', 'oscillation between a rising support and a flat resistance', [RW, NL]],
  ['range_descending', 'range', 'oscillation between a flat support and a falling resistance', [RW, NL]],
  ['reversal_v_bottom', 'reversal', 'down to mid-span, then back up', [TM, NL]],
  ['reversal_v_top', 'reversal', 'up to mid-span, then back down', [TM, NL]],
  ['reversal_double_bottom', 'reversal', 'two lows at 25 % and 75 %, then a rally', [TM, NL]],
  ['reversal_double_top', 'reversal', 'two highs at 25 % and 75 %, then a sell-off', [TM, NL]],
  ['breakout_clean', 'breakout', 'range for 60 %, breakout, trend continuation', [TM, RW, NL]],
  ['breakout_false', 'breakout', 'range, a poke above it, then a collapse below it', [TM, RW, NL, HD]],
  ['breakout_retest', 'breakout', 'range, breakout, retest of the broken level, continuation', [TM, RW, NL]],
  [
    'vol_squeeze_expand',
    'volatility',
    'shrinking volatility, then an expansion with a move up',
    ['volatility_base', 'volatility_spike'],
  ],
  [
    'vol_spike_recover',
    'volatility',
    'quiet, a crash at 40-50 %, a full recovery by 70 %',
    ['volatility_spike', NL],
  ],
  [
    'vol_spike_continue',
    'volatility',
    'quiet, a crash at 40-55 %, then a further drift down',
    ['volatility_spike', NL],
  ],
  [
    'vol_decay',
    'volatility',
    'random walk whose volatility decays from spike to squeeze',
    ['volatility_spike', 'volatility_squeeze'],
  ],
  [
    'liquidity_hunt_lows',
    'liquidity',
    'range above support, a sweep below it, reversal up',
    [TM, RW, NL, HD],
  ],
  [
    'liquidity_hunt_highs',
    'liquidity',
    'range below resistance, a sweep above it, reversal down',
    [TM, RW, NL, HD],
  ],
  ['choppy_whipsaw', 'choppy', 'direction flips nearly every bar inside ±5 % of base', []],
  ['accumulation', 'accumulation', 'sideways with a slight upward drift', [TM]],
  ['distribution', 'accumulation', 'sideways with a slight downward drift', [TM]],
  ['mtf_aligned_bull', 'multi_tf', 'uptrend with aligned slow and fast waves', [TM, NL]],
  ['mtf_aligned_bear', 'multi_tf', 'downtrend with aligned slow and fast waves', [TM, NL]],
  ['mtf_pullback_bull', 'multi_tf', 'uptrend with a pullback at 40-60 %', [TM, PD, NL]],
  ['mtf_pullback_bear', 'multi_tf', 'downtrend with a bounce at 40-60 %', [TM, PD, NL]],
] as const satisfies readonly (readonly [string, PatternFamily, string, readonly PatternConfigKey[]])[];

export type SyntheticPatternName = (typeof ROWS)[number][0];

/** The internal audit frame of §9 (G2/G3, indicators D1): generated only by `generateAuditRegime`, not listed. */
export const AUDIT_REGIME_PATTERN = 'audit_regime';

/** Every pattern the generator can draw: the 34 public ones and the internal audit frame. */
export type SyntheticPatternId = SyntheticPatternName | typeof AUDIT_REGIME_PATTERN;

/** The 34 public pattern names in catalogue order. */
export const SYNTHETIC_PATTERN_NAMES: readonly SyntheticPatternName[] = ROWS.map((r) => r[0]);

/** The public catalogue, in order. */
export const SYNTHETIC_PATTERNS: readonly SyntheticPatternInfo[] = ROWS.map(
  ([name, family, summary, params], i) => ({
    number: i + 1,
    id: `PAT_${String(i + 1).padStart(3, '0')}`,
    name,
    family,
    summary,
    params,
  }),
);

const BY_NAME: ReadonlyMap<string, SyntheticPatternInfo> = new Map(
  SYNTHETIC_PATTERNS.map((p) => [p.name, p]),
);

/** The catalogue (a copy of `SYNTHETIC_PATTERNS`, safe to mutate). */
export function listPatterns(): SyntheticPatternInfo[] {
  return [...SYNTHETIC_PATTERNS];
}

export function isSyntheticPatternName(name: string): name is SyntheticPatternName {
  return BY_NAME.has(name);
}

/** Catalogue entry of a public pattern, or undefined. */
export function patternInfo(name: string): SyntheticPatternInfo | undefined {
  return BY_NAME.get(name);
}
