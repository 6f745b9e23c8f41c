/**
 * @trade/engine: one deterministic engine for backtest and live (layer L4).
 * This release holds the data preparation, timeframe aggregation, hashes and artifact writers the run loop is
 * built on; the run loop itself lands with issue #8.
 */
export * from './artifacts/csv';
export * from './artifacts/format';
export * from './artifacts/rows';
export * from './artifacts/write-run-folder';
export * from './errors';
export * from './hashes/data-hash';
export * from './hashes/run-hashes';
export * from './hashes/series-digest';
export * from './market/minute-bars';
export * from './report/report-html';
export * from './timeframes/tf-bar-builder';
export * from './timeframes/tf-series';
