/**
 * @trade/metrics (layer L1): every backtest result metric of metrics.md, computed from the equity curve, closed
 * trades, funding cash flows and the simulator's samples and counters.
 */
export * from './cagr';
export * from './compute-metrics';
export * from './consistency';
export * from './drawdown';
export * from './errors';
export * from './input';
export * from './metrics';
export { periodReturns } from './returns';
export * from './timeframe';
