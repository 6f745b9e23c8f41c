/**
 * Column layout of every merged table: key columns, value columns and the time column stamped on write.
 * One description drives staging, de-duplication, counting and the precedence merge (`data.md` §4.3).
 */
export type DatasetKind = 'candles' | 'mark' | 'funding' | 'oi' | 'risk_tiers' | 'instruments';

export type ColumnType = 'VARCHAR' | 'BIGINT' | 'DOUBLE' | 'INTEGER' | 'BOOLEAN';

export interface TableLayout {
  readonly table: string;
  readonly key: readonly (readonly [string, ColumnType])[];
  readonly values: readonly (readonly [string, ColumnType])[];
  readonly stampColumn: 'ingested_at' | 'fetched_at';
  /**
   * Who keeps the key unique. `index`: a PRIMARY KEY (DuckDB ART index), merged with `INSERT … ON CONFLICT`.
   * `writer`: no index; the single writer merges with an `UPDATE … FROM` plus an anti-join `INSERT` of the
   * de-duplicated batch, so a key is never inserted twice (the 1m series, where maintaining the ART index cost
   * more than the rest of a bulk import; see docs/decisions.md).
   */
  readonly keyEnforcedBy: 'index' | 'writer';
}

export const TABLES: Readonly<Record<DatasetKind, TableLayout>> = {
  candles: {
    table: 'candles',
    key: [
      ['symbol', 'VARCHAR'],
      ['tf', 'VARCHAR'],
      ['ts', 'BIGINT'],
    ],
    values: [
      ['open', 'DOUBLE'],
      ['high', 'DOUBLE'],
      ['low', 'DOUBLE'],
      ['close', 'DOUBLE'],
      ['volume', 'DOUBLE'],
      ['turnover', 'DOUBLE'],
    ],
    stampColumn: 'ingested_at',
    keyEnforcedBy: 'writer',
  },
  mark: {
    table: 'mark_candles',
    key: [
      ['symbol', 'VARCHAR'],
      ['tf', 'VARCHAR'],
      ['ts', 'BIGINT'],
    ],
    values: [
      ['open', 'DOUBLE'],
      ['high', 'DOUBLE'],
      ['low', 'DOUBLE'],
      ['close', 'DOUBLE'],
    ],
    stampColumn: 'ingested_at',
    keyEnforcedBy: 'writer',
  },
  funding: {
    table: 'funding',
    key: [
      ['symbol', 'VARCHAR'],
      ['ts', 'BIGINT'],
    ],
    values: [
      ['rate', 'DOUBLE'],
      ['interval_min', 'INTEGER'],
    ],
    stampColumn: 'ingested_at',
    keyEnforcedBy: 'index',
  },
  oi: {
    table: 'open_interest',
    key: [
      ['symbol', 'VARCHAR'],
      ['interval', 'VARCHAR'],
      ['ts', 'BIGINT'],
    ],
    values: [['oi', 'DOUBLE']],
    stampColumn: 'ingested_at',
    keyEnforcedBy: 'index',
  },
  risk_tiers: {
    table: 'risk_tiers',
    key: [
      ['symbol', 'VARCHAR'],
      ['tier_id', 'INTEGER'],
    ],
    values: [
      ['risk_limit_value', 'DOUBLE'],
      ['mmr', 'DOUBLE'],
      ['imr', 'DOUBLE'],
      ['mm_deduction', 'DOUBLE'],
      ['max_leverage', 'DOUBLE'],
      ['is_lowest_risk', 'BOOLEAN'],
    ],
    stampColumn: 'fetched_at',
    keyEnforcedBy: 'index',
  },
  instruments: {
    table: 'instruments',
    key: [['symbol', 'VARCHAR']],
    values: [
      ['status', 'VARCHAR'],
      ['contract_type', 'VARCHAR'],
      ['base_coin', 'VARCHAR'],
      ['quote_coin', 'VARCHAR'],
      ['settle_coin', 'VARCHAR'],
      ['launch_time', 'BIGINT'],
      ['price_scale', 'INTEGER'],
      ['tick_size', 'DOUBLE'],
      ['min_price', 'DOUBLE'],
      ['max_price', 'DOUBLE'],
      ['qty_step', 'DOUBLE'],
      ['min_order_qty', 'DOUBLE'],
      ['max_order_qty', 'DOUBLE'],
      ['max_mkt_order_qty', 'DOUBLE'],
      ['post_only_max_qty', 'DOUBLE'],
      ['min_notional', 'DOUBLE'],
      ['min_leverage', 'DOUBLE'],
      ['max_leverage', 'DOUBLE'],
      ['leverage_step', 'DOUBLE'],
      ['funding_interval_min', 'INTEGER'],
      ['upper_funding_rate', 'DOUBLE'],
      ['lower_funding_rate', 'DOUBLE'],
      ['raw', 'VARCHAR'],
    ],
    stampColumn: 'fetched_at',
    keyEnforcedBy: 'index',
  },
};

export function stageTableName(kind: DatasetKind): string {
  return `stage_${kind}`;
}
