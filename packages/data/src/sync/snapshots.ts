import type { DuckDBConnection } from '@duckdb/node-api';
import type { StageRow } from '../store/upsert';
import { upsertRows } from '../store/upsert';
import type { InstrumentInfo, RiskTierInfo } from './market-data-client';

/** Stores one instrument (`instruments` row, `raw` = the response object as JSON). */
export async function upsertInstrument(
  connection: DuckDBConnection,
  info: InstrumentInfo,
  source = 'bybit',
): Promise<void> {
  const row: StageRow = {
    symbol: info.symbol,
    status: info.status,
    contract_type: info.contractType,
    base_coin: info.baseCoin,
    quote_coin: info.quoteCoin,
    settle_coin: info.settleCoin,
    launch_time: Number.isFinite(info.launchTime) ? info.launchTime : null,
    price_scale: Number.isFinite(info.priceScale) ? info.priceScale : null,
    tick_size: info.tickSize,
    min_price: info.minPrice,
    max_price: info.maxPrice,
    qty_step: info.qtyStep,
    min_order_qty: info.minOrderQty,
    max_order_qty: info.maxOrderQty,
    max_mkt_order_qty: info.maxMktOrderQty,
    post_only_max_qty: info.postOnlyMaxQty,
    min_notional: info.minNotional,
    min_leverage: info.minLeverage,
    max_leverage: info.maxLeverage,
    leverage_step: info.leverageStep,
    funding_interval_min: Number.isFinite(info.fundingIntervalMin) ? info.fundingIntervalMin : null,
    upper_funding_rate: info.upperFundingRate,
    lower_funding_rate: info.lowerFundingRate,
    raw: JSON.stringify(info.raw),
    source,
  };
  await upsertRows(connection, 'instruments', [row]);
}

/**
 * Replaces the stored tiers of a symbol: tiers no longer listed are deleted, the rest upserted (never a
 * delete and re-insert of the same key in one transaction, `data.md` §4.3).
 */
export async function replaceRiskTiers(
  connection: DuckDBConnection,
  symbol: string,
  tiers: readonly RiskTierInfo[],
  source = 'bybit',
): Promise<number> {
  const ids = tiers.map((t) => t.tierId);
  await connection.run(
    `DELETE FROM risk_tiers WHERE symbol = $symbol${ids.length > 0 ? ` AND tier_id NOT IN (${ids.map((id) => Math.trunc(id)).join(', ')})` : ''}`,
    { symbol },
  );
  const counts = await upsertRows(
    connection,
    'risk_tiers',
    tiers.map((t) => ({
      symbol,
      tier_id: t.tierId,
      risk_limit_value: t.riskLimitValue,
      mmr: t.mmr,
      imr: t.imr,
      mm_deduction: t.mmDeduction,
      max_leverage: t.maxLeverage,
      is_lowest_risk: t.isLowestRisk,
      source,
    })),
  );
  return counts.inserted + counts.updated;
}

/** Rows refused at write go to `candles_rejected` (mark bars under `tf = mark:<tf>`). */
export async function insertRejected(
  connection: DuckDBConnection,
  rows: readonly StageRow[],
  tfLabel: (tf: string) => string = (tf) => tf,
): Promise<void> {
  const now = BigInt(Date.now());
  for (const r of rows) {
    await connection.run(
      `INSERT INTO candles_rejected VALUES ($symbol, $tf, $ts, $open, $high, $low, $close, $volume, $reason, $source, $now)
       ON CONFLICT (symbol, tf, ts, source) DO UPDATE SET open = excluded.open, high = excluded.high,
         low = excluded.low, close = excluded.close, volume = excluded.volume, reason = excluded.reason,
         seen_at = excluded.seen_at`,
      {
        symbol: String(r.symbol),
        tf: tfLabel(String(r.tf)),
        ts: BigInt(r.ts as number),
        open: (r.open as number | null) ?? null,
        high: (r.high as number | null) ?? null,
        low: (r.low as number | null) ?? null,
        close: (r.close as number | null) ?? null,
        volume: (r.volume as number | null) ?? null,
        reason: String(r.reason),
        source: String(r.source),
        now,
      },
    );
  }
}
