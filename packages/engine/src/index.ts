/**
 * @trade/engine: one deterministic engine for backtest and live (layer L4).
 * The run loop (`Engine`, stepped minute by minute), the backtest runners, data preparation, timeframe
 * aggregation, hashes, artifacts, the HTML report and run verification.
 */
export * from './artifacts/csv';
export * from './artifacts/format';
export * from './artifacts/rows';
export * from './artifacts/write-run-folder';
export * from './backtest/run-backtest';
export * from './backtest/run-play';
export * from './backtest/run-window';
export { clearSyntheticCache } from './backtest/synthetic-cache';
export * from './errors';
export * from './hashes/data-hash';
export * from './hashes/run-hashes';
export * from './hashes/series-digest';
export * from './market/minute-bars';
export * from './report/report-html';
export * from './runtime/engine';
export * from './runtime/exchange-port';
export type { RunCounters, RunEvent } from './runtime/run-recorder';
export * from './timeframes/tf-bar-builder';
export * from './timeframes/tf-series';
export * from './verify/index';
