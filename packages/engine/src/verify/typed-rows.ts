import { parseCsv } from '../artifacts/csv';
import { EQUITY_COLUMNS, TRADE_COLUMNS } from '../artifacts/rows';
import { VerifyError } from './verify-error';

/** A hashed cell: numbers as numbers, empty as null, metadata as the parsed object. */
export type TypedValue = string | number | null | { readonly [key: string]: unknown };

/** One artifact row as hashed (`engine.md` §10.3): header keys, numbers as numbers, empty as null. */
export type TypedRow = Readonly<Record<string, TypedValue>>;

/** Text columns of trades.csv; every other column is numeric. */
const TRADE_TEXT_COLUMNS: ReadonlySet<string> = new Set([
  'trade_id',
  'symbol',
  'side',
  'entry_time',
  'entry_order_type',
  'entry_liquidity',
  'exit_time',
  'exit_reason',
  'entry_signal',
  'exit_signal',
  'entry_metadata',
  'exit_metadata',
]);

/** trades.csv cells holding canonical-JSON metadata text, hashed parsed (`engine.md` §10.3 "metadata parsed"). */
const METADATA_COLUMNS: ReadonlySet<string> = new Set(['entry_metadata', 'exit_metadata']);

/** A metadata cell as hashed: the parsed object, null when empty. */
function metadataValue(text: string): TypedValue {
  return text === '' ? null : (JSON.parse(text) as TypedValue);
}

/** Text columns of equity.csv. */
const EQUITY_TEXT_COLUMNS: ReadonlySet<string> = new Set(['time', 'kind', 'position_side']);

/** In-memory rows as the engine hashes them: non-finite numbers become null (MISSING). */
export function typedRowsFromMemory(rows: readonly Readonly<Record<string, unknown>>[]): TypedRow[] {
  return rows.map((r) => {
    const out: Record<string, TypedValue> = {};
    for (const [k, v] of Object.entries(r)) {
      out[k] =
        METADATA_COLUMNS.has(k) && typeof v === 'string'
          ? metadataValue(v)
          : typeof v === 'number'
            ? Number.isFinite(v)
              ? v
              : null
            : typeof v === 'string'
              ? v
              : v == null
                ? null
                : String(v);
    }
    return out;
  });
}

function typedRowsFromCsv(
  file: string,
  text: string,
  columns: readonly string[],
  textColumns: ReadonlySet<string>,
): TypedRow[] {
  const { header, rows } = parseCsv(text);
  if (header.join(',') !== columns.join(',')) {
    throw new VerifyError('E_VERIFY_MALFORMED', `${file}: header does not match engine.md §11`, {
      file,
      line: 1,
      hint: `expected: ${columns.join(',')}`,
    });
  }
  return rows.map((cells, i) => {
    if (cells.length !== columns.length) {
      throw new VerifyError(
        'E_VERIFY_MALFORMED',
        `${file}: row ${i + 1} has ${cells.length} cells, the header ${columns.length}`,
        { file, line: i + 2, row: i + 1, hint: 'the file was truncated or edited by hand' },
      );
    }
    const out: Record<string, TypedValue> = {};
    for (let c = 0; c < columns.length; c++) {
      const name = columns[c]!;
      const cell = cells[c]!;
      if (cell === '') out[name] = null;
      else if (METADATA_COLUMNS.has(name)) out[name] = metadataValue(cell);
      else if (textColumns.has(name)) out[name] = cell;
      else {
        const n = Number(cell);
        if (!Number.isFinite(n)) {
          throw new VerifyError(
            'E_VERIFY_MALFORMED',
            `${file}: ${name} '${cell}' in row ${i + 1} is not a number`,
            {
              file,
              line: i + 2,
              row: i + 1,
              path: name,
              hint: 'numeric columns hold shortest round-trip numbers or nothing',
            },
          );
        }
        out[name] = n;
      }
    }
    return out;
  });
}

/** trades.csv as typed rows. */
export function tradeRowsFromCsv(text: string, file = 'trades.csv'): TypedRow[] {
  return typedRowsFromCsv(file, text, TRADE_COLUMNS, TRADE_TEXT_COLUMNS);
}

/** equity.csv as typed rows. */
export function equityRowsFromCsv(text: string, file = 'equity.csv'): TypedRow[] {
  return typedRowsFromCsv(file, text, EQUITY_COLUMNS, EQUITY_TEXT_COLUMNS);
}
