import { BarValidationError } from '../errors';
import type { Bar1m } from '../types';

const MINUTE_MS = 60_000;

/** §3.2 bar rules; throws `BarValidationError` (nothing is processed). */
export function validateBar(bar: Bar1m, what: string): void {
  const { openTime, open, high, low, close } = bar;
  if (!Number.isFinite(openTime) || openTime % MINUTE_MS !== 0) {
    throw new BarValidationError(
      `${what} openTime ${openTime} is not a multiple of 60000 ms`,
      'pass bar open times in epoch ms on the minute grid',
    );
  }
  if (!(open > 0 && high > 0 && low > 0 && close > 0) || !Number.isFinite(high)) {
    throw new BarValidationError(
      `${what} at ${openTime} has a non-positive or non-finite price`,
      'prices must be finite and > 0',
    );
  }
  if (low > open || low > close || high < open || high < close) {
    throw new BarValidationError(
      `${what} at ${openTime}: low must be <= min(open, close) and high >= max(open, close)`,
      'check the OHLC columns',
    );
  }
}
