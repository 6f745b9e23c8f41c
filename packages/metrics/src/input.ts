import type { PositionSide } from '@trade/core';

/** Account equity in USDT at one point of the curve (`E_i`, metrics.md §1). */
export type EquityPoint = number;

/** Signed cash flow of one funding settlement in USDT: positive = received, negative = paid. */
export type FundingCashFlow = number;

/** A funding record carrying its signed cash flow; the simulator's `FundingRecord` qualifies as is. */
export interface FundingCashFlowRecord {
  readonly cashFlow: FundingCashFlow;
}

/** Funding of a run: either the bare signed cash flows or records that carry them. */
export type FundingInput = ArrayLike<FundingCashFlow> | readonly FundingCashFlowRecord[];

/**
 * One closed trade (a position lifecycle flat → flat) with the fields of the simulator's `Trade`
 * (sim-exchange.md §15) that metrics read, plus the exec-bar indices the engine assigns (trades.csv
 * `entry_bar_index`/`exit_bar_index`): `{ ...simTrade, entryBarIndex, exitBarIndex }` is a valid record, the
 * extra fields are ignored.
 */
export interface TradeRecord {
  /** Sequential id (`T000001`); orders trades closed in the same bar. */
  readonly tradeId: string;
  readonly side: PositionSide;
  /** Exec-bar ordinal containing the entry fill (any fixed base, the same for exits and the equity curve). */
  readonly entryBarIndex: number;
  /** Exec-bar ordinal containing the final exit fill; `≥ entryBarIndex`. */
  readonly exitBarIndex: number;
  /** Close time in ms; when both trades carry one it breaks ties between trades closed in the same bar. */
  readonly closeTime?: number | null;
  /** Σ opened qty × price in USDT; `> 0`. */
  readonly entryNotional: number;
  /** Informational (not read): Σ of every close's PnL; `netPnl = realizedPnl − fees`. */
  readonly realizedPnl?: number;
  /** Every trading fee of the trade in USDT, liquidation closing fee included (a maker rebate may make it < 0). */
  readonly fees: number;
  /** `realizedPnl − fees` in USDT; funding excluded. */
  readonly netPnl: number;
  /** Maximum adverse excursion, % of the average entry price (sim-exchange.md §12.5). */
  readonly maePct: number;
  /** Maximum favourable excursion, % of the average entry price. */
  readonly mfePct: number;
}

/** Buy-and-hold reference prices: open of the first exec bar, close of the last processed 1m bar. */
export interface BenchmarkPrices {
  readonly firstPrice: number;
  readonly lastPrice: number;
}

/** Position value (at mark or fill price) and equity, both USDT, at one exposure sampling instant. */
export interface ExposureSample {
  readonly positionValue: number;
  readonly equity: number;
}

/** Margin coverage `(PMx + upnl) / MMc` of one 1m bar with a position (sim snapshot `worstCoverage`). */
export interface MarginSample {
  readonly tradeId: string;
  readonly coverage: number;
}

/** Everything `computeMetrics` needs (metrics.md §1). Only `timeframe`, `equity`, `trades` and `funding` are required. */
export interface MetricsInput {
  /** Exec timeframe in any accepted spelling (`1h`, `60`, `D`, …; metrics.md §3). */
  readonly timeframe: string;
  /** `E₀ … E_N`: equity at sim start, then at every exec-bar close (plus a final partial point after a terminal stop). */
  readonly equity: ArrayLike<EquityPoint>;
  /** Closed trades, liquidated and force-closed ones included. */
  readonly trades: readonly TradeRecord[];
  /** Signed cash flows of all funding records, as numbers or as records with a `cashFlow` field. */
  readonly funding: FundingInput;
  /** Starting equity; must equal `E₀` exactly. Omitted → `E₀`. */
  readonly initialEquity?: number;
  /** Omitted → `benchmark_return_pct = 0`. */
  readonly benchmark?: BenchmarkPrices;
  /** Omitted → no samples (`avg_leverage_used = max_gross_exposure_pct = 0`). */
  readonly exposureSamples?: readonly ExposureSample[];
  /** Omitted → no samples (`min_margin_ratio = 100`, `margin_calls = 0`). */
  readonly marginSamples?: readonly MarginSample[];
  /** `worstLiqDistancePct` per 1m bar with a position and a liquidation price, `≥ 0`. Omitted → no samples. */
  readonly liqDistanceSamples?: ArrayLike<number>;
  /** Simulator counters (sim-exchange.md §14.3); omitted → 0. */
  readonly entryAttempts?: number;
  readonly entryRejections?: number;
  readonly liquidationEvents?: number;
  /** Margin-call threshold rate: a call is `coverage ≤ 1 / marginCallMmRate`. Default 0.8 (threshold 1.25). */
  readonly marginCallMmRate?: number;
}

export const DEFAULT_MARGIN_CALL_MM_RATE = 0.8;
