import { TradeError } from './errors';

/**
 * Columnar OHLCV bars: one `Float64Array` per field, `ts` = bar open time in epoch ms (UTC).
 * Hot paths index these arrays directly; nothing allocates per bar.
 */
export interface Candles {
  readonly ts: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  readonly length: number;
}

export interface CandleRow {
  readonly ts: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export const CANDLE_COLUMNS = ['ts', 'open', 'high', 'low', 'close', 'volume'] as const;

export class CandleDataError extends TradeError {}

/** Fresh zero-filled candles with room for `length` bars. */
export function allocateCandles(length: number): Candles {
  return {
    ts: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
    length,
  };
}

export function candlesFromRows(rows: readonly CandleRow[]): Candles {
  const c = allocateCandles(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    c.ts[i] = r.ts;
    c.open[i] = r.open;
    c.high[i] = r.high;
    c.low[i] = r.low;
    c.close[i] = r.close;
    c.volume[i] = r.volume;
  }
  return c;
}

export function candleAt(c: Candles, i: number): CandleRow {
  return {
    ts: c.ts[i]!,
    open: c.open[i]!,
    high: c.high[i]!,
    low: c.low[i]!,
    close: c.close[i]!,
    volume: c.volume[i]!,
  };
}

/** Zero-copy view of bars `[start, end)`. */
export function sliceCandles(c: Candles, start: number, end: number = c.length): Candles {
  const s = Math.max(0, Math.min(start, c.length));
  const e = Math.max(s, Math.min(end, c.length));
  return {
    ts: c.ts.subarray(s, e),
    open: c.open.subarray(s, e),
    high: c.high.subarray(s, e),
    low: c.low.subarray(s, e),
    close: c.close.subarray(s, e),
    volume: c.volume.subarray(s, e),
    length: e - s,
  };
}

/** First index whose `ts >= t` (binary search; `ts` must be increasing). */
export function lowerBoundTs(c: Candles, t: number): number {
  let lo = 0;
  let hi = c.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (c.ts[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Zero-copy view of the bars with `fromTs <= ts < toTs`. */
export function sliceCandlesByTime(c: Candles, fromTs: number, toTs: number): Candles {
  return sliceCandles(c, lowerBoundTs(c, fromTs), lowerBoundTs(c, toTs));
}

/** Copies candles into fresh arrays (e.g. to own a slice). */
export function copyCandles(c: Candles): Candles {
  return {
    ts: c.ts.slice(),
    open: c.open.slice(),
    high: c.high.slice(),
    low: c.low.slice(),
    close: c.close.slice(),
    volume: c.volume.slice(),
    length: c.length,
  };
}

export interface CsvSource {
  /** Shown in error messages. */
  readonly file?: string;
}

/**
 * Parses `ts,open,high,low,close,volume` CSV text (header required, columns in any order, extra columns
 * ignored). Errors name the file, the line and the column; nothing is returned on error.
 */
export function parseCandlesCsv(text: string, source: CsvSource = {}): Candles {
  const file = source.file;
  const lines = text.split('\n');
  const header = (lines[0] ?? '')
    .replace(/\r$/, '')
    .replace(/^\uFEFF/, '')
    .split(',')
    .map((h) => h.trim());
  const index = CANDLE_COLUMNS.map((name) => header.indexOf(name));
  const missing = CANDLE_COLUMNS.filter((_, k) => index[k]! < 0);
  if (missing.length > 0) {
    throw new CandleDataError('E_CSV_COLUMNS', `missing column(s) ${missing.join(', ')} in CSV header`, {
      ...(file === undefined ? {} : { file }),
      line: 1,
      hint: `the header must name ${CANDLE_COLUMNS.join(',')} (ts = bar open time, epoch ms UTC)`,
    });
  }
  let count = 0;
  for (let l = 1; l < lines.length; l++) if (lines[l]!.trim() !== '') count++;
  const c = allocateCandles(count);
  const cols = [c.ts, c.open, c.high, c.low, c.close, c.volume];
  let row = 0;
  for (let l = 1; l < lines.length; l++) {
    const line = lines[l]!.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const cells = line.split(',');
    for (let k = 0; k < CANDLE_COLUMNS.length; k++) {
      const cell = cells[index[k]!];
      const value = cell === undefined || cell.trim() === '' ? Number.NaN : Number(cell);
      if (!Number.isFinite(value)) {
        throw new CandleDataError(
          'E_CSV_VALUE',
          `row ${row + 1} (line ${l + 1}): column '${CANDLE_COLUMNS[k]}' is not a finite number: '${cell ?? ''}'`,
          {
            ...(file === undefined ? {} : { file }),
            line: l + 1,
            row: row + 1,
            path: CANDLE_COLUMNS[k],
            hint: 'every cell must be a decimal number; fix or remove the row',
          },
        );
      }
      cols[k]![row] = value;
    }
    row++;
  }
  return c;
}

/** Serializes candles as CSV with the canonical header and shortest round-trip numbers. */
export function candlesToCsv(c: Candles): string {
  const parts: string[] = ['ts,open,high,low,close,volume\n'];
  for (let i = 0; i < c.length; i++) {
    parts.push(`${c.ts[i]},${c.open[i]},${c.high[i]},${c.low[i]},${c.close[i]},${c.volume[i]}\n`);
  }
  return parts.join('');
}

export type CandleIssueKind =
  | 'not_finite'
  | 'not_increasing'
  | 'duplicate_ts'
  | 'ohlc_inconsistent'
  | 'misaligned';

export interface CandleIssue {
  readonly kind: CandleIssueKind;
  /** 0-based bar index. */
  readonly index: number;
  readonly ts: number;
  readonly message: string;
}

export interface ValidateCandlesOptions {
  /** When given, every `ts` must be a multiple of it (e.g. 60000 for 1m). */
  readonly stepMs?: number;
  /** Stop after this many issues (default: all). */
  readonly maxIssues?: number;
}

/**
 * Checks finiteness, strictly increasing unique timestamps and OHLC consistency
 * (`low <= min(open, close) <= max(open, close) <= high`, volume >= 0). Each issue names its row.
 */
export function validateCandles(c: Candles, options: ValidateCandlesOptions = {}): CandleIssue[] {
  const issues: CandleIssue[] = [];
  const max = options.maxIssues ?? Number.POSITIVE_INFINITY;
  const add = (kind: CandleIssueKind, i: number, what: string) => {
    issues.push({ kind, index: i, ts: c.ts[i]!, message: `row ${i + 1} (ts ${c.ts[i]}): ${what}` });
  };
  for (let i = 0; i < c.length && issues.length < max; i++) {
    const ts = c.ts[i]!;
    const o = c.open[i]!;
    const h = c.high[i]!;
    const l = c.low[i]!;
    const cl = c.close[i]!;
    const v = c.volume[i]!;
    if (![ts, o, h, l, cl, v].every(Number.isFinite)) {
      add('not_finite', i, 'a value is NaN or infinite');
      continue;
    }
    if (i > 0) {
      const prev = c.ts[i - 1]!;
      if (ts === prev) add('duplicate_ts', i, `duplicate timestamp (same as row ${i})`);
      else if (ts < prev) add('not_increasing', i, `timestamp goes back in time (row ${i} is ${prev})`);
    }
    if (!(l <= Math.min(o, cl) && Math.max(o, cl) <= h && l <= h) || v < 0) {
      add('ohlc_inconsistent', i, `OHLCV inconsistent (o=${o} h=${h} l=${l} c=${cl} v=${v})`);
    }
    if (options.stepMs !== undefined && ts % options.stepMs !== 0) {
      add('misaligned', i, `timestamp is not a multiple of ${options.stepMs} ms`);
    }
  }
  return issues;
}

/** Throws `E_CANDLES_INVALID` naming the first bad row (and how many more there are). */
export function assertValidCandles(
  c: Candles,
  options: ValidateCandlesOptions & { file?: string } = {},
): void {
  const issues = validateCandles(c, options);
  if (issues.length === 0) return;
  const first = issues[0]!;
  throw new CandleDataError(
    'E_CANDLES_INVALID',
    `${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more issue(s))` : ''}`,
    {
      ...(options.file === undefined ? {} : { file: options.file }),
      row: first.index + 1,
      hint: 'bars must be finite, strictly increasing in ts, and satisfy low <= open/close <= high',
    },
  );
}
