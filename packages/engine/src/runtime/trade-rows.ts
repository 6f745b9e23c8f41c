import type { Trade } from '@trade/sim-exchange';
import { isoTime } from '../artifacts/format';
import type { TradeRow } from '../artifacts/rows';
import type { StopCause } from './stop-maintenance';

/** What the engine knows about a position beyond the simulator's `Trade` (`engine.md` §11.4). */
export interface TradeContext {
  readonly symbol: string;
  readonly entryOrderType: 'market' | 'limit' | 'stop' | 'stop_limit';
  readonly entryLiquidity: 'maker' | 'taker';
  readonly entryBarIndex: number;
  readonly initialMarginUsdt: number | null;
  readonly liquidationPrice: number | null;
  readonly initialSl: number | null;
  readonly initialTp: number | null;
  readonly entrySignal: string | null;
  readonly entryMetadata: string | null;
  readonly tpLegsFilled: number;
  readonly finalSl: number | null;
  /** Cause of the last SL move, which names an SL exit (`sl`, `trailing_sl`, `break_even_sl`). */
  readonly lastStopCause: StopCause | null;
  readonly exitBarIndex: number;
  readonly exitSignal: string | null;
  readonly exitMetadata: string | null;
  readonly exitFills: number;
  readonly durationBars: number;
  /** Exit instant: the close time of the final fill's bar for forced closes, else the fill bar's open. */
  readonly exitTsMs: number | null;
}

export type ExitReason =
  | 'sl'
  | 'trailing_sl'
  | 'break_even_sl'
  | 'tp'
  | 'signal'
  | 'flip'
  | 'liquidation'
  | 'max_drawdown'
  | 'end_of_data';

/** Maps the simulator's exit reason and tag to the trades.csv vocabulary (`engine.md` §11.4). */
export function exitReasonOf(trade: Trade, lastStopCause: StopCause | null): ExitReason {
  switch (trade.exitReason) {
    case 'sl':
      return lastStopCause === 'trailing'
        ? 'trailing_sl'
        : lastStopCause === 'break_even' || trade.slMovedToBreakEven
          ? 'break_even_sl'
          : 'sl';
    case 'trailing':
      return 'trailing_sl';
    case 'tp':
      return 'tp';
    case 'flip':
      return 'flip';
    case 'liquidation':
      return 'liquidation';
    case 'max_drawdown':
    case 'equity_floor':
      return 'max_drawdown';
    case 'end_of_data':
      return 'end_of_data';
    default:
      // Plain orders: the engine's tag says what closed the trade (a resting Limit TP leg is tagged `tp`).
      return trade.exitTag === 'flip' ? 'flip' : trade.exitTag === 'tp' ? 'tp' : 'signal';
  }
}

/** One trades.csv row from a closed simulator trade and the engine's context for it. */
export function tradeRow(trade: Trade, ctx: TradeContext): TradeRow {
  const exitTs = ctx.exitTsMs ?? Number.NaN;
  return {
    trade_id: trade.tradeId,
    symbol: ctx.symbol,
    side: trade.side,
    entry_time: isoTime(trade.openTime),
    entry_ts_ms: trade.openTime,
    entry_bar_index: ctx.entryBarIndex,
    entry_order_type: ctx.entryOrderType,
    entry_liquidity: ctx.entryLiquidity,
    entry_price: trade.avgEntryPrice,
    qty: trade.entryQty,
    entry_notional_usdt: trade.entryNotional,
    leverage: trade.leverage,
    initial_margin_usdt: ctx.initialMarginUsdt,
    liquidation_price: ctx.liquidationPrice,
    initial_sl: ctx.initialSl,
    initial_tp: ctx.initialTp,
    exit_time: Number.isNaN(exitTs) ? null : isoTime(exitTs),
    exit_ts_ms: Number.isNaN(exitTs) ? null : exitTs,
    exit_bar_index: ctx.exitBarIndex,
    exit_reason: exitReasonOf(trade, ctx.lastStopCause),
    exit_price: trade.avgExitPrice,
    exit_fills: ctx.exitFills,
    tp_legs_filled: ctx.tpLegsFilled,
    final_sl: ctx.finalSl,
    realized_pnl_usdt: trade.realizedPnl,
    entry_fee_usdt: trade.entryFees,
    exit_fees_usdt: trade.exitFees,
    fees_usdt: trade.fees,
    net_pnl_usdt: trade.netPnl,
    pnl_pct: (trade.netPnl / trade.entryNotional) * 100,
    roi_pct: ctx.initialMarginUsdt ? (trade.netPnl / ctx.initialMarginUsdt) * 100 : null,
    funding_usdt: trade.fundingPnl,
    duration_bars: ctx.durationBars,
    duration_minutes: Number.isNaN(exitTs) ? null : (exitTs - trade.openTime) / 60_000,
    mae_pct: trade.maePct,
    mfe_pct: trade.mfePct,
    entry_signal: ctx.entrySignal,
    exit_signal: ctx.exitSignal,
    entry_metadata: ctx.entryMetadata,
    exit_metadata: ctx.exitMetadata,
  };
}
