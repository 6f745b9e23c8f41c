import { mkdirSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { floorToTf, type Timeframe } from '@trade/core';
import { DataError } from '../errors';
import type { MarketStore } from '../store/market-store';
import { parseOiInterval } from '../sync/datasets';
import type { ImportKind } from './import-types';
import { sqlString } from './sql-text';

export interface ExportOptions {
  readonly kind: ImportKind;
  readonly symbol: string;
  readonly tf?: Timeframe;
  readonly interval?: string;
  readonly start?: number;
  readonly end?: number;
  readonly out: string;
  /** Default from the file extension (`.parquet` → parquet), else csv. */
  readonly format?: 'csv' | 'parquet';
  /** `ms` (default) or `iso` (`YYYY-MM-DDTHH:MM:SS.sssZ`, CSV only). */
  readonly ts?: 'ms' | 'iso';
}

export interface ExportReport {
  readonly file: string;
  readonly kind: ImportKind;
  readonly symbol: string;
  readonly format: 'csv' | 'parquet';
  readonly rows: number;
  readonly first_ts: number | null;
  readonly last_ts: number | null;
}

/**
 * Writes one series to CSV or Parquet through DuckDB `COPY` (`data.md` §8.3). Columns: candles
 * `ts,open,high,low,close,volume,turnover`; mark `ts,open,high,low,close`; funding `ts,rate,interval_min`;
 * OI `ts,interval,oi`; risk tiers `tier,risk_limit_value,max_leverage,mmr,mm_deduction,imr`. Importing the
 * file back reproduces identical rows.
 */
export async function exportSeries(store: MarketStore, options: ExportOptions): Promise<ExportReport> {
  const symbol = options.symbol.toUpperCase();
  const file = resolve(options.out);
  const format = options.format ?? (extname(file).toLowerCase() === '.parquet' ? 'parquet' : 'csv');
  const iso = options.ts === 'iso' && format === 'csv';
  const tsOut = iso ? `strftime(make_timestamp(ts * 1000), '%Y-%m-%dT%H:%M:%S.%gZ') AS ts` : 'ts';
  const where: string[] = [`symbol = ${sqlString(symbol)}`];
  const tf = options.tf ?? '1m';
  let select: string;
  let table: string;
  switch (options.kind) {
    case 'candles':
      table = 'candles';
      where.push(`tf = ${sqlString(tf)}`);
      select = `${tsOut}, open, high, low, close, volume, turnover`;
      break;
    case 'mark':
      table = 'mark_candles';
      where.push(`tf = ${sqlString(tf)}`);
      select = `${tsOut}, open, high, low, close`;
      break;
    case 'funding':
      table = 'funding';
      select = `${tsOut}, rate, interval_min`;
      break;
    case 'oi':
      table = 'open_interest';
      where.push(`interval = ${sqlString(parseOiInterval(options.interval ?? '1h').key)}`);
      select = `${tsOut}, interval, oi`;
      break;
    case 'risk_tiers':
      table = 'risk_tiers';
      select = 'tier_id AS tier, risk_limit_value, max_leverage, mmr, mm_deduction, imr';
      break;
  }
  if (options.kind !== 'risk_tiers') {
    if (options.start !== undefined) {
      const start =
        options.kind === 'candles' || options.kind === 'mark' ? floorToTf(options.start, tf) : options.start;
      where.push(`ts >= ${Math.floor(start)}`);
    }
    if (options.end !== undefined) where.push(`ts < ${Math.floor(options.end)}`);
  }
  const orderBy = options.kind === 'risk_tiers' ? 'risk_limit_value, tier_id' : 'ts';
  const query = `SELECT ${select} FROM ${table} WHERE ${where.join(' AND ')} ORDER BY ${orderBy}`;
  const summary = await store.query(
    `SELECT count(*)::INTEGER AS n, ${options.kind === 'risk_tiers' ? 'NULL' : 'min(ts)::DOUBLE'} AS first_ts,
       ${options.kind === 'risk_tiers' ? 'NULL' : 'max(ts)::DOUBLE'} AS last_ts FROM ${table} WHERE ${where.join(' AND ')}`,
  );
  mkdirSync(dirname(file), { recursive: true });
  const copyOptions =
    format === 'parquet' ? '(FORMAT parquet, COMPRESSION zstd)' : '(FORMAT csv, HEADER true)';
  try {
    const connection = await store.readerConnection();
    await connection.run(`COPY (${query}) TO ${sqlString(file)} ${copyOptions}`);
  } catch (e) {
    throw new DataError('E_EXPORT_FILE', `cannot write ${file}: ${(e as Error).message.split('\n')[0]}`, {
      file,
      cause: e,
      hint: 'check that the output directory is writable',
    });
  }
  const s = summary[0]!;
  return {
    file,
    kind: options.kind,
    symbol,
    format,
    rows: Number(s.n),
    first_ts: s.first_ts === null ? null : Number(s.first_ts),
    last_ts: s.last_ts === null ? null : Number(s.last_ts),
  };
}
