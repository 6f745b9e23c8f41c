import { TradeError } from './errors';

/**
 * Canonical timeframe names. `W` opens Monday 00:00 UTC and `M` on the 1st 00:00 UTC, as Bybit does;
 * every other timeframe opens on a multiple of its length since the epoch.
 */
export const TIMEFRAMES = [
  '1m',
  '3m',
  '5m',
  '15m',
  '30m',
  '1h',
  '2h',
  '4h',
  '6h',
  '12h',
  'D',
  'W',
  'M',
] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

/** Minutes per bar; `M` is calendar-based, so its entry is the nominal 30 days (see `tfCloseTime`). */
export const TF_MINUTES: Readonly<Record<Timeframe, number>> = {
  '1m': 1,
  '3m': 3,
  '5m': 5,
  '15m': 15,
  '30m': 30,
  '1h': 60,
  '2h': 120,
  '4h': 240,
  '6h': 360,
  '12h': 720,
  D: 1440,
  W: 10080,
  M: 43200,
};

/** Bybit V5 `interval` string for each timeframe. */
export const BYBIT_INTERVAL: Readonly<Record<Timeframe, string>> = {
  '1m': '1',
  '3m': '3',
  '5m': '5',
  '15m': '15',
  '30m': '30',
  '1h': '60',
  '2h': '120',
  '4h': '240',
  '6h': '360',
  '12h': '720',
  D: 'D',
  W: 'W',
  M: 'M',
};

export const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05 00:00 UTC was the first Monday after the epoch (a Thursday). */
const FIRST_MONDAY_MS = 4 * DAY_MS;

const TF_SET: ReadonlySet<string> = new Set(TIMEFRAMES);
const FROM_BYBIT: ReadonlyMap<string, Timeframe> = new Map(
  TIMEFRAMES.map((tf) => [BYBIT_INTERVAL[tf], tf] as const),
);

/** Spellings users often write, mapped to the canonical name they mean (used for hints and lenient parsing). */
const ALIASES: ReadonlyMap<string, Timeframe> = new Map<string, Timeframe>([
  ['1H', '1h'],
  ['2H', '2h'],
  ['4H', '4h'],
  ['6H', '6h'],
  ['12H', '12h'],
  ['d', 'D'],
  ['1d', 'D'],
  ['1D', 'D'],
  ['w', 'W'],
  ['1w', 'W'],
  ['1W', 'W'],
  ['1M', 'M'],
  ['1mo', 'M'],
]);

export function isTimeframe(value: string): value is Timeframe {
  return TF_SET.has(value);
}

export class TimeframeError extends TradeError {
  constructor(message: string, hint: string) {
    super('E_TF_INVALID', message, { hint });
  }
}

/** The canonical timeframe a (possibly aliased) spelling means, or undefined. Bybit intervals count as aliases. */
export function timeframeAliasOf(text: string): Timeframe | undefined {
  if (isTimeframe(text)) return text;
  return ALIASES.get(text) ?? FROM_BYBIT.get(text);
}

/**
 * Parses a canonical timeframe name. Anything else throws `E_TF_INVALID`; when the input is a known alias
 * (`1d`, `4H`, Bybit's `60`) the hint names the canonical spelling.
 */
export function parseTimeframe(text: string): Timeframe {
  if (isTimeframe(text)) return text;
  const alias = timeframeAliasOf(text);
  const hint =
    alias === undefined
      ? `valid timeframes: ${TIMEFRAMES.join(' ')}`
      : `did you mean \`${alias}\`? (valid timeframes: ${TIMEFRAMES.join(' ')})`;
  throw new TimeframeError(`'${text}' is not a timeframe`, hint);
}

/** Timeframe for a Bybit V5 `interval` string (`60` -> `1h`). */
export function timeframeFromBybitInterval(interval: string): Timeframe {
  const tf = FROM_BYBIT.get(interval);
  if (tf === undefined) {
    throw new TimeframeError(
      `'${interval}' is not a Bybit kline interval`,
      `valid intervals: ${[...FROM_BYBIT.keys()].join(' ')}`,
    );
  }
  return tf;
}

export function tfMinutes(tf: Timeframe): number {
  return TF_MINUTES[tf];
}

/** Fixed bar length in ms. Throws for `M`, whose length depends on the month (use `tfCloseTime`). */
export function tfDurationMs(tf: Timeframe): number {
  if (tf === 'M') {
    throw new TradeError('E_TF_CALENDAR', "timeframe 'M' has no fixed duration", {
      hint: 'use tfCloseTime(openTs, "M") for calendar months',
    });
  }
  return TF_MINUTES[tf] * MINUTE_MS;
}

/** Open time of the bar of `tf` that contains `ts` (UTC). */
export function floorToTf(ts: number, tf: Timeframe): number {
  if (tf === 'M') {
    const d = new Date(ts);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
  if (tf === 'W') return Math.floor((ts - FIRST_MONDAY_MS) / WEEK_MS) * WEEK_MS + FIRST_MONDAY_MS;
  const ms = TF_MINUTES[tf] * MINUTE_MS;
  return Math.floor(ts / ms) * ms;
}

/** Close time (= next bar's open) of the bar of `tf` that opens at `openTs`. */
export function tfCloseTime(openTs: number, tf: Timeframe): number {
  if (tf === 'M') {
    const d = new Date(openTs);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return openTs + tfDurationMs(tf);
}

/** True when `ts` is the open time of a `tf` bar. */
export function isTfAligned(ts: number, tf: Timeframe): boolean {
  return floorToTf(ts, tf) === ts;
}

/** Orders timeframes by bar length. */
export function compareTimeframes(a: Timeframe, b: Timeframe): number {
  return TF_MINUTES[a] - TF_MINUTES[b];
}
