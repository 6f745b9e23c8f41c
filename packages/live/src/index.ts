/** @trade/live: Paper, demo and live runner against Bybit: WebSocket bars, order path, safety guards, reconciliation. */
export const PACKAGE_NAME = '@trade/live';
