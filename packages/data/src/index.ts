/** @trade/data: DuckDB market-data store, CSV/Parquet import and export, gap heal, Bybit REST sync, and the seeded synthetic market generator. */
export * from './env';
export * from './errors';
export * from './io/index';
export * from './maintenance/index';
export * from './store/index';
export * from './sync/index';
export * from './synthetic/index';
