import type { DuckDBConnection } from '@duckdb/node-api';
import type { MarketStore } from '../store/market-store';
import type { SeriesDataset } from './datasets';

/** Where a series lives: table plus the filter selecting one (symbol, key). */
export function seriesFilter(
  dataset: SeriesDataset,
  symbol: string,
  key: string,
): { table: string; where: string; params: Record<string, string> } {
  switch (dataset) {
    case 'candles':
      return { table: 'candles', where: 'symbol = $symbol AND tf = $key', params: { symbol, key } };
    case 'mark':
      return { table: 'mark_candles', where: 'symbol = $symbol AND tf = $key', params: { symbol, key } };
    case 'funding':
      return { table: 'funding', where: 'symbol = $symbol', params: { symbol } };
    case 'oi':
      return {
        table: 'open_interest',
        where: 'symbol = $symbol AND interval = $key',
        params: { symbol, key },
      };
  }
}

export interface SeriesCoverage {
  readonly first: number | undefined;
  readonly last: number | undefined;
  readonly rows: number;
}

const coverageSql = (table: string, where: string) =>
  `SELECT min(ts)::DOUBLE AS first, max(ts)::DOUBLE AS last, count(*)::DOUBLE AS rows FROM ${table} WHERE ${where}`;

function toCoverage(row: Record<string, unknown> | undefined): SeriesCoverage {
  const first = row?.first;
  const last = row?.last;
  return {
    first: typeof first === 'number' ? first : undefined,
    last: typeof last === 'number' ? last : undefined,
    rows: Number(row?.rows ?? 0),
  };
}

/** First/last stored ts (any source) and row count of one series. */
export async function seriesCoverage(
  store: MarketStore,
  dataset: SeriesDataset,
  symbol: string,
  key: string,
): Promise<SeriesCoverage> {
  const f = seriesFilter(dataset, symbol, key);
  const rows = await store.query(coverageSql(f.table, f.where), f.params);
  return toCoverage(rows[0]);
}

/** Same, inside a write transaction (sees the transaction's own rows). */
export async function seriesCoverageIn(
  connection: DuckDBConnection,
  dataset: SeriesDataset,
  symbol: string,
  key: string,
): Promise<SeriesCoverage> {
  const f = seriesFilter(dataset, symbol, key);
  const reader = await connection.runAndReadAll(coverageSql(f.table, f.where), f.params);
  return toCoverage(reader.getRowObjectsJS()[0] as Record<string, unknown> | undefined);
}

/** Stored timestamps of one series in `[start, end]`, ascending (for gap detection). */
export async function seriesTimestamps(
  store: MarketStore,
  dataset: SeriesDataset,
  symbol: string,
  key: string,
  range: { start?: number; end?: number } = {},
): Promise<Float64Array> {
  const f = seriesFilter(dataset, symbol, key);
  const params: Record<string, string | bigint> = { ...f.params };
  let where = f.where;
  if (range.start !== undefined) {
    where += ' AND ts >= $start';
    params.start = BigInt(range.start);
  }
  if (range.end !== undefined) {
    where += ' AND ts <= $end';
    params.end = BigInt(range.end);
  }
  const connection = await store.readerConnection();
  const result = await connection.run(`SELECT ts::DOUBLE FROM ${f.table} WHERE ${where} ORDER BY ts`, params);
  const out = new Float64Array(result.rowCount);
  let offset = 0;
  for (let c = 0; c < result.chunkCount; c++) {
    const chunk = result.getChunk(c);
    const vector = chunk.getColumnVector(0);
    for (let i = 0; i < chunk.rowCount; i++) out[offset + i] = vector.getItem(i) as number;
    offset += chunk.rowCount;
  }
  return out;
}
