import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

/**
 * Runs a query whose every column is DOUBLE and copies the result straight into one `Float64Array` per
 * column (NULL → NaN). No row objects are built, so a year of 1m bars loads in well under a second.
 */
export async function readDoubleColumns(
  connection: DuckDBConnection,
  sql: string,
  params: Record<string, DuckDBValue>,
  columnCount: number,
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
      for (let i = 0; i < rows; i++) {
        const v = vector.getItem(i);
        target[offset + i] = typeof v === 'number' ? v : Number.NaN;
      }
    }
    offset += rows;
  }
  return { columns, length };
}
