import type { Metrics } from './metrics';

export interface ConsistencyOptions {
  /**
   * The run ended without an open position (every engine stop closes it). Only then must the equity change equal
   * Σ trade netPnl + net funding; an open position at the end carries unrealised PnL. Default true.
   */
  readonly endsFlat?: boolean;
}

/** Relative tolerance of the money identities (metrics.md §4.2: 1e-9 · max(1, E₀)). */
const MONEY_TOLERANCE = 1e-9;

/**
 * The identities of metrics.md §4.2 that every `computeMetrics` result must satisfy, as messages naming each one
 * that fails (empty = consistent). Validation and tests call it on every result.
 */
export function metricsConsistencyViolations(metrics: Metrics, options: ConsistencyOptions = {}): string[] {
  const violations: string[] = [];
  const m = metrics;
  const moneyTolerance = MONEY_TOLERANCE * Math.max(1, m.initial_equity);
  const tradePnl = m.gross_profit - m.gross_loss;

  if (m.win_count + m.loss_count + m.breakeven_trades !== m.total_trades) {
    violations.push(
      `win_count ${m.win_count} + loss_count ${m.loss_count} + breakeven_trades ${m.breakeven_trades} ≠ total_trades ${m.total_trades}`,
    );
  }
  if (m.long_trades + m.short_trades !== m.total_trades) {
    violations.push(
      `long_trades ${m.long_trades} + short_trades ${m.short_trades} ≠ total_trades ${m.total_trades}`,
    );
  }
  const pnlScale = Math.max(1, m.gross_profit + m.gross_loss);
  if (Math.abs(m.long_pnl + m.short_pnl - tradePnl) > MONEY_TOLERANCE * pnlScale) {
    violations.push(
      `long_pnl ${m.long_pnl} + short_pnl ${m.short_pnl} ≠ gross_profit − gross_loss ${tradePnl}`,
    );
  }
  if (
    (options.endsFlat ?? true) &&
    Math.abs(m.net_profit - (tradePnl + m.net_funding_usdt)) > moneyTolerance
  ) {
    violations.push(
      `net_profit ${m.net_profit} ≠ Σ trade netPnl ${tradePnl} + net_funding_usdt ${m.net_funding_usdt}`,
    );
  }
  if (!(m.time_in_market_pct >= 0 && m.time_in_market_pct <= 100)) {
    violations.push(`time_in_market_pct ${m.time_in_market_pct} is outside [0, 100]`);
  }
  return violations;
}
