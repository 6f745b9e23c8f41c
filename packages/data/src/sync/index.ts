export * from './bybit-client';
export * from './datasets';
export * from './market-data-client';
export { type Edge, edgeWindows, planEdges, type Window } from './plan';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
export * from './sync';
