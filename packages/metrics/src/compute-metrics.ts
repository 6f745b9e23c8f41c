import { calmar } from './cagr';
import { drawdownStats } from './drawdown';
import { MetricsInputError } from './errors';
import { fundingStats } from './funding';
import { DEFAULT_MARGIN_CALL_MM_RATE, type MetricsInput } from './input';
import { capRatio, type Metrics } from './metrics';
import { periodReturns, returnStats } from './returns';
import { closestLiquidationPct, exposureStats, marginStats } from './risk';
import { barsPerYear } from './timeframe';
import { tradeStats } from './trades';
import { validateMetricsInput } from './validate-input';

/**
 * Every result metric of a run (metrics.md §4) from its equity curve, closed trades, funding cash flows and the
 * simulator's samples and counters. Pure and deterministic: the same input gives bit-identical output.
 * Linear in the equity curve (the 5 % VaR tail is a quickselect, not a sort); O(T log T) in trades.
 *
 * Throws `UnknownTimeframeError` for an unknown timeframe and `MetricsInputError` when the input breaks the
 * contract of metrics.md §1 (see `validateMetricsInput`) or trades span more exec bars than the curve has periods.
 */
export function computeMetrics(input: MetricsInput): Metrics {
  const bpy = barsPerYear(input.timeframe);
  validateMetricsInput(input);

  const { equity } = input;
  const periods = equity.length - 1;
  const initialEquity = equity[0]!;
  const finalEquity = equity[periods]!;
  const netReturnPct = (finalEquity / initialEquity - 1) * 100;
  const benchmarkReturnPct =
    input.benchmark === undefined ? 0 : (input.benchmark.lastPrice / input.benchmark.firstPrice - 1) * 100;

  const drawdown = drawdownStats(equity);
  const returns = returnStats(periodReturns(equity), bpy);
  const trades = tradeStats(input.trades);
  const funding = fundingStats(input.funding);
  const exposure = exposureStats(input.exposureSamples ?? []);
  const margin = marginStats(
    input.marginSamples ?? [],
    input.marginCallMmRate ?? DEFAULT_MARGIN_CALL_MM_RATE,
  );

  if (trades.bars_in_position > periods) {
    throw new MetricsInputError(
      `trades cover ${trades.bars_in_position} exec bars but the equity curve has only ${periods} periods`,
      'trades',
      'bar indices and the equity curve must describe the same run (one equity point per exec bar after E₀)',
    );
  }

  const netProfit = finalEquity - initialEquity;
  const entryAttempts = input.entryAttempts ?? 0;
  const entryRejections = input.entryRejections ?? 0;

  return {
    initial_equity: initialEquity,
    final_equity: finalEquity,
    net_profit: netProfit,
    net_return_pct: netReturnPct,
    benchmark_return_pct: benchmarkReturnPct,
    alpha_pct: netReturnPct - benchmarkReturnPct,
    max_drawdown_abs: drawdown.maxDrawdownAbs,
    max_drawdown_pct: drawdown.maxDrawdownFraction * 100,
    max_drawdown_duration_bars: drawdown.maxDrawdownDurationBars,
    total_trades: trades.total_trades,
    win_rate: trades.win_rate,
    avg_trade_return_pct: trades.avg_trade_return_pct,
    profit_factor: trades.profit_factor,
    sharpe: returns.sharpe,
    sortino: returns.sortino,
    calmar: calmar({
      initialEquity,
      finalEquity,
      periods,
      timeframe: input.timeframe,
      maxDrawdownFraction: drawdown.maxDrawdownFraction,
    }),
    win_count: trades.win_count,
    loss_count: trades.loss_count,
    gross_profit: trades.gross_profit,
    gross_loss: trades.gross_loss,
    total_fees: trades.total_fees,
    avg_win_usdt: trades.avg_win_usdt,
    avg_loss_usdt: trades.avg_loss_usdt,
    largest_win_usdt: trades.largest_win_usdt,
    largest_loss_usdt: trades.largest_loss_usdt,
    avg_trade_duration_bars: trades.avg_trade_duration_bars,
    avg_winning_trade_duration_bars: trades.avg_winning_trade_duration_bars,
    avg_losing_trade_duration_bars: trades.avg_losing_trade_duration_bars,
    max_consecutive_wins: trades.max_consecutive_wins,
    max_consecutive_losses: trades.max_consecutive_losses,
    expectancy_usdt: trades.expectancy_usdt,
    payoff_ratio: trades.payoff_ratio,
    recovery_factor: drawdown.maxDrawdownAbs === 0 ? 0 : capRatio(netProfit / drawdown.maxDrawdownAbs),
    omega_ratio: returns.omegaRatio,
    long_trades: trades.long_trades,
    short_trades: trades.short_trades,
    long_win_rate: trades.long_win_rate,
    short_win_rate: trades.short_win_rate,
    long_pnl: trades.long_pnl,
    short_pnl: trades.short_pnl,
    total_bars: periods,
    bars_in_position: trades.bars_in_position,
    time_in_market_pct: periods === 0 ? 0 : (trades.bars_in_position / periods) * 100,
    total_funding_paid_usdt: funding.total_funding_paid_usdt,
    total_funding_received_usdt: funding.total_funding_received_usdt,
    net_funding_usdt: funding.net_funding_usdt,
    ulcer_index: drawdown.ulcerIndex,
    profit_factor_mode: trades.profit_factor_mode,
    entry_attempts: entryAttempts,
    entry_rejections: entryRejections,
    entry_rejection_rate: entryAttempts === 0 ? 0 : entryRejections / entryAttempts,
    min_margin_ratio: margin.min_margin_ratio,
    margin_calls: margin.margin_calls,
    closest_liquidation_pct: closestLiquidationPct(input.liqDistanceSamples ?? []),
    skewness: returns.skewness,
    kurtosis: returns.kurtosis,
    var_95_pct: returns.var95Pct,
    cvar_95_pct: returns.cvar95Pct,
    avg_leverage_used: exposure.avg_leverage_used,
    max_gross_exposure_pct: exposure.max_gross_exposure_pct,
    mae_avg_pct: trades.mae_avg_pct,
    mfe_avg_pct: trades.mfe_avg_pct,
    breakeven_trades: trades.breakeven_trades,
    liquidation_events: input.liquidationEvents ?? 0,
  };
}
