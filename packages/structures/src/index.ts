/**
 * @trade/structures: causal, incremental market-structure detectors (structures.md). One implementation per
 * detector, stepped bar by bar in backtest and live; no output ever depends on a later bar.
 */
export * from './detector';
export * from './detectors/breaker-block';
export * from './detectors/derived-zone';
export * from './detectors/displacement';
export * from './detectors/fair-value-gap';
export * from './detectors/fibonacci';
export * from './detectors/liquidity-zones';
export * from './detectors/market-structure';
export * from './detectors/order-block';
export * from './detectors/premium-discount';
export * from './detectors/rolling-window';
export * from './detectors/swing';
export * from './detectors/trend';
export * from './detectors/zone';
export * from './errors';
export * from './fields';
export { fmt8, roundHalfEven } from './format';
export { derivedZoneInstanceId, pairAnchorHash } from './hashes';
export * from './meta';
export type { ParamWarning } from './params';
export * from './registry';
export * from './series';
