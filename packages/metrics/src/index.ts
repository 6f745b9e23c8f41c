/** @trade/metrics: Performance metrics of metrics.md computed from trades, equity curve and funding records. */
export const PACKAGE_NAME = '@trade/metrics';
