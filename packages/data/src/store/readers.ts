import { type Candles, floorToTf, type InstrumentSpec, type RiskTier, type Timeframe } from '@trade/core';
import { readDoubleColumns } from './columns';
import type { MarketStore } from './market-store';

/** `Candles` plus quote turnover (NaN where the source had none). */
export interface StoredCandles extends Candles {
  readonly turnover: Float64Array;
}

/** Mark-price bars have no volume column; `volume` is all zeros so they fit the `Candles` shape. */
export type MarkCandles = Candles;

export interface CandleQuery {
  readonly symbol: string;
  readonly tf: Timeframe;
  /** Inclusive; floored to the TF grid so a mid-bar start includes the containing bar. */
  readonly start?: number;
  /** Exclusive. */
  readonly end?: number;
  /** Keep only the newest `limit` bars of the range (still returned ascending). */
  readonly limit?: number;
}

function rangeSql(q: CandleQuery): { where: string; params: Record<string, string | number | bigint> } {
  const params: Record<string, string | number | bigint> = { symbol: q.symbol.toUpperCase(), tf: q.tf };
  let where = 'symbol = $symbol AND tf = $tf';
  if (q.start !== undefined) {
    where += ' AND ts >= $start';
    params.start = BigInt(floorToTf(q.start, q.tf));
  }
  if (q.end !== undefined) {
    where += ' AND ts < $end';
    params.end = BigInt(q.end);
  }
  return { where, params };
}

function limited(table: string, select: string, q: CandleQuery): string {
  const { where } = rangeSql(q);
  if (q.limit === undefined) return `SELECT ${select} FROM ${table} WHERE ${where} ORDER BY ts`;
  return `SELECT * FROM (SELECT ${select} FROM ${table} WHERE ${where} ORDER BY ts DESC LIMIT ${Math.max(0, Math.floor(q.limit))}) ORDER BY 1`;
}

/** Last-price candles of `data.md` §9, ascending, as Float64Array columns. */
export async function loadCandles(store: MarketStore, q: CandleQuery): Promise<StoredCandles> {
  const { params } = rangeSql(q);
  const sql = limited('candles', 'ts::DOUBLE AS ts, open, high, low, close, volume, turnover', q);
  const { columns, length } = await readDoubleColumns(
    await store.readerConnection(),
    sql,
    params,
    7,
    new Set([0, 1, 2, 3, 4, 5]),
  );
  const [ts, open, high, low, close, volume, turnover] = columns as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  return { ts, open, high, low, close, volume, turnover, length };
}

/** Mark-price candles, ascending; `volume` is zero-filled. */
export async function loadMarkCandles(store: MarketStore, q: CandleQuery): Promise<MarkCandles> {
  const { params } = rangeSql(q);
  const sql = limited('mark_candles', 'ts::DOUBLE AS ts, open, high, low, close', q);
  const { columns, length } = await readDoubleColumns(
    await store.readerConnection(),
    sql,
    params,
    5,
    new Set([0, 1, 2, 3, 4]),
  );
  const [ts, open, high, low, close] = columns as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  return { ts, open, high, low, close, volume: new Float64Array(length), length };
}

export interface FundingSeries {
  /** Settlement times (epoch ms). */
  readonly ts: Float64Array;
  /** Rate per interval, fraction. */
  readonly rate: Float64Array;
  readonly intervalMin: Float64Array;
  readonly length: number;
}

export interface TimeRangeQuery {
  readonly symbol: string;
  readonly start?: number;
  readonly end?: number;
}

function timeWhere(q: TimeRangeQuery): { where: string; params: Record<string, string | bigint> } {
  const params: Record<string, string | bigint> = { symbol: q.symbol.toUpperCase() };
  let where = 'symbol = $symbol';
  if (q.start !== undefined) {
    where += ' AND ts >= $start';
    params.start = BigInt(q.start);
  }
  if (q.end !== undefined) {
    where += ' AND ts < $end';
    params.end = BigInt(q.end);
  }
  return { where, params };
}

/** Funding settlements in `[start, end)`, ascending. */
export async function loadFunding(store: MarketStore, q: TimeRangeQuery): Promise<FundingSeries> {
  const { where, params } = timeWhere(q);
  const { columns, length } = await readDoubleColumns(
    await store.readerConnection(),
    `SELECT ts::DOUBLE, rate, interval_min::DOUBLE FROM funding WHERE ${where} ORDER BY ts`,
    params,
    3,
  );
  const [ts, rate, intervalMin] = columns as [Float64Array, Float64Array, Float64Array];
  return { ts, rate, intervalMin, length };
}

export interface OpenInterestSeries {
  readonly ts: Float64Array;
  readonly oi: Float64Array;
  readonly length: number;
}

/** Open interest at one interval (`5min` … `1d`) in `[start, end)`, ascending. */
export async function loadOpenInterest(
  store: MarketStore,
  q: TimeRangeQuery & { interval: string },
): Promise<OpenInterestSeries> {
  const { where, params } = timeWhere(q);
  const { columns, length } = await readDoubleColumns(
    await store.readerConnection(),
    `SELECT ts::DOUBLE, oi FROM open_interest WHERE ${where} AND interval = $interval ORDER BY ts`,
    { ...params, interval: q.interval },
    2,
  );
  const [ts, oi] = columns as [Float64Array, Float64Array];
  return { ts, oi, length };
}

/** One stored risk tier (`risk_tiers` row) in core's shape plus the stored extras. */
export interface StoredRiskTier extends RiskTier {
  readonly tierId: number;
  readonly initialMarginRate: number;
  readonly isLowestRisk: boolean;
  readonly source: string;
}

/** Risk tiers of `symbol` sorted by `risk_limit_value` (empty when none are stored). */
export async function loadRiskTiers(store: MarketStore, symbol: string): Promise<StoredRiskTier[]> {
  const rows = await store.query(
    `SELECT tier_id, risk_limit_value, mmr, imr, mm_deduction, max_leverage, is_lowest_risk, source
     FROM risk_tiers WHERE symbol = $symbol ORDER BY risk_limit_value, tier_id`,
    { symbol: symbol.toUpperCase() },
  );
  return rows.map((r) => ({
    tierId: Number(r.tier_id),
    riskLimitValue: Number(r.risk_limit_value),
    maintenanceMarginRate: Number(r.mmr),
    initialMarginRate: Number(r.imr),
    mmDeduction: Number(r.mm_deduction),
    maxLeverage: Number(r.max_leverage),
    isLowestRisk: r.is_lowest_risk === true,
    source: String(r.source),
  }));
}

/** A stored instrument: core's `InstrumentSpec` (risk tiers from `risk_tiers`) plus listing facts. */
export interface StoredInstrument extends InstrumentSpec {
  readonly status: string | null;
  /** Epoch ms; null when unknown. */
  readonly launchTime: number | null;
  readonly priceScale: number | null;
  readonly fetchedAt: number;
  readonly source: string;
}

function numOr(value: unknown, fallback: number): number {
  return value === null || value === undefined ? fallback : Number(value);
}

/** The stored instrument of `symbol`, or undefined when it was never synced or imported. */
export async function loadInstrument(
  store: MarketStore,
  symbol: string,
): Promise<StoredInstrument | undefined> {
  const rows = await store.query('SELECT * FROM instruments WHERE symbol = $symbol', {
    symbol: symbol.toUpperCase(),
  });
  const r = rows[0];
  if (r === undefined) return undefined;
  const riskTiers = await loadRiskTiers(store, symbol);
  return {
    symbol: String(r.symbol),
    status: r.status === null ? null : String(r.status),
    launchTime: r.launch_time === null ? null : Number(r.launch_time),
    priceScale: r.price_scale === null ? null : Number(r.price_scale),
    tickSize: numOr(r.tick_size, Number.NaN),
    minPrice: numOr(r.min_price, Number.NaN),
    maxPrice: numOr(r.max_price, Number.NaN),
    qtyStep: numOr(r.qty_step, Number.NaN),
    minOrderQty: numOr(r.min_order_qty, Number.NaN),
    maxOrderQty: numOr(r.max_order_qty, Number.NaN),
    maxMktOrderQty: numOr(r.max_mkt_order_qty, numOr(r.max_order_qty, Number.NaN)),
    minNotionalValue: numOr(r.min_notional, 0),
    minLeverage: numOr(r.min_leverage, 1),
    maxLeverage: numOr(r.max_leverage, Number.NaN),
    leverageStep: numOr(r.leverage_step, 0.01),
    fundingIntervalMin: numOr(r.funding_interval_min, 480),
    lowerFundingRate: numOr(r.lower_funding_rate, Number.NaN),
    upperFundingRate: numOr(r.upper_funding_rate, Number.NaN),
    riskTiers,
    fetchedAt: Number(r.fetched_at),
    source: String(r.source),
  };
}

export interface CoverageRow {
  readonly dataset: string;
  readonly symbol: string;
  readonly key: string;
  readonly firstTs: number;
  readonly lastTs: number;
  readonly rows: number;
  readonly expectedRows: number;
  readonly missing: number;
  readonly openGaps: number;
}

/** Rows of `coverage_v`, optionally filtered. */
export async function loadCoverage(
  store: MarketStore,
  filter: { dataset?: string; symbol?: string } = {},
): Promise<CoverageRow[]> {
  const params: Record<string, string> = {};
  const where: string[] = [];
  if (filter.dataset !== undefined) {
    where.push('dataset = $dataset');
    params.dataset = filter.dataset;
  }
  if (filter.symbol !== undefined) {
    where.push('symbol = $symbol');
    params.symbol = filter.symbol.toUpperCase();
  }
  const rows = await store.query(
    `SELECT * FROM coverage_v ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY dataset, symbol, key`,
    params,
  );
  return rows.map((r) => ({
    dataset: String(r.dataset),
    symbol: String(r.symbol),
    key: String(r.key),
    firstTs: Number(r.first_ts),
    lastTs: Number(r.last_ts),
    rows: Number(r.rows),
    expectedRows: Number(r.expected_rows),
    missing: Number(r.missing),
    openGaps: Number(r.open_gaps),
  }));
}
