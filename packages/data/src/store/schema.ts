/**
 * The schema of one data-env file (`data.md` §4). Version 1 is the whole table set; later versions append
 * migrations to `MIGRATIONS` and never edit earlier ones.
 *
 * One edit of version 1 was made before any store was in use: `candles` and `mark_candles` lost their
 * PRIMARY KEY clause (the ART index cost more than everything else in a bulk import); the single writer keeps
 * `(symbol, tf, ts)` unique instead (`store/upsert.ts`, docs/decisions.md). A file created before that edit
 * still carries the index; the merge works the same on it, only slower.
 */
export const SCHEMA_VERSION = 1;

/** Source precedence of `data.md` §4.3 as a SQL macro, so every merge applies the same rule. */
const SOURCE_RANK_MACRO = `CREATE OR REPLACE MACRO source_rank(s) AS
  CASE WHEN s LIKE 'synthetic:%' THEN 1 WHEN s LIKE 'derived:%' THEN 2 ELSE 3 END`;

const V1 = [
  `CREATE TABLE IF NOT EXISTS schema_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS candles (
    symbol VARCHAR NOT NULL, tf VARCHAR NOT NULL, ts BIGINT NOT NULL,
    open DOUBLE NOT NULL, high DOUBLE NOT NULL, low DOUBLE NOT NULL, close DOUBLE NOT NULL,
    volume DOUBLE NOT NULL, turnover DOUBLE, source VARCHAR NOT NULL, ingested_at BIGINT NOT NULL,
    CHECK (high >= low), CHECK (volume >= 0))`,
  `CREATE TABLE IF NOT EXISTS mark_candles (
    symbol VARCHAR NOT NULL, tf VARCHAR NOT NULL, ts BIGINT NOT NULL,
    open DOUBLE NOT NULL, high DOUBLE NOT NULL, low DOUBLE NOT NULL, close DOUBLE NOT NULL,
    source VARCHAR NOT NULL, ingested_at BIGINT NOT NULL, CHECK (high >= low))`,
  `CREATE TABLE IF NOT EXISTS funding (
    symbol VARCHAR NOT NULL, ts BIGINT NOT NULL, rate DOUBLE NOT NULL, interval_min INTEGER NOT NULL,
    source VARCHAR NOT NULL, ingested_at BIGINT NOT NULL, PRIMARY KEY (symbol, ts))`,
  `CREATE TABLE IF NOT EXISTS open_interest (
    symbol VARCHAR NOT NULL, interval VARCHAR NOT NULL, ts BIGINT NOT NULL, oi DOUBLE NOT NULL,
    source VARCHAR NOT NULL, ingested_at BIGINT NOT NULL, PRIMARY KEY (symbol, interval, ts))`,
  `CREATE TABLE IF NOT EXISTS instruments (
    symbol VARCHAR PRIMARY KEY, status VARCHAR, contract_type VARCHAR, base_coin VARCHAR, quote_coin VARCHAR,
    settle_coin VARCHAR, launch_time BIGINT, price_scale INTEGER, tick_size DOUBLE, min_price DOUBLE,
    max_price DOUBLE, qty_step DOUBLE, min_order_qty DOUBLE, max_order_qty DOUBLE, max_mkt_order_qty DOUBLE,
    post_only_max_qty DOUBLE, min_notional DOUBLE, min_leverage DOUBLE, max_leverage DOUBLE,
    leverage_step DOUBLE, funding_interval_min INTEGER, upper_funding_rate DOUBLE, lower_funding_rate DOUBLE,
    raw VARCHAR NOT NULL, source VARCHAR NOT NULL, fetched_at BIGINT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS risk_tiers (
    symbol VARCHAR NOT NULL, tier_id INTEGER NOT NULL, risk_limit_value DOUBLE NOT NULL, mmr DOUBLE NOT NULL,
    imr DOUBLE NOT NULL, mm_deduction DOUBLE NOT NULL, max_leverage DOUBLE NOT NULL,
    is_lowest_risk BOOLEAN NOT NULL, source VARCHAR NOT NULL, fetched_at BIGINT NOT NULL,
    PRIMARY KEY (symbol, tier_id))`,
  `CREATE TABLE IF NOT EXISTS sync_state (
    dataset VARCHAR NOT NULL, symbol VARCHAR NOT NULL, key VARCHAR NOT NULL, target_start BIGINT,
    target_end BIGINT, cursor BIGINT, first_ts BIGINT, last_ts BIGINT, row_count BIGINT, status VARCHAR,
    last_error VARCHAR, attempts INTEGER, launch_time BIGINT, updated_at BIGINT NOT NULL,
    PRIMARY KEY (dataset, symbol, key))`,
  `CREATE TABLE IF NOT EXISTS gaps (
    dataset VARCHAR NOT NULL, symbol VARCHAR NOT NULL, key VARCHAR NOT NULL, gap_start BIGINT NOT NULL,
    gap_end BIGINT NOT NULL, missing INTEGER NOT NULL, status VARCHAR NOT NULL, first_seen BIGINT NOT NULL,
    checked_at BIGINT NOT NULL, PRIMARY KEY (dataset, symbol, key, gap_start))`,
  `CREATE TABLE IF NOT EXISTS candles_rejected (
    symbol VARCHAR NOT NULL, tf VARCHAR NOT NULL, ts BIGINT NOT NULL, open DOUBLE, high DOUBLE, low DOUBLE,
    close DOUBLE, volume DOUBLE, reason VARCHAR NOT NULL, source VARCHAR NOT NULL, seen_at BIGINT NOT NULL,
    PRIMARY KEY (symbol, tf, ts, source))`,
  SOURCE_RANK_MACRO,
  `CREATE OR REPLACE MACRO tf_ms(tf) AS CASE tf
    WHEN '1m' THEN 60000 WHEN '3m' THEN 180000 WHEN '5m' THEN 300000 WHEN '15m' THEN 900000
    WHEN '30m' THEN 1800000 WHEN '1h' THEN 3600000 WHEN '2h' THEN 7200000 WHEN '4h' THEN 14400000
    WHEN '6h' THEN 21600000 WHEN '12h' THEN 43200000 WHEN 'D' THEN 86400000 END`,
  `CREATE OR REPLACE VIEW candles_v AS
    SELECT *, make_timestamp(ts * 1000) AS ts_utc FROM candles`,
  `CREATE OR REPLACE VIEW coverage_v AS
    WITH series AS (
      SELECT 'candles' AS dataset, symbol, tf AS key, ts, tf_ms(tf) AS step FROM candles
      UNION ALL SELECT 'mark', symbol, tf, ts, tf_ms(tf) FROM mark_candles
      UNION ALL SELECT 'funding', f.symbol, '-', f.ts, f.interval_min * 60000 FROM funding f
      UNION ALL SELECT 'oi', symbol, interval, ts,
        CASE interval WHEN '5min' THEN 300000 WHEN '15min' THEN 900000 WHEN '30min' THEN 1800000
          WHEN '1h' THEN 3600000 WHEN '4h' THEN 14400000 WHEN '1d' THEN 86400000 END FROM open_interest
    ), agg AS (
      SELECT dataset, symbol, key, min(ts) AS first_ts, max(ts) AS last_ts, count(*) AS rows,
        min(step) AS step FROM series GROUP BY ALL
    )
    SELECT a.dataset, a.symbol, a.key, a.first_ts, a.last_ts, a.rows,
      (a.last_ts - a.first_ts) // a.step + 1 AS expected_rows,
      (a.last_ts - a.first_ts) // a.step + 1 - a.rows AS missing,
      (SELECT count(*) FROM gaps g WHERE g.dataset = a.dataset AND g.symbol = a.symbol AND g.key = a.key
        AND g.status = 'open') AS open_gaps
    FROM agg a`,
];

export interface Migration {
  readonly version: number;
  readonly statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [{ version: 1, statements: V1 }];
