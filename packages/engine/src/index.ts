/** @trade/engine: One deterministic engine for backtest and live, the backtest runner, hashes and run artifacts. */
export const PACKAGE_NAME = '@trade/engine';
