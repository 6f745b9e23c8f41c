import { BYBIT_INTERVAL, isTimeframe, TIMEFRAMES, type Timeframe, timeframeAliasOf } from '@trade/core';
import { UnknownTimeframeError } from './errors';

/**
 * Bars per 365-day year (crypto trades 24/7). `W` and `M` are the calendar counts 52 and 12, not
 * 525,600 divided by their nominal minutes (metrics.md §3).
 */
export const BARS_PER_YEAR: Readonly<Record<Timeframe, number>> = {
  '1m': 525_600,
  '3m': 175_200,
  '5m': 105_120,
  '15m': 35_040,
  '30m': 17_520,
  '1h': 8_760,
  '2h': 4_380,
  '4h': 2_190,
  '6h': 1_460,
  '12h': 730,
  D: 365,
  W: 52,
  M: 12,
};

const FROM_INTERVAL: ReadonlyMap<string, Timeframe> = new Map(
  TIMEFRAMES.map((tf) => [BYBIT_INTERVAL[tf], tf] as const),
);

const ACCEPTED_SPELLINGS: readonly string[] = [...new Set([...TIMEFRAMES, ...FROM_INTERVAL.keys()])];

/**
 * The canonical timeframe for a canonical name (`1h`) or a Bybit interval code (`60`). Matching is exact and
 * case-sensitive; anything else (`1d`, `1D`, `d`, `7m`) throws `UnknownTimeframeError`. There is no lenient mode.
 */
export function normalizeTimeframe(tf: string): Timeframe {
  if (isTimeframe(tf)) return tf;
  const fromInterval = FROM_INTERVAL.get(tf);
  if (fromInterval !== undefined) return fromInterval;
  const meant = timeframeAliasOf(tf);
  const hint =
    meant === undefined
      ? `accepted timeframes: ${ACCEPTED_SPELLINGS.join(' ')}`
      : `write \`${meant}\`; accepted timeframes: ${ACCEPTED_SPELLINGS.join(' ')}`;
  throw new UnknownTimeframeError(tf, hint);
}

/** Bars per year of a timeframe in any accepted spelling; throws `UnknownTimeframeError` otherwise. */
export function barsPerYear(tf: string): number {
  return BARS_PER_YEAR[normalizeTimeframe(tf)];
}
