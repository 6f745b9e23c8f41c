/** Column order of trades.csv (`engine.md` §11.4). */
export const TRADE_COLUMNS = [
  'trade_id',
  'symbol',
  'side',
  'entry_time',
  'entry_ts_ms',
  'entry_bar_index',
  'entry_order_type',
  'entry_liquidity',
  'entry_price',
  'qty',
  'entry_notional_usdt',
  'leverage',
  'initial_margin_usdt',
  'liquidation_price',
  'initial_sl',
  'initial_tp',
  'exit_time',
  'exit_ts_ms',
  'exit_bar_index',
  'exit_reason',
  'exit_price',
  'exit_fills',
  'tp_legs_filled',
  'final_sl',
  'realized_pnl_usdt',
  'entry_fee_usdt',
  'exit_fees_usdt',
  'fees_usdt',
  'net_pnl_usdt',
  'pnl_pct',
  'roi_pct',
  'funding_usdt',
  'duration_bars',
  'duration_minutes',
  'mae_pct',
  'mfe_pct',
  'entry_signal',
  'exit_signal',
  'entry_metadata',
  'exit_metadata',
] as const;

export type TradeColumn = (typeof TRADE_COLUMNS)[number];
/** One trades.csv row as a typed object (numbers as numbers, empty as null). */
export type TradeRow = { readonly [K in TradeColumn]: string | number | null };

/** Column order of equity.csv (`engine.md` §11.5). */
export const EQUITY_COLUMNS = [
  'row',
  'ts_ms',
  'time',
  'kind',
  'close',
  'mark',
  'position_side',
  'position_qty',
  'wallet_usdt',
  'upnl_usdt',
  'equity_usdt',
  'peak_equity_usdt',
  'drawdown_pct',
  'fees_cum_usdt',
  'funding_cum_usdt',
] as const;

export type EquityColumn = (typeof EQUITY_COLUMNS)[number];
export type EquityRow = { readonly [K in EquityColumn]: string | number | null };

/** The cells of a typed row in column order, for `toCsv`. */
export function rowCells<C extends string>(
  columns: readonly C[],
  row: { readonly [K in C]: string | number | null },
) {
  return columns.map((c) => row[c]);
}
