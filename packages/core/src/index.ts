/**
 * @trade/core: the shared building blocks of TRADE (layer L0). No dependency inside the workspace.
 */
export * from './candles';
export * from './canonical-json';
export * from './credentials';
export * from './digest-writer';
export * from './domain';
export * from './errors';
export * from './exit-codes';
export * from './hash';
export * from './instrument';
export * from './prng';
export * from './rollup';
export * from './shared-dir';
export * from './suggest';
export * from './timeframe';
export * from './timeframe-roles';
