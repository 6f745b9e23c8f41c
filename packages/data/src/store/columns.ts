import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

/**
 * The vector's own Float64Array (a view on DuckDB's chunk memory), when this build of `@duckdb/node-api` keeps it
 * in the `items` field as 1.5.x does; undefined otherwise, and the caller falls back to `getItem`. Copying the
 * view with `set` is what makes a year of 1m bars load in a fraction of a second. NULL slots hold garbage, so
 * only columns without NULLs take this path.
 */
function rawDoubles(vector: unknown): Float64Array | undefined {
  const items = (vector as { items?: unknown }).items;
  return items instanceof Float64Array ? items : undefined;
}

/**
 * Runs a query whose every column is DOUBLE and copies the result straight into one `Float64Array` per
 * column (NULL → NaN). No row objects are built, so a year of 1m bars loads in well under a second.
 */
export async function readDoubleColumns(
  connection: DuckDBConnection,
  sql: string,
  params: Record<string, DuckDBValue>,
  columnCount: number,
  /** Indexes of columns that can hold no NULL (copied in bulk). */
  notNull: ReadonlySet<number> = new Set(),
): Promise<{ columns: Float64Array[]; length: number }> {
  const result = await connection.run(sql, params);
  const length = result.rowCount;
  const columns = Array.from({ length: columnCount }, () => new Float64Array(length));
  let offset = 0;
  for (let c = 0; c < result.chunkCount; c++) {
    const chunk = result.getChunk(c);
    const rows = chunk.rowCount;
    for (let k = 0; k < columnCount; k++) {
      const vector = chunk.getColumnVector(k);
      const target = columns[k]!;
      const raw = notNull.has(k) ? rawDoubles(vector) : undefined;
      if (raw !== undefined && raw.length === rows) {
        target.set(raw, offset);
        continue;
      }
      for (let i = 0; i < rows; i++) {
        const v = vector.getItem(i);
        target[offset + i] = typeof v === 'number' ? v : Number.NaN;
      }
    }
    offset += rows;
  }
  return { columns, length };
}
