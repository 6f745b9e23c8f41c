/** @trade/indicators: The 44 technical indicators of indicators.md: one incremental O(1) implementation each, equal to TA-Lib, plus batch `computeSeries` built on it. */
export const PACKAGE_NAME = '@trade/indicators';
