/**
 * `"finite"` when there is a gross loss, `"infinite"` when there are wins but no loss, `"undefined"` otherwise
 * (no trades, or only breakeven trades).
 */
export type ProfitFactorMode = 'finite' | 'infinite' | 'undefined';

/**
 * Every result metric of a run (metrics.md §4), written unchanged into `result.json.metrics` (engine.md §11.3).
 * Units: `*_pct` on a 0–100 scale, money in USDT, ratios unitless, counts integers, `entry_rejection_rate` a
 * 0–1 fraction. Every field is always a finite number (or the mode string): undefined metrics take the fixed
 * value documented in docs/metrics.md, never `NaN`, `Infinity` or `null`. Full double precision, no rounding.
 */
export interface Metrics {
  /** #1 `E₀`, USDT. */
  initial_equity: number;
  /** #2 `E_N`, USDT. */
  final_equity: number;
  /** #3 `E_N − E₀`, USDT. */
  net_profit: number;
  /** #4 `(E_N / E₀ − 1) × 100`. */
  net_return_pct: number;
  /** #5 Unlevered buy and hold `(last / first − 1) × 100`; 0 without benchmark prices. */
  benchmark_return_pct: number;
  /** #6 `net_return_pct − benchmark_return_pct`. */
  alpha_pct: number;
  /** #7 Largest `peak − E_i`, USDT. */
  max_drawdown_abs: number;
  /** #8 Largest `(peak − E_i) / peak × 100`, maximised independently of #7. */
  max_drawdown_pct: number;
  /** #9 Longest run of consecutive points below their running peak (an open run counts). */
  max_drawdown_duration_bars: number;
  /** #10 Closed trades. */
  total_trades: number;
  /** #11 `win_count / total_trades × 100`. */
  win_rate: number;
  /** #12 Mean of `netPnl / entryNotional × 100`. */
  avg_trade_return_pct: number;
  /** #13 `gross_profit / gross_loss`, capped; 100 with wins and no loss; 0 otherwise. */
  profit_factor: number;
  /** #14 `mean(r) / σ × √barsPerYear`, capped; 0 when `n < 2` or `σ = 0`. */
  sharpe: number;
  /** #15 `mean(r) / downside deviation × √barsPerYear`, capped. */
  sortino: number;
  /** #16 `CAGR / max drawdown fraction`, capped; 100 at zero drawdown with CAGR > 0. */
  calmar: number;
  /** #17 Trades with `netPnl > 0`. */
  win_count: number;
  /** #18 Trades with `netPnl < 0`. */
  loss_count: number;
  /** #19 Σ `netPnl` of wins, USDT. */
  gross_profit: number;
  /** #20 `|Σ netPnl|` of losses, USDT (positive). */
  gross_loss: number;
  /** #21 Σ trade fees (funding excluded), USDT. */
  total_fees: number;
  /** #22 `gross_profit / win_count`, USDT. */
  avg_win_usdt: number;
  /** #23 `gross_loss / loss_count`, USDT (positive). */
  avg_loss_usdt: number;
  /** #24 Largest winning `netPnl`, USDT. */
  largest_win_usdt: number;
  /** #25 `|netPnl|` of the largest loss, USDT (positive). */
  largest_loss_usdt: number;
  /** #26 Mean `exitBarIndex − entryBarIndex`. */
  avg_trade_duration_bars: number;
  /** #27 Same, wins only. */
  avg_winning_trade_duration_bars: number;
  /** #28 Same, losses only. */
  avg_losing_trade_duration_bars: number;
  /** #29 Longest win streak in close order; a breakeven trade resets both streaks. */
  max_consecutive_wins: number;
  /** #30 Longest loss streak in close order. */
  max_consecutive_losses: number;
  /** #31 `Σ netPnl / total_trades`, USDT. */
  expectancy_usdt: number;
  /** #32 `avg_win_usdt / avg_loss_usdt`, capped; 0 without losses. */
  payoff_ratio: number;
  /** #33 `net_profit / max_drawdown_abs`, capped; 0 without drawdown. */
  recovery_factor: number;
  /** #34 `Σ positive returns / |Σ negative returns|`, capped. */
  omega_ratio: number;
  /** #35 Long trades. */
  long_trades: number;
  /** #36 Short trades. */
  short_trades: number;
  /** #37 Long wins / long trades × 100. */
  long_win_rate: number;
  /** #38 Short wins / short trades × 100. */
  short_win_rate: number;
  /** #39 Σ `netPnl` of long trades, USDT. */
  long_pnl: number;
  /** #40 Σ `netPnl` of short trades, USDT. */
  short_pnl: number;
  /** #41 `N` = number of periods of the equity curve. */
  total_bars: number;
  /** #42 Distinct exec bars with a position open at any moment: `|⋃ [entryBarIndex, exitBarIndex]|`. */
  bars_in_position: number;
  /** #43 `bars_in_position / total_bars × 100`. */
  time_in_market_pct: number;
  /** #44 Σ `|f|` over paid funding cash flows, USDT (positive). */
  total_funding_paid_usdt: number;
  /** #45 Σ `f` over received funding cash flows, USDT. */
  total_funding_received_usdt: number;
  /** #46 Σ of all funding cash flows, USDT (signed). */
  net_funding_usdt: number;
  /** #47 Root mean square of the drawdown percentages over all `N + 1` points. */
  ulcer_index: number;
  /** #48 Which case of `profit_factor` applies. */
  profit_factor_mode: ProfitFactorMode;
  /** #49 Orders that would open or increase a position, accepted or rejected. */
  entry_attempts: number;
  /** #50 Of those, rejected or cancelled before any fill. */
  entry_rejections: number;
  /** #51 `entry_rejections / entry_attempts` (0–1 fraction). */
  entry_rejection_rate: number;
  /** #52 Lowest margin coverage, clamped to ≤ 100; 100 without samples. */
  min_margin_ratio: number;
  /** #53 Episodes with `coverage ≤ 1 / marginCallMmRate`, per trade. */
  margin_calls: number;
  /** #54 Smallest distance to the liquidation price, %; 100 without samples. */
  closest_liquidation_pct: number;
  /** #55 `m₃ / σ³` of the returns; 0 when `n < 10` or `σ = 0`. */
  skewness: number;
  /** #56 Raw `m₄ / σ⁴` of the returns (normal = 3); 0 when `n < 10` or `σ = 0`. */
  kurtosis: number;
  /** #57 Historical 95 % value at risk of one period, % (a loss is positive; floored at 0). */
  var_95_pct: number;
  /** #58 Mean of the worst `k` returns as a loss, % (floored at 0). */
  cvar_95_pct: number;
  /** #59 Mean `positionValue / equity` over exposure samples (effective leverage). */
  avg_leverage_used: number;
  /** #60 Largest `positionValue / equity × 100` over exposure samples. */
  max_gross_exposure_pct: number;
  /** #61 Mean trade `maePct`. */
  mae_avg_pct: number;
  /** #62 Mean trade `mfePct`. */
  mfe_avg_pct: number;
  /** #63 Trades with `netPnl = 0`. */
  breakeven_trades: number;
  /** #64 Full and partial liquidation events. */
  liquidation_events: number;
}

/** Every field name of `Metrics`, in the order of metrics.md §4. */
export const METRIC_NAMES = [
  'initial_equity',
  'final_equity',
  'net_profit',
  'net_return_pct',
  'benchmark_return_pct',
  'alpha_pct',
  'max_drawdown_abs',
  'max_drawdown_pct',
  'max_drawdown_duration_bars',
  'total_trades',
  'win_rate',
  'avg_trade_return_pct',
  'profit_factor',
  'sharpe',
  'sortino',
  'calmar',
  'win_count',
  'loss_count',
  'gross_profit',
  'gross_loss',
  'total_fees',
  'avg_win_usdt',
  'avg_loss_usdt',
  'largest_win_usdt',
  'largest_loss_usdt',
  'avg_trade_duration_bars',
  'avg_winning_trade_duration_bars',
  'avg_losing_trade_duration_bars',
  'max_consecutive_wins',
  'max_consecutive_losses',
  'expectancy_usdt',
  'payoff_ratio',
  'recovery_factor',
  'omega_ratio',
  'long_trades',
  'short_trades',
  'long_win_rate',
  'short_win_rate',
  'long_pnl',
  'short_pnl',
  'total_bars',
  'bars_in_position',
  'time_in_market_pct',
  'total_funding_paid_usdt',
  'total_funding_received_usdt',
  'net_funding_usdt',
  'ulcer_index',
  'profit_factor_mode',
  'entry_attempts',
  'entry_rejections',
  'entry_rejection_rate',
  'min_margin_ratio',
  'margin_calls',
  'closest_liquidation_pct',
  'skewness',
  'kurtosis',
  'var_95_pct',
  'cvar_95_pct',
  'avg_leverage_used',
  'max_gross_exposure_pct',
  'mae_avg_pct',
  'mfe_avg_pct',
  'breakeven_trades',
  'liquidation_events',
] as const satisfies readonly (keyof Metrics)[];

export type MetricName = (typeof METRIC_NAMES)[number];

/** Names of the numeric fields (all but `profit_factor_mode`). */
export type NumericMetricName = Exclude<MetricName, 'profit_factor_mode'>;

/**
 * Ratio metrics are clamped to `[−RATIO_CAP, RATIO_CAP]` (sharpe, sortino, calmar, omega_ratio, profit_factor,
 * payoff_ratio, recovery_factor), and 100 is also the sentinel of the "infinitely good" cases.
 */
export const RATIO_CAP = 100;

/** Clamps a ratio to ±RATIO_CAP; ±Infinity clamps by sign. NaN (never produced by the guarded formulas) → 0. */
export function capRatio(value: number): number {
  if (value > RATIO_CAP) return RATIO_CAP;
  if (value < -RATIO_CAP) return -RATIO_CAP;
  if (Number.isNaN(value)) return 0;
  return value;
}
