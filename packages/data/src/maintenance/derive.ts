import { type Timeframe, tfDurationMs } from '@trade/core';
import { DataError } from '../errors';
import { sqlString } from '../io/sql-text';
import type { MarketStore } from '../store/market-store';
import { type MergeCounts, mergeStage } from '../store/upsert';

/**
 * SQL of `from` candles aggregated into `to` buckets, complete buckets only (every constituent bar present):
 * open = first open, high = max, low = min, close = last close, volume and turnover = sums (turnover NULL when
 * any constituent has none). Columns: symbol, tf, ts, open, high, low, close, volume, turnover.
 */
export function aggregateCandlesSql(q: {
  symbol: string;
  from: Timeframe;
  to: Timeframe;
  start?: number;
  end?: number;
}): string {
  const fromMs = tfDurationMs(q.from);
  const toMs = tfDurationMs(q.to);
  const range = `${q.start === undefined ? '' : ` AND ts >= ${Math.floor(q.start / toMs) * toMs}`}${q.end === undefined ? '' : ` AND ts < ${Math.floor(q.end)}`}`;
  return `SELECT symbol, ${sqlString(q.to)} AS tf, (ts // ${toMs}) * ${toMs} AS ts,
      arg_min(open, ts) AS open, max(high) AS high, min(low) AS low, arg_max(close, ts) AS close,
      sum(volume) AS volume, CASE WHEN count(turnover) = count(*) THEN sum(turnover) END AS turnover
    FROM candles WHERE symbol = ${sqlString(q.symbol)} AND tf = ${sqlString(q.from)}${range}
    GROUP BY symbol, (ts // ${toMs}) * ${toMs} HAVING count(*) = ${toMs / fromMs}`;
}

export interface DeriveReport {
  readonly symbol: string;
  readonly from: Timeframe;
  readonly to: readonly (MergeCounts & { tf: Timeframe })[];
}

/**
 * `data.md` §8.1: derives higher timeframes from stored `from` candles with `source = derived:<from>`, merged
 * under the precedence rule, so real rows are never replaced and later real rows replace derived ones.
 */
export async function deriveCandles(
  store: MarketStore,
  q: { symbol: string; from: Timeframe; to: readonly Timeframe[]; start?: number; end?: number },
): Promise<DeriveReport> {
  const symbol = q.symbol.toUpperCase();
  const fromMs = tfDurationMs(q.from);
  const results: (MergeCounts & { tf: Timeframe })[] = [];
  for (const to of q.to) {
    const toMs = to === 'W' || to === 'M' ? Number.NaN : tfDurationMs(to);
    if (!(toMs > fromMs) || toMs % fromMs !== 0) {
      throw new DataError('E_DATA_ARGUMENT', `cannot derive ${to} from ${q.from}`, {
        hint: `the target must be a stored timeframe that is a multiple of ${q.from} (e.g. 1m → 5m, 1h, D)`,
      });
    }
    const relation = `(SELECT symbol, tf, ts, open, high, low, close, volume, turnover, ${sqlString(`derived:${q.from}`)} AS source, ts AS seq
      FROM (${aggregateCandlesSql({ symbol, from: q.from, to, ...(q.start === undefined ? {} : { start: q.start }), ...(q.end === undefined ? {} : { end: q.end }) })}))`;
    const counts = await store.transaction((c) =>
      mergeStage(c, 'candles', Date.now(), { relation, uniqueKeys: true }),
    );
    results.push({ tf: to, ...counts });
  }
  await store.checkpoint();
  return { symbol, from: q.from, to: results };
}
