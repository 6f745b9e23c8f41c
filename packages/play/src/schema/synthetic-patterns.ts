/**
 * The public synthetic pattern catalogue (`synthetic-data.md` §5) and each pattern's `config` keys (§3: the keys
 * whose "Used by" column names the pattern). The generator lives in `@trade/data`, which this layer may not
 * import, so the names are restated here and checked by a test against the spec list.
 */
const TREND = 'trend_magnitude';
const PULLBACK = 'pullback_depth';
const NOISE = 'noise_level';
const WIDTH = 'range_width';
const HUNT = 'hunt_depth';
const SPIKE = 'volatility_spike';
const SQUEEZE = 'volatility_squeeze';
const BASE = 'volatility_base';

export const SYNTHETIC_PATTERNS: Readonly<Record<string, readonly string[]>> = {
  trending: [],
  ranging: [],
  volatile: [],
  multi_tf_aligned: [],
  trend_up_clean: [TREND, PULLBACK, NOISE],
  trend_down_clean: [TREND, PULLBACK, NOISE],
  trend_grinding: [TREND],
  trend_parabolic: [TREND, NOISE],
  trend_exhaustion: [TREND, NOISE],
  trend_stairs: [TREND, 'stairs_steps', NOISE],
  range_tight: [SQUEEZE, WIDTH],
  range_wide: [WIDTH],
  range_ascending: [WIDTH, NOISE],
  range_descending: [WIDTH, NOISE],
  reversal_v_bottom: [TREND, NOISE],
  reversal_v_top: [TREND, NOISE],
  reversal_double_bottom: [TREND, NOISE],
  reversal_double_top: [TREND, NOISE],
  breakout_clean: [TREND, WIDTH, NOISE],
  breakout_false: [TREND, WIDTH, HUNT, NOISE],
  breakout_retest: [TREND, WIDTH, NOISE],
  vol_squeeze_expand: [BASE, SPIKE],
  vol_spike_recover: [SPIKE, NOISE],
  vol_spike_continue: [SPIKE, NOISE],
  vol_decay: [SPIKE, SQUEEZE],
  liquidity_hunt_lows: [TREND, WIDTH, HUNT, NOISE],
  liquidity_hunt_highs: [TREND, WIDTH, HUNT, NOISE],
  choppy_whipsaw: [],
  accumulation: [TREND],
  distribution: [TREND],
  mtf_aligned_bull: [TREND, NOISE],
  mtf_aligned_bear: [TREND, NOISE],
  mtf_pullback_bull: [TREND, PULLBACK, NOISE],
  mtf_pullback_bear: [TREND, PULLBACK, NOISE],
};
