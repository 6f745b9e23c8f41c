import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { type ColumnType, type DatasetKind, stageTableName, TABLES } from './tables';

/** A row to stage: key and value columns by name, plus `source`. `null` stores SQL NULL. */
export type StageRow = Readonly<Record<string, string | number | boolean | null>>;

export interface MergeCounts {
  readonly inserted: number;
  readonly updated: number;
  /** Identical rows, and rows kept because the stored row has higher precedence. */
  readonly unchanged: number;
}

function stageColumns(kind: DatasetKind): (readonly [string, ColumnType])[] {
  const t = TABLES[kind];
  return [...t.key, ...t.values, ['source', 'VARCHAR'], ['seq', 'BIGINT']];
}

/** Connections that already hold each staging table (TEMP tables live as long as their connection). */
const STAGED = new WeakMap<DuckDBConnection, Set<DatasetKind>>();

/** A rolled-back transaction also rolls back staging tables it created; forget them so they are re-created. */
export function forgetStaging(connection: DuckDBConnection): void {
  STAGED.delete(connection);
}

/** Creates (once per connection) and empties the TEMP staging table of `kind`. */
export async function resetStage(connection: DuckDBConnection, kind: DatasetKind): Promise<void> {
  let kinds = STAGED.get(connection);
  if (kinds === undefined) {
    kinds = new Set();
    STAGED.set(connection, kinds);
  }
  if (!kinds.has(kind)) {
    const cols = stageColumns(kind)
      .map(([name, type]) => `"${name}" ${type}`)
      .join(', ');
    await connection.run(`CREATE TEMP TABLE IF NOT EXISTS ${stageTableName(kind)} (${cols})`);
    kinds.add(kind);
  }
  await connection.run(`DELETE FROM ${stageTableName(kind)}`);
}

function appendValue(appender: DuckDBAppender, type: ColumnType, value: unknown): void {
  if (value === null || value === undefined) {
    appender.appendNull();
    return;
  }
  switch (type) {
    case 'VARCHAR':
      appender.appendVarchar(String(value));
      return;
    case 'BIGINT':
      appender.appendBigInt(BigInt(value as number));
      return;
    case 'INTEGER':
      appender.appendInteger(value as number);
      return;
    case 'DOUBLE':
      appender.appendDouble(value as number);
      return;
    case 'BOOLEAN':
      appender.appendBoolean(value as boolean);
      return;
  }
}

/** Appends rows to the staging table with the DuckDB appender; `seq` keeps input order for "last row wins". */
export async function stageRows(
  connection: DuckDBConnection,
  kind: DatasetKind,
  rows: readonly StageRow[],
): Promise<void> {
  await resetStage(connection, kind);
  const columns = stageColumns(kind);
  const appender = await connection.createAppender(stageTableName(kind), 'main', 'temp');
  try {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      for (const [name, type] of columns) appendValue(appender, type, name === 'seq' ? i : row[name]);
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/**
 * The rows to merge: the staging table (or `relation`, a subquery with the staging columns), de-duplicated on
 * the key with the last row winning unless the caller guarantees unique keys.
 */
export interface MergeSource {
  readonly relation?: string;
  readonly uniqueKeys?: boolean;
  /**
   * The relation already yields its rows in key order (an import whose times were checked strictly ascending),
   * so the insert skips its sort; zone maps still see key-ordered row groups (`data.md` §4.2).
   */
  readonly keyOrdered?: boolean;
  /**
   * A SQL predicate on the target that every incoming key satisfies (e.g. one symbol, tf and time range): the
   * merge looks only at that slice of the table.
   */
  readonly within?: string;
  /** How many rows the relation yields, when its keys are unique: with an empty `within` slice, all are new. */
  readonly rows?: number;
}

function dedupedStage(kind: DatasetKind, from: MergeSource = {}): string {
  const relation = from.relation ?? stageTableName(kind);
  if (from.uniqueKeys === true) return `(SELECT * FROM ${relation})`;
  const keys = TABLES[kind].key.map(([k]) => `"${k}"`).join(', ');
  return `(SELECT * EXCLUDE (rn) FROM (SELECT *, row_number() OVER (PARTITION BY ${keys} ORDER BY seq DESC) AS rn
    FROM ${relation}) WHERE rn = 1)`;
}

function differs(kind: DatasetKind, left: string, right: string): string {
  return [...TABLES[kind].values.map(([v]) => v), 'source']
    .map((v) => `${left}."${v}" IS DISTINCT FROM ${right}."${v}"`)
    .join(' OR ');
}

function keyJoin(kind: DatasetKind, left: string, right: string): string {
  return TABLES[kind].key.map(([k]) => `${left}."${k}" = ${right}."${k}"`).join(' AND ');
}

/** Counts what a merge of the staged rows will do, before doing it. */
export async function countMerge(
  connection: DuckDBConnection,
  kind: DatasetKind,
  from: MergeSource = {},
): Promise<MergeCounts> {
  const t = TABLES[kind];
  const target = from.within === undefined ? t.table : `(SELECT * FROM ${t.table} WHERE ${from.within})`;
  if (from.within !== undefined && from.rows !== undefined && from.uniqueKeys === true) {
    const stored = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${target}`);
    if ((stored.getRowObjectsJS()[0] as { n: number }).n === 0) {
      return { inserted: from.rows, updated: 0, unchanged: 0 };
    }
  }
  const firstKey = `t."${t.key[0]![0]}"`;
  const wins = `source_rank(s.source) >= source_rank(t.source) AND (${differs(kind, 't', 's')})`;
  const reader = await connection.runAndReadAll(
    `SELECT count(*) FILTER (WHERE ${firstKey} IS NULL)::INTEGER AS inserted,
       count(*) FILTER (WHERE ${firstKey} IS NOT NULL AND ${wins})::INTEGER AS updated,
       count(*) FILTER (WHERE ${firstKey} IS NOT NULL AND NOT (${wins}))::INTEGER AS unchanged
     FROM ${dedupedStage(kind, from)} s LEFT JOIN ${target} t ON ${keyJoin(kind, 's', 't')}`,
  );
  const row = reader.getRowObjectsJS()[0] as { inserted: number; updated: number; unchanged: number };
  return { inserted: row.inserted, updated: row.updated, unchanged: row.unchanged };
}

/**
 * Merges the staged rows into the target: de-duplicated on the key (last staged row wins), sorted by key, and
 * applied only where the incoming source ranks at least as high as the stored one and something changed
 * (`data.md` §4.3). Returns the counts.
 *
 * Tables keyed by an index take one `INSERT … ON CONFLICT DO UPDATE`. Tables whose key the writer keeps
 * (`keyEnforcedBy: 'writer'`) take an `UPDATE … FROM` of the winning rows, then an `INSERT` of the keys not
 * stored yet (an anti-join, skipped when the count above found no stored key at all). The batch holds each key
 * once and every write runs under the writer's mutex inside one transaction, so no key is ever stored twice.
 */
export async function mergeStage(
  connection: DuckDBConnection,
  kind: DatasetKind,
  now: number = Date.now(),
  from: MergeSource = {},
): Promise<MergeCounts> {
  const counts = await countMerge(connection, kind, from);
  if (counts.inserted + counts.updated === 0) return counts;
  const t = TABLES[kind];
  const keys = t.key.map(([k]) => `"${k}"`);
  const values = t.values.map(([v]) => `"${v}"`);
  const all = [...keys, ...values, 'source'];
  const order = from.keyOrdered === true ? '' : ` ORDER BY ${keys.join(', ')}`;
  if (t.keyEnforcedBy === 'index') {
    const set = [...values, 'source', t.stampColumn].map((c) => `${c} = excluded.${c}`).join(', ');
    await connection.run(
      `INSERT INTO ${t.table} (${all.join(', ')}, ${t.stampColumn})
       SELECT ${all.join(', ')}, ${now}::BIGINT FROM ${dedupedStage(kind, from)}${order}
       ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${set}
       WHERE source_rank(excluded.source) >= source_rank(${t.table}.source) AND (${differs(kind, t.table, 'excluded')})`,
    );
    return counts;
  }
  if (counts.updated > 0) {
    const set = [...values, 'source'].map((c) => `${c} = s.${c}`);
    await connection.run(
      `UPDATE ${t.table} SET ${[...set, `${t.stampColumn} = ${now}::BIGINT`].join(', ')}
       FROM ${dedupedStage(kind, from)} s
       WHERE ${keyJoin(kind, t.table, 's')}
         AND source_rank(s.source) >= source_rank(${t.table}.source) AND (${differs(kind, t.table, 's')})`,
    );
  }
  if (counts.inserted > 0) {
    const fresh =
      counts.updated + counts.unchanged === 0
        ? ''
        : ` WHERE NOT EXISTS (SELECT 1 FROM ${t.table} t WHERE ${keyJoin(kind, 't', 's')})`;
    await connection.run(
      `INSERT INTO ${t.table} (${all.join(', ')}, ${t.stampColumn})
       SELECT ${all.map((c) => `s.${c}`).join(', ')}, ${now}::BIGINT FROM ${dedupedStage(kind, from)} s${fresh}${order}`,
    );
  }
  return counts;
}

/** Stages and merges `rows` in the caller's transaction. */
export async function upsertRows(
  connection: DuckDBConnection,
  kind: DatasetKind,
  rows: readonly StageRow[],
  now: number = Date.now(),
): Promise<MergeCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  await stageRows(connection, kind, rows);
  return mergeStage(connection, kind, now);
}
