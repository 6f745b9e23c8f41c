import type {
  Ack,
  Fill,
  FundingRecord,
  LedgerView,
  OrderRequest,
  OrderView,
  PositionView,
  SimEvent,
  Trade,
  TradingStopRequest,
} from '@trade/sim-exchange';

/**
 * The execution port the engine drives (style.md §5): `SimExchange` implements it for backtests, the live
 * adapter for Bybit. Every command arrives at the next 1m open; the logs are append-only, read by cursor.
 */
export interface ExchangePort {
  submitOrder(req: OrderRequest): Ack;
  cancelOrder(orderId: string, reason?: 'USER' | 'EXPIRED' | 'REPLACED'): Ack;
  setTradingStop(req: TradingStopRequest): Ack;
  closePosition(args?: { reason?: string; tag?: string }): Ack;
  stop(
    reason: 'end_of_data' | 'user_stopped' | 'max_drawdown_hit' | 'equity_floor_hit',
    options?: { closePosition?: boolean },
  ): Ack;
  readonly position: PositionView | null;
  /** Working orders, the position's TP/SL included (read once per entry fill). */
  readonly openOrders: readonly OrderView[];
  readonly ledger: LedgerView;
  readonly fills: readonly Fill[];
  readonly trades: readonly Trade[];
  readonly events: readonly SimEvent[];
  fundingRecords(): readonly FundingRecord[];
  readonly stopped: boolean;
}
