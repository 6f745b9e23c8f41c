import type { InstrumentSpec, PositionSide, Side, TimeInForce, TriggerBy } from '@trade/core';
import type { CancelReason, RejectReason } from './reason-codes';

/** One 1-minute bar (last-price or mark-price series), §3.2. */
export interface Bar1m {
  /** ms UTC, multiple of 60 000, strictly increasing across calls. */
  readonly openTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** Base-coin volume; only the `volume_share` slippage model reads it. */
  readonly volume?: number;
}

export type SlippageModel =
  | { readonly kind: 'none' }
  | { readonly kind: 'fixed_bps'; readonly bps: number }
  | { readonly kind: 'ticks'; readonly n: number }
  | {
      readonly kind: 'volume_share';
      readonly baseBps: number;
      readonly bpsPerPctOfVolume: number;
      readonly maxBps: number;
    };

export interface AccountConfig {
  /** Default 10 000; booked as a DEPOSIT entry. */
  readonly initialWalletUsdt?: number;
  /** Default 0.00055. */
  readonly takerFeeRate?: number;
  /** Default 0.0002 (may be negative: rebate). */
  readonly makerFeeRate?: number;
  /** Default 1. */
  readonly leverage?: number;
  /** Default `{kind: "fixed_bps", bps: 2}`. */
  readonly slippage?: SlippageModel;
}

export interface FundingRateRow {
  readonly fundingTime: number;
  readonly rate: number;
}

export type FundingSource =
  | { readonly source: 'none' }
  | { readonly source: 'constant'; readonly rate: number }
  | { readonly source: 'history'; readonly rates: readonly FundingRateRow[] };

export interface SimOptions {
  readonly funding?: FundingSource;
  /** Percent in (0, 100]; terminal stop at a 1m close (§14.1). */
  readonly maxDrawdownPct?: number;
  readonly equityFloorUsdt?: number;
  readonly stopWhenStarved?: boolean;
  /** Default 0.8. */
  readonly marginCallMmRate?: number;
  /** `"every_step"` checks the §5.3 identities after every command and bar (tests); default `"off"`. */
  readonly invariantChecks?: 'off' | 'every_step';
  /**
   * `"every_bar"` (default) keeps one snapshot per 1m close (§15); `"latest"` keeps only the current one (the
   * step report still carries it) for long parameter sweeps where the caller samples equity itself.
   */
  readonly snapshots?: 'every_bar' | 'latest';
  /** Capacity hint for the per-bar snapshot store (avoids regrowth on long runs); records are unchanged. */
  readonly expectedBars?: number;
}

export type TpslMode = 'Full' | 'Partial';

export interface OrderRequest {
  readonly side: Side;
  readonly orderType: 'Market' | 'Limit';
  /** Base qty; `0` with `reduceOnly` + `closeOnTrigger` closes the whole position. */
  readonly qty: number;
  readonly price?: number;
  readonly timeInForce?: TimeInForce;
  readonly reduceOnly?: boolean;
  readonly closeOnTrigger?: boolean;
  readonly triggerPrice?: number;
  readonly triggerDirection?: 1 | 2;
  readonly triggerBy?: TriggerBy;
  readonly takeProfit?: number;
  readonly stopLoss?: number;
  /** Price distance resolved against the average fill price (our extension). */
  readonly takeProfitOffset?: number;
  readonly stopLossOffset?: number;
  readonly tpTriggerBy?: TriggerBy;
  readonly slTriggerBy?: TriggerBy;
  readonly tpslMode?: TpslMode;
  readonly tpOrderType?: 'Market' | 'Limit';
  readonly slOrderType?: 'Market' | 'Limit';
  readonly tpLimitPrice?: number;
  readonly slLimitPrice?: number;
  readonly orderLinkId?: string;
  /** Free label copied to fills and trades (e.g. `"signal"`). */
  readonly tag?: string;
}

export interface AmendRequest {
  readonly orderId: string;
  readonly qty?: number;
  readonly price?: number;
  readonly triggerPrice?: number;
  readonly takeProfit?: number;
  readonly stopLoss?: number;
}

export interface TradingStopRequest {
  /** `0` cancels. */
  readonly takeProfit?: number;
  /** `0` cancels. */
  readonly stopLoss?: number;
  readonly tpTriggerBy?: TriggerBy;
  readonly slTriggerBy?: TriggerBy;
  /** Distance; `0` cancels. */
  readonly trailingStop?: number;
  readonly activePrice?: number;
  readonly tpslMode?: TpslMode;
  /** Partial mode sizes. */
  readonly tpSize?: number;
  readonly slSize?: number;
  readonly tpOrderType?: 'Market' | 'Limit';
  readonly slOrderType?: 'Market' | 'Limit';
  readonly tpLimitPrice?: number;
  readonly slLimitPrice?: number;
}

export interface BreakEvenConfig {
  /** Percent favourable move of the peak from the average entry that arms the break-even stop (> 0). */
  readonly activationPct: number;
  /** Percent beyond the entry the SL moves to (≥ 0). */
  readonly offsetPct: number;
}

export type OrderStatus =
  | 'New'
  | 'Untriggered'
  | 'Triggered'
  | 'Filled'
  | 'Cancelled'
  | 'Rejected'
  | 'Deactivated';

/** What an order is for: a plain order, a conditional (stop) order, or one of the position's stop orders. */
export type OrderRole = 'order' | 'take_profit' | 'stop_loss' | 'trailing_stop';

export interface OrderView {
  readonly orderId: string;
  readonly orderLinkId: string | null;
  readonly tag: string | null;
  readonly role: OrderRole;
  readonly side: Side;
  readonly orderType: 'Market' | 'Limit';
  readonly qty: number;
  readonly qtyAdjusted: boolean;
  readonly price: number | null;
  readonly timeInForce: TimeInForce;
  readonly reduceOnly: boolean;
  readonly closeOnTrigger: boolean;
  readonly triggerPrice: number | null;
  readonly triggerDirection: 1 | 2 | null;
  readonly triggerBy: TriggerBy;
  readonly orderStatus: OrderStatus;
  readonly rejectReason: RejectReason | null;
  readonly cancelReason: CancelReason | null;
  readonly orderIM: number;
  readonly createdTime: number;
  readonly updatedTime: number;
  readonly avgPrice: number | null;
}

export type LiquidityKind = 'maker' | 'taker';
export type ExecType = 'Trade' | 'PartialLiquidation' | 'Liquidation' | 'ForcedClose';
export type PriceSource = 'open' | 'open_gap' | 'trigger' | 'limit' | 'mark_trigger' | 'bankruptcy' | 'close';

export interface Fill {
  readonly fillId: string;
  readonly seq: number;
  readonly orderId: string | null;
  readonly orderLinkId: string | null;
  readonly tag: string | null;
  /** Bar openTime. */
  readonly time: number;
  /** 0 open point, 1–3 path segment, 4 close point (forced closes). */
  readonly pathStep: number;
  readonly side: Side;
  readonly qty: number;
  readonly price: number;
  /**
   * The price before slippage: the bar open (`open`), the trigger point (`open_gap`, `trigger`, `mark_trigger`),
   * the last close (`close`); equal to `price` for resting limits and bankruptcy fills.
   */
  readonly referencePrice: number;
  readonly priceSource: PriceSource;
  readonly notional: number;
  readonly feeRate: number;
  readonly fee: number;
  readonly feeString: string;
  readonly liquidity: LiquidityKind;
  readonly execType: ExecType;
  readonly closedQty: number;
  readonly realizedPnl: number;
  readonly realizedPnlString: string;
  readonly tradeId: string;
  readonly positionQtyAfter: number;
}

export type ExitReason =
  | 'tp'
  | 'sl'
  | 'trailing'
  | 'order'
  | 'liquidation'
  | 'max_drawdown'
  | 'equity_floor'
  | 'end_of_data'
  | 'flip';

export interface Trade {
  readonly tradeId: string;
  readonly side: PositionSide;
  /** Time of the opening fill (bar openTime of that bar). */
  readonly openTime: number;
  readonly closeTime: number | null;
  readonly openBarTime: number;
  readonly closeBarTime: number | null;
  readonly entryQty: number;
  readonly maxQty: number;
  readonly avgEntryPrice: number;
  readonly avgExitPrice: number | null;
  readonly entryNotional: number;
  readonly realizedPnl: number;
  readonly entryFees: number;
  readonly exitFees: number;
  readonly fees: number;
  readonly netPnl: number;
  readonly netPnlString: string;
  readonly realizedPnlString: string;
  readonly feesString: string;
  readonly pnlPct: number;
  readonly fundingPnl: number;
  readonly leverage: number;
  readonly exitReason: ExitReason | null;
  readonly exitTag: string | null;
  readonly partialCloses: number;
  readonly partialLiquidations: number;
  readonly slMovedToBreakEven: boolean;
  readonly maePct: number;
  readonly mfePct: number;
  readonly fillIds: readonly string[];
}

export interface FundingRecord {
  readonly fundingId: string;
  readonly time: number;
  readonly rate: number;
  readonly markPrice: number;
  readonly qty: number;
  readonly side: PositionSide;
  /** `Q·M·rate` (positive: the long side pays). */
  readonly payment: number;
  /** Signed cash flow booked to the wallet. */
  readonly cashFlow: number;
  readonly cashFlowString: string;
  readonly source: 'history' | 'constant' | 'input';
  readonly tradeId: string;
}

export type LedgerKind = 'DEPOSIT' | 'FEE' | 'REALIZED_PNL' | 'FUNDING';

export interface LedgerEntry {
  readonly seq: number;
  readonly time: number;
  readonly kind: LedgerKind;
  readonly amount: number;
  readonly amountString: string;
  /** Integer 1e-8 USDT units (exact). */
  readonly units: bigint;
  readonly balanceAfter: number;
  /** fillId or fundingId. */
  readonly ref: string | null;
}

export interface Snapshot {
  readonly closeTime: number;
  readonly walletBalance: number;
  readonly upnl: number;
  readonly equity: number;
  readonly markPrice: number;
  readonly positionSide: PositionSide | null;
  readonly positionQty: number;
  readonly positionValue: number;
  readonly liqPrice: number | null;
  readonly worstCoverage: number | null;
  readonly worstLiqDistancePct: number | null;
}

export interface PositionView {
  readonly side: PositionSide;
  readonly qty: number;
  readonly avgEntryPrice: number;
  readonly leverage: number;
  readonly markPrice: number;
  readonly positionValue: number;
  readonly unrealisedPnl: number;
  readonly positionIM: number;
  readonly imCore: number;
  readonly feeToClose: number;
  readonly extraMargin: number;
  readonly positionMM: number;
  readonly tier: number;
  readonly mmr: number;
  readonly mmDeduction: number;
  readonly liqPrice: number | null;
  readonly liqPriceExact: number | null;
  readonly bustPrice: number;
  readonly takeProfit: number | null;
  readonly stopLoss: number | null;
  readonly trailingStop: number | null;
  readonly tpslMode: TpslMode;
  readonly openedAt: number;
  readonly tradeId: string;
}

export interface LedgerView {
  readonly walletBalance: number;
  readonly equity: number;
  readonly availableBalance: number;
  readonly positionIM: number;
  readonly orderIM: number;
  readonly unrealisedPnl: number;
}

export type StopReason =
  | 'liquidated'
  | 'max_drawdown_hit'
  | 'equity_floor_hit'
  | 'strategy_starved'
  | 'end_of_data'
  | 'user_stopped';

/** `{seq, time, type, ...payload}` (§16). */
export interface SimEvent {
  readonly seq: number;
  readonly time: number;
  readonly type: string;
  readonly [key: string]: unknown;
}

export interface StepReport {
  readonly openTime: number;
  readonly fills: readonly Fill[];
  readonly closedTrades: readonly Trade[];
  readonly funding: readonly FundingRecord[];
  readonly events: readonly SimEvent[];
  readonly snapshot: Snapshot;
  readonly stopped: boolean;
}

export interface SimCounters {
  readonly entryAttempts: number;
  readonly entryRejections: number;
  readonly fills: number;
  readonly makerFills: number;
  readonly takerFills: number;
  readonly liquidations: number;
  readonly partialLiquidations: number;
  readonly marginCalls: number;
}

export interface SimResult {
  readonly stopReason: StopReason | null;
  readonly isTerminal: boolean;
  readonly stoppedAt: number | null;
  readonly barsProcessed: number;
  readonly dataGaps: number;
  readonly markPriceSource: 'mark' | 'last' | 'mixed';
  readonly markFallbackBars: number;
  readonly fundingSource: 'history' | 'constant' | 'none';
  readonly fundingEvents: number;
  readonly fundingMissing: number;
  readonly starvedAt: number | null;
  readonly tierTableHash: string;
  readonly instrument: InstrumentSpec;
  readonly account: Required<AccountConfig>;
  readonly counters: SimCounters;
  readonly finalWallet: number;
  readonly finalWalletString: string;
  readonly finalEquity: number;
  readonly limitations: readonly string[];
}
