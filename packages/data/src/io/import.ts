import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, openSync, readSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { type Timeframe, tfDurationMs } from '@trade/core';
import { DataError } from '../errors';
import type { MarketStore } from '../store/market-store';
import { loadInstrument } from '../store/readers';
import { TABLES } from '../store/tables';
import { mergeStage } from '../store/upsert';
import { parseOiInterval } from '../sync/datasets';
import { findTimeColumn, KIND_COLUMNS, matchColumns } from './import-columns';
import type { ImportKind, ImportOptions, ImportReport } from './import-types';
import { sqlIdent, sqlString } from './sql-text';

const MAX_REJECTION_LINES = 20;
const HOUR_MS = 3_600_000;
const SNAP_MS = 1000;

type Row = Record<string, unknown>;

/** Drops a temp table or view of that name, whichever it is (a funding import leaves a table behind). */
async function dropTemp(c: DuckDBConnection, name: string): Promise<void> {
  for (const kind of ['VIEW', 'TABLE']) await c.run(`DROP ${kind} IF EXISTS ${name}`).catch(() => undefined);
}

/** SHA-256 (hex) of a file's bytes, streamed. */
function fileSha256(file: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolvePromise(hash.digest('hex')));
  });
}

async function all(c: DuckDBConnection, sql: string): Promise<Row[]> {
  return (await c.runAndReadAll(sql)).getRowObjectsJS() as Row[];
}

function formatError(
  file: string,
  message: string,
  details: { row?: number; path?: string; hint: string },
): DataError {
  return new DataError('E_IMPORT_FORMAT', message, {
    file,
    ...(details.row === undefined ? { line: 1 } : { row: details.row, line: details.row + 1 }),
    ...(details.path === undefined ? {} : { path: details.path }),
    hint: details.hint,
  });
}

function detectFormat(file: string, format: ImportOptions['format']): 'csv' | 'parquet' {
  if (format === 'csv' || format === 'parquet') return format;
  const ext = extname(file).toLowerCase();
  return ext === '.parquet' || ext === '.pq' ? 'parquet' : 'csv';
}

/** SQL turning the raw time cell into epoch ms (`data.md` §8.2 step 3). */
function timeExpr(col: string, unit: ImportOptions['tsUnit'], isNumeric: boolean): string {
  const text = `TRY_CAST(${col} AS VARCHAR)`;
  const num = isNumeric ? `CAST(${col} AS DOUBLE)` : `TRY_CAST(${text} AS DOUBLE)`;
  const iso = `epoch_ms(TRY_CAST(${text} AS TIMESTAMPTZ))::DOUBLE`;
  switch (unit ?? 'auto') {
    case 'ms':
      return num;
    case 's':
      return `${num} * 1000`;
    case 'iso':
      return iso;
    default:
      return `CASE WHEN ${num} IS NOT NULL THEN (CASE WHEN abs(${num}) >= 1e11 THEN ${num}
        WHEN abs(${num}) >= 1e8 THEN ${num} * 1000 ELSE ${num} END) ELSE ${iso} END`;
  }
}

interface KindPlan {
  readonly key: string | undefined;
  readonly stepMs: number | undefined;
}

/** A header of plain names (no quotes, no BOM) and a cell that is a plain decimal number. */
const PLAIN_HEADER = /^[A-Za-z_][A-Za-z0-9_ ]*(,[A-Za-z_][A-Za-z0-9_ ]*)*$/;
const PLAIN_NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const PEEK_BYTES = 1 << 16;

/**
 * The column names of a comma-separated file whose header is plain names and whose first data row is all plain
 * numbers (what exchanges and our own export write), else undefined. Such a file is read with explicit DOUBLE
 * columns, which skips DuckDB's sniffer (about a fifth of the read); a later row that does not fit makes that
 * read fail, and the sniffing readers take over.
 */
function plainNumericHeader(file: string): string[] | undefined {
  const fd = openSync(file, 'r');
  let text: string;
  try {
    const buf = Buffer.alloc(PEEK_BYTES);
    text = buf.toString('latin1', 0, readSync(fd, buf, 0, PEEK_BYTES, 0));
  } finally {
    closeSync(fd);
  }
  const [header, first] = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (header === undefined || first === undefined || !PLAIN_HEADER.test(header)) return undefined;
  const names = header.split(',');
  const cells = first.split(',');
  if (cells.length !== names.length || !cells.every((v) => PLAIN_NUMBER.test(v))) return undefined;
  if (new Set(names.map((n) => n.toLowerCase())).size !== names.length) return undefined;
  return names;
}

const NUMERIC_TYPES =
  /^(DOUBLE|FLOAT|REAL|BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|UBIGINT|UINTEGER|DECIMAL.*)$/;

/**
 * Loads the file into TEMP `import_raw` with a row number. CSV is read with explicit DOUBLE columns when it
 * looks plain (`plainNumericHeader`), else with detected column types; a file DuckDB cannot type that way (a
 * stray word in a number column) is re-read as text so the checks below can name the offending row.
 */
async function readRaw(
  c: DuckDBConnection,
  file: string,
  format: 'csv' | 'parquet',
): Promise<{ header: string[]; numeric: Set<string> }> {
  const plain = format === 'csv' ? plainNumericHeader(file) : undefined;
  const readers =
    format === 'parquet'
      ? [`read_parquet(${sqlString(file)})`]
      : [
          ...(plain === undefined
            ? []
            : [
                `read_csv(${sqlString(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
                  columns = {${plain.map((n) => `${sqlString(n)}: 'DOUBLE'`).join(', ')}})`,
              ]),
          `read_csv(${sqlString(file)}, header = true, auto_detect = true)`,
          `read_csv(${sqlString(file)}, header = true, all_varchar = true, auto_detect = true)`,
        ];
  let lastError: unknown;
  for (const reader of readers) {
    try {
      await c.run(
        `CREATE OR REPLACE TEMP TABLE import_raw AS SELECT row_number() OVER () AS __rn, * FROM ${reader}`,
      );
      const cols = await all(c, 'DESCRIBE import_raw');
      const named = cols.filter((r) => r.column_name !== '__rn');
      return {
        header: named.map((r) => String(r.column_name)),
        numeric: new Set(
          named.filter((r) => NUMERIC_TYPES.test(String(r.column_type))).map((r) => String(r.column_name)),
        ),
      };
    } catch (e) {
      lastError = e;
    }
  }
  throw new DataError(
    'E_IMPORT_FORMAT',
    `cannot read ${file} as ${format}: ${(lastError as Error).message.split('\n')[0]}`,
    {
      file,
      cause: lastError,
      hint:
        format === 'csv' ? 'the file must be CSV with one header line' : 'the file must be a Parquet file',
    },
  );
}

/**
 * Imports a CSV or Parquet file (`data.md` §8.2) in ONE transaction: broken files (missing column,
 * unparseable time, NaN or empty number, timestamps going back, duplicate timestamps without `dedupe: last`)
 * fail with `E_IMPORT_FORMAT` naming the row and nothing is written; rows that parse but break an invariant
 * (off-grid, OHLC, negative volume) are rejected and reported, or fail the import under `strict`.
 */
export async function importFile(store: MarketStore, options: ImportOptions): Promise<ImportReport> {
  const file = resolve(options.file);
  if (!existsSync(file)) {
    throw new DataError('E_IMPORT_FILE', `no such file: ${file}`, { file, hint: 'check the path' });
  }
  const kind: ImportKind = options.kind;
  const symbol = options.symbol.toUpperCase();
  const source = options.source ?? `import:${basename(file)}`;
  const tf: Timeframe = options.tf ?? '1m';
  const oi = kind === 'oi' ? parseOiInterval(options.interval ?? '1h') : undefined;
  const plan: KindPlan =
    kind === 'candles' || kind === 'mark'
      ? { key: tf, stepMs: tfDurationMs(tf) }
      : kind === 'oi'
        ? { key: oi!.key, stepMs: oi!.ms }
        : { key: undefined, stepMs: undefined };
  const instrumentInterval = (await loadInstrument(store, symbol))?.fundingIntervalMin ?? 480;
  const format = detectFormat(file, options.format);
  const warnings: { code: string; message: string }[] = [];
  // Hashed on the side while DuckDB parses the file (a second core, when there is one).
  const checksum = fileSha256(file);
  checksum.catch(() => undefined);

  // The raw read runs before the transaction: a typed read that fails on a later row is retried as text, and
  // a failed statement inside the transaction would abort it.
  let raw: { header: string[]; numeric: Set<string> } | undefined;
  return store.transaction(
    async (c) => {
      const header = raw!;
      const rules = KIND_COLUMNS[kind];
      const { found, missing } = matchColumns(header.header, rules);
      const tsCol = kind === 'risk_tiers' ? undefined : findTimeColumn(header.header, options.tsColumn);
      if (kind !== 'risk_tiers' && tsCol === undefined)
        missing.unshift(options.tsColumn ?? 'ts (or timestamp, start, time, …)');
      if (missing.length > 0) {
        throw formatError(
          file,
          `missing column(s) ${missing.join(', ')} in the header of ${basename(file)}`,
          {
            hint: `the ${kind} header needs ${rules
              .filter((r) => r.required)
              .map((r) => r.name)
              .join(', ')}${kind === 'risk_tiers' ? '' : ' and a time column'}`,
          },
        );
      }

      // 1. Typed view of the file, one row per data row (`rn` = 1-based data row, line = rn + 1).
      const numeric = Object.entries(found).map(([name, col]) =>
        header.numeric.has(col)
          ? `CAST(${sqlIdent(col)} AS DOUBLE) AS ${sqlIdent(name)}`
          : `TRY_CAST(${sqlIdent(col)} AS DOUBLE) AS ${sqlIdent(name)}`,
      );
      const tsIsText = tsCol !== undefined && !header.numeric.has(tsCol);
      let tsSql = 'NULL::DOUBLE';
      if (tsCol !== undefined) {
        tsSql = timeExpr(sqlIdent(tsCol), options.tsUnit, !tsIsText);
        if (options.shiftHours !== undefined) tsSql = `(${tsSql}) + ${options.shiftHours * HOUR_MS}`;
        if (options.tsIs === 'close' && plan.stepMs !== undefined) tsSql = `(${tsSql}) - ${plan.stepMs}`;
      }
      // A view: the typed columns are computed while scanning, not materialised a second time (1M-row budget).
      await dropTemp(c, 'import_typed');
      await c.run(`CREATE OR REPLACE TEMP VIEW import_typed AS SELECT __rn AS rn, ${tsSql} AS ts_d, ${numeric.join(', ')}
      FROM import_raw`);
      const rowsRead = Number((await all(c, 'SELECT count(*)::INTEGER AS n FROM import_typed'))[0]!.n);
      /** The cell as written in the file (error messages only). */
      const rawCell = async (rn: number, col: string): Promise<string> =>
        String(
          (
            await all(
              c,
              `SELECT TRY_CAST(${sqlIdent(col)} AS VARCHAR) AS v FROM import_raw WHERE __rn = ${rn}`,
            )
          )[0]?.v ?? '',
        );

      // 2. File-level errors: the first offending row wins (one scan for every column).
      const checks: { name: string; col: string; sql: string }[] = [];
      if (tsCol !== undefined)
        checks.push({ name: 'ts', col: tsCol, sql: 'ts_d IS NULL OR NOT isfinite(ts_d)' });
      for (const [name, col] of Object.entries(found)) {
        const required = rules.find((r) => r.name === name)!.required;
        const v = sqlIdent(name);
        // An optional column may be empty; a non-empty cell that is not a number is still an error.
        const missingValue = required
          ? `${v} IS NULL`
          : `(${v} IS NULL AND rn IN (SELECT __rn FROM import_raw WHERE trim(TRY_CAST(${sqlIdent(col)} AS VARCHAR)) <> ''))`;
        checks.push({ name, col, sql: `${missingValue} OR NOT isfinite(${v})` });
      }
      const firstBad = (
        await all(
          c,
          `SELECT ${checks.map((k, i) => `min(rn) FILTER (WHERE ${k.sql})::INTEGER AS c${i}`).join(', ')} FROM import_typed`,
        )
      )[0]!;
      const offenders = checks
        .map((k, i) => ({ ...k, rn: firstBad[`c${i}`] as number | null }))
        .filter((k): k is typeof k & { rn: number } => k.rn !== null)
        .sort((a, b) => a.rn - b.rn);
      const bad = offenders[0];
      if (bad !== undefined) {
        const raw = await rawCell(bad.rn, bad.col);
        throw formatError(
          file,
          bad.name === 'ts'
            ? `row ${bad.rn} (line ${bad.rn + 1}): '${raw}' in column '${bad.col}' is not a time`
            : `row ${bad.rn} (line ${bad.rn + 1}): column '${bad.col}' is not a finite number: '${raw}'`,
          {
            row: bad.rn,
            path: bad.col,
            hint:
              bad.name === 'ts'
                ? 'times must be epoch ms, epoch seconds or ISO-8601 (use --ts-unit / --ts-col when detection fails)'
                : 'every cell must be a decimal number; fix or remove the row',
          },
        );
      }
      // Order: `lag() OVER ()` streams in scan order without sorting 1M rows; `lag(rn)` proves that order is
      // the file's (every row follows the row numbered one less), else the check re-runs sorted by row number.
      const ordered = kind === 'risk_tiers' ? 'tier_id' : 'ts_d';
      const orderBreaks = async (over: string) =>
        (
          await all(
            c,
            `SELECT count(*) FILTER (WHERE rn > 1 AND prn IS DISTINCT FROM rn - 1)::INTEGER AS scrambled,
             min(rn) FILTER (WHERE cur < prev OR (cur = prev AND ${options.dedupe !== 'last'}))::INTEGER AS first
           FROM (SELECT rn, ${ordered} AS cur, lag(${ordered}) OVER (${over}) AS prev, lag(rn) OVER (${over}) AS prn
             FROM import_typed)`,
          )
        )[0]!;
      let breaks = await orderBreaks('');
      if (Number(breaks.scrambled) > 0) breaks = await orderBreaks('ORDER BY rn');
      if (breaks.first !== null) {
        const rn = Number(breaks.first);
        const pair = await all(
          c,
          `SELECT rn::INTEGER AS rn, ${ordered}::DOUBLE AS v FROM import_typed WHERE rn IN (${rn - 1}, ${rn})`,
        );
        const cur = pair.find((p) => Number(p.rn) === rn)!.v;
        const prev = pair.find((p) => Number(p.rn) === rn - 1)!.v;
        const dup = cur === prev;
        throw formatError(
          file,
          `row ${rn} (line ${rn + 1}): ${kind === 'risk_tiers' ? 'tier' : 'timestamp'} ${cur} ${dup ? 'repeats the previous row' : `goes back in time (previous row is ${prev})`}`,
          {
            row: rn,
            hint: dup
              ? 'remove the duplicate, or pass --dedupe last to keep the last row'
              : 'rows must be in ascending time order',
          },
        );
      }

      // 3. Row invariants → rejection reasons; funding snapping and the local-time export check.
      let tsFinal = 'CAST(round(ts_d) AS BIGINT)';
      let reason = 'NULL';
      let snapped = 0;
      if (kind === 'candles' || kind === 'mark') {
        const vol = kind === 'candles' ? " WHEN volume < 0 THEN 'negative_volume'" : '';
        reason = `CASE WHEN (round(ts_d)::BIGINT % ${plan.stepMs}) <> 0 THEN 'misaligned'
        WHEN NOT (low <= least(open, close) AND greatest(open, close) <= high) THEN 'ohlc'${vol} END`;
      } else if (kind === 'oi') {
        reason = `CASE WHEN (round(ts_d)::BIGINT % ${plan.stepMs}) <> 0 THEN 'misaligned' END`;
      } else if (kind === 'funding') {
        const intervalMin =
          found.interval_min !== undefined
            ? 'CAST(interval_min AS INTEGER)'
            : found.interval_hours !== undefined
              ? 'CAST(round(interval_hours * 60) AS INTEGER)'
              : String(instrumentInterval);
        await c.run(`CREATE OR REPLACE TEMP TABLE import_funding AS SELECT *, ${intervalMin} AS imin,
        ((round(ts_d)::BIGINT % (${intervalMin} * 60000)) + (${intervalMin} * 60000)) % (${intervalMin} * 60000) AS off
        FROM import_typed`);
        await c.run('DROP VIEW import_typed');
        await c.run('ALTER TABLE import_funding RENAME TO import_typed');
        const grid = 'imin * 60000';
        const offGridHours = await all(
          c,
          `SELECT rn::INTEGER AS rn, off::DOUBLE AS off FROM import_typed WHERE off > ${SNAP_MS} AND off < ${grid} - ${SNAP_MS} AND off % ${HOUR_MS} = 0 ORDER BY rn LIMIT 1`,
        );
        if (
          offGridHours[0] !== undefined &&
          options.allowOffgrid !== true &&
          options.shiftHours === undefined
        ) {
          const hours = Number(offGridHours[0].off) / HOUR_MS;
          throw formatError(
            file,
            `row ${offGridHours[0].rn}: funding timestamp is ${hours} h off the settlement grid (a local-time export?)`,
            {
              row: Number(offGridHours[0].rn),
              hint: `pass --shift-hours -${hours} if the file is in UTC+${hours}, or --allow-offgrid to keep the times as they are`,
            },
          );
        }
        snapped = Number(
          (
            await all(
              c,
              `SELECT count(*)::INTEGER AS n FROM import_typed WHERE off <> 0 AND (off <= ${SNAP_MS} OR off >= ${grid} - ${SNAP_MS})`,
            )
          )[0]!.n,
        );
        tsFinal = `CASE WHEN off <= ${SNAP_MS} OR off >= ${grid} - ${SNAP_MS} THEN CAST(round(ts_d / (${grid})) * (${grid}) AS BIGINT) ELSE CAST(round(ts_d) AS BIGINT) END`;
        reason =
          options.allowOffgrid === true
            ? 'NULL'
            : `CASE WHEN off > ${SNAP_MS} AND off < ${grid} - ${SNAP_MS} THEN 'misaligned' END`;
      }
      if (tsCol !== undefined && tsIsText) {
        const rawTs = `TRY_CAST(${sqlIdent(tsCol)} AS VARCHAR)`;
        const naive = await all(
          c,
          `SELECT count(*)::INTEGER AS n FROM ${
            // Typed reading may already have turned the column into timestamps; the offsets live in the text.
            format === 'csv'
              ? `read_csv(${sqlString(file)}, header = true, all_varchar = true)`
              : 'import_raw'
          } WHERE TRY_CAST(${rawTs} AS DOUBLE) IS NULL
           AND NOT regexp_matches(${rawTs}, '([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)$')`,
        );
        if (Number(naive[0]!.n) > 0) {
          warnings.push({
            code: 'W_IMPORT_NAIVE_TS',
            message: `${naive[0]!.n} time value(s) without a zone offset were read as UTC`,
          });
        }
      }
      // A view, not a table: each of the few scans below recomputes ts and reason, cheaper than writing 1M rows.
      await dropTemp(c, 'import_checked');
      await c.run(
        `CREATE TEMP VIEW import_checked AS SELECT *, ${tsFinal} AS ts, ${reason} AS reason FROM import_typed`,
      );

      // One scan: rejections per reason, and the range of the accepted rows (the NULL reason).
      const byReason = await all(
        c,
        `SELECT reason, count(*)::INTEGER AS n, min(rn)::INTEGER AS first, min(ts)::DOUBLE AS first_ts,
         max(ts)::DOUBLE AS last_ts FROM import_checked GROUP BY reason ORDER BY first`,
      );
      const rejectedRows = byReason.filter((r) => r.reason !== null);
      const rejected: Record<string, number> = {};
      for (const r of rejectedRows) rejected[String(r.reason)] = Number(r.n);
      const firstRejections =
        rejectedRows.length === 0
          ? []
          : (
              await all(
                c,
                `SELECT rn::INTEGER AS rn, reason, ts::DOUBLE AS ts FROM import_checked WHERE reason IS NOT NULL ORDER BY rn LIMIT ${MAX_REJECTION_LINES}`,
              )
            ).map((r) => `row ${r.rn} (line ${Number(r.rn) + 1}, ts ${r.ts}): ${r.reason}`);
      if (options.strict === true && firstRejections.length > 0) {
        const first = rejectedRows[0]!;
        throw new DataError(
          'E_IMPORT_REJECTED',
          `${firstRejections[0]}${firstRejections.length > 1 ? ` (and ${Object.values(rejected).reduce((a, b) => a + b, 0) - 1} more)` : ''}`,
          {
            file,
            row: Number(first.first),
            line: Number(first.first) + 1,
            hint: 'fix the rows, or import without --strict to skip them (they are listed in the report)',
          },
        );
      }

      // 4. Range of the accepted rows; the checksum is the SHA-256 of the file's bytes (see README, Decisions).
      const s = byReason.find((r) => r.reason === null) ?? { n: 0, first_ts: null, last_ts: null };
      const base = {
        file,
        kind,
        symbol,
        ...(kind === 'candles' || kind === 'mark' ? { tf } : {}),
        ...(kind === 'oi' ? { interval: plan.key! } : {}),
        source,
        rows_read: rowsRead,
        rejected,
        first_rejections: firstRejections,
        first_ts: s.first_ts === null ? null : Number(s.first_ts),
        last_ts: s.last_ts === null ? null : Number(s.last_ts),
        checksum: await checksum,
        snapped,
        warnings,
        dry_run: options.dryRun === true,
      };
      if (options.dryRun === true) return { ...base, inserted: 0, updated: 0, unchanged: 0 };

      // 5. Stage and merge with precedence (one statement), rejected bars to candles_rejected.
      const columns: Record<ImportKind, string> = {
        candles: `${sqlString(symbol)}, ${sqlString(tf)}, ts, open, high, low, close, volume, ${found.turnover === undefined ? 'NULL::DOUBLE' : 'turnover'}`,
        mark: `${sqlString(symbol)}, ${sqlString(tf)}, ts, open, high, low, close`,
        funding: `${sqlString(symbol)}, ts, rate, imin`,
        oi: `${sqlString(symbol)}, ${sqlString(plan.key ?? '')}, ts, oi`,
        risk_tiers: `${sqlString(symbol)}, CAST(tier_id AS INTEGER), risk_limit_value, mmr, ${found.imr === undefined ? '1.0 / max_leverage' : 'imr'}, mm_deduction, max_leverage, CAST(tier_id AS INTEGER) = 1`,
      };
      const stageNames = [...TABLES[kind].key, ...TABLES[kind].values].map(([n]) => sqlIdent(n));
      const relation = `(SELECT ${columns[kind]}, ${sqlString(source)}, rn FROM import_checked WHERE reason IS NULL)
      AS staged(${[...stageNames, 'source', 'seq'].join(', ')})`;
      // Duplicate times were refused above, so the key is unique unless --dedupe last or funding snapping merged two.
      // Unique keys also come in key order: symbol (and tf or interval) are constant and times strictly ascend.
      const uniqueKeys = options.dedupe !== 'last' && kind !== 'funding';
      // Every accepted row lies in this slice of the target; an empty slice needs no join to count the merge.
      const keyPrefix: Partial<Record<ImportKind, string>> = {
        candles: `"symbol" = ${sqlString(symbol)} AND "tf" = ${sqlString(tf)}`,
        mark: `"symbol" = ${sqlString(symbol)} AND "tf" = ${sqlString(tf)}`,
        oi: `"symbol" = ${sqlString(symbol)} AND "interval" = ${sqlString(plan.key ?? '')}`,
        funding: `"symbol" = ${sqlString(symbol)}`,
      };
      const within =
        keyPrefix[kind] === undefined || s.first_ts === null
          ? undefined
          : `${keyPrefix[kind]} AND "ts" BETWEEN ${Number(s.first_ts)} AND ${Number(s.last_ts)}`;
      const counts = await mergeStage(c, kind, Date.now(), {
        relation,
        uniqueKeys,
        keyOrdered: uniqueKeys,
        ...(within === undefined ? {} : { within }),
        ...(uniqueKeys ? { rows: Number(s.n) } : {}),
      });
      if ((kind === 'candles' || kind === 'mark') && firstRejections.length > 0) {
        await c.run(
          `INSERT INTO candles_rejected SELECT ${sqlString(symbol)}, ${sqlString(kind === 'mark' ? `mark:${tf}` : tf)}, ts, open, high, low, close,
           ${kind === 'candles' ? 'volume' : 'NULL'}, reason, ${sqlString(source)}, ${Date.now()}
         FROM (SELECT *, row_number() OVER (PARTITION BY ts ORDER BY rn DESC) AS k FROM import_checked WHERE reason IS NOT NULL) WHERE k = 1
         ON CONFLICT (symbol, tf, ts, source) DO UPDATE SET reason = excluded.reason, seen_at = excluded.seen_at`,
        );
      }
      return { ...base, ...counts };
    },
    {
      before: async (c) => {
        raw = await readRaw(c, file, format);
      },
    },
  );
}
