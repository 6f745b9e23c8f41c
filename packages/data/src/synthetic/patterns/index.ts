import type { SyntheticPatternId } from '../catalogue';
import { auditRegime } from './audit-regime';
import { breakoutClean, breakoutFalse, breakoutRetest } from './breakout';
import { multiTfAligned, ranging, trending, volatile } from './legacy';
import { liquidityHuntHighs, liquidityHuntLows } from './liquidity';
import { mtfAlignedBear, mtfAlignedBull, mtfPullbackBear, mtfPullbackBull } from './multi-tf';
import type { PatternFormula } from './path';
import { rangeAscending, rangeDescending, rangeTight, rangeWide } from './range';
import { reversalDoubleBottom, reversalDoubleTop, reversalVBottom, reversalVTop } from './reversal';
import { accumulation, choppyWhipsaw, distribution } from './sideways';
import {
  trendDownClean,
  trendExhaustion,
  trendGrinding,
  trendParabolic,
  trendStairs,
  trendUpClean,
} from './trend';
import { volDecay, volSpikeContinue, volSpikeRecover, volSqueezeExpand } from './volatility';

export type { PatternContext, PatternFormula } from './path';

/** The formula of every pattern (`synthetic-data.md` §5, and the audit frame of §9). */
export const PATTERN_FORMULAS: Readonly<Record<SyntheticPatternId, PatternFormula>> = {
  trending,
  ranging,
  volatile,
  multi_tf_aligned: multiTfAligned,
  trend_up_clean: trendUpClean,
  trend_down_clean: trendDownClean,
  trend_grinding: trendGrinding,
  trend_parabolic: trendParabolic,
  trend_exhaustion: trendExhaustion,
  trend_stairs: trendStairs,
  range_tight: rangeTight,
  range_wide: rangeWide,
  range_ascending: rangeAscending,
  range_descending: rangeDescending,
  reversal_v_bottom: reversalVBottom,
  reversal_v_top: reversalVTop,
  reversal_double_bottom: reversalDoubleBottom,
  reversal_double_top: reversalDoubleTop,
  breakout_clean: breakoutClean,
  breakout_false: breakoutFalse,
  breakout_retest: breakoutRetest,
  vol_squeeze_expand: volSqueezeExpand,
  vol_spike_recover: volSpikeRecover,
  vol_spike_continue: volSpikeContinue,
  vol_decay: volDecay,
  liquidity_hunt_lows: liquidityHuntLows,
  liquidity_hunt_highs: liquidityHuntHighs,
  choppy_whipsaw: choppyWhipsaw,
  accumulation,
  distribution,
  mtf_aligned_bull: mtfAlignedBull,
  mtf_aligned_bear: mtfAlignedBear,
  mtf_pullback_bull: mtfPullbackBull,
  mtf_pullback_bear: mtfPullbackBear,
  audit_regime: auditRegime,
};
