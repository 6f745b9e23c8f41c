import { TimeframeError, TradeError } from '@trade/core';

/**
 * The input of `computeMetrics` breaks its contract (metrics.md §1): an empty equity curve, `E₀ ≤ 0`, a
 * non-finite number, `initialEquity ≠ E₀`, or a malformed trade, sample or counter. `path` names the offending
 * field (`equity[3]`, `trades[2].netPnl`).
 */
export class MetricsInputError extends TradeError {
  constructor(message: string, path: string, hint: string) {
    super('E_METRICS_INPUT', message, { hint, path });
  }
}

/**
 * A timeframe string that is neither a canonical name nor a Bybit interval code (metrics.md §3). Matching is
 * exact and case-sensitive, so `1d` and `1D` are rejected too. Extends core's `TimeframeError`, so it carries
 * the same stable code `E_TF_INVALID`.
 */
export class UnknownTimeframeError extends TimeframeError {
  readonly timeframe: string;

  constructor(timeframe: string, hint: string) {
    super(`unknown timeframe '${timeframe}'`, hint);
    this.timeframe = timeframe;
  }
}
