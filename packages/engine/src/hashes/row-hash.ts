import { canonicalJson, DigestWriter } from '@trade/core';

const MAX_SAFE = 2 ** 53;

/** Sorted member names of the previous row and their JSON-quoted forms: rows of one table share them. */
interface KeyOrder {
  readonly names: readonly string[];
  readonly sorted: readonly string[];
  readonly quoted: readonly string[];
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A number canonical JSON accepts: finite and, when an integer, within 2^53. */
function plainNumber(v: number): boolean {
  return Number.isFinite(v) && !(Number.isInteger(v) && Math.abs(v) > MAX_SAFE);
}

/** Lets canonical JSON raise its own error (with the member's path) for a value it rejects. */
function rejectRows(kind: string, rows: readonly Readonly<Record<string, unknown>>[]): never {
  canonicalJson({ kind, rows });
  throw new Error('hashRows: canonical JSON accepted a value the streaming encoder rejected');
}

/**
 * `H({kind, rows})` (`engine.md` §10.2) streamed row by row into SHA-256: the bytes are those of
 * `canonicalJson({kind, rows})` (members sorted by UTF-16 code units, undefined members omitted, numbers in
 * shortest round-trip form, `-0` as `0`, strings as `JSON.stringify`), without building the whole text.
 * Scalars are written directly; nested values and anything canonical JSON rejects (NaN, ±Infinity, unsafe
 * integers) go through `canonicalJson` itself, which encodes or throws exactly as for the whole object.
 */
export function hashRows(
  kind: string,
  rows: readonly Readonly<Record<string, unknown>>[],
  options: { readonly nonFiniteAsNull?: boolean } = {},
): string {
  // Artifact rows write a non-finite number (MISSING) as an empty cell, which hashes as null (`engine.md` §10.3).
  const nonFiniteAsNull = options.nonFiniteAsNull === true;
  const w = new DigestWriter();
  w.ascii('{"kind":');
  w.utf8(JSON.stringify(kind));
  w.ascii(',"rows":[');
  let order: KeyOrder | null = null;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (r > 0) w.byte(44);
    const names = Object.keys(row);
    if (order === null || !sameNames(order.names, names)) {
      const sorted = [...names].sort();
      order = { names, sorted, quoted: sorted.map((k) => JSON.stringify(k)) };
    }
    w.byte(123);
    let first = true;
    for (let i = 0; i < order.sorted.length; i++) {
      const v = row[order.sorted[i]!];
      if (v === undefined) continue;
      if (!first) w.byte(44);
      first = false;
      w.utf8(order.quoted[i]!);
      w.byte(58);
      if (v === null) w.ascii('null');
      else if (typeof v === 'number') {
        if (plainNumber(v)) w.number(v);
        else if (nonFiniteAsNull && !Number.isFinite(v)) w.ascii('null');
        else rejectRows(kind, rows);
      } else if (typeof v === 'string') w.utf8(JSON.stringify(v));
      else if (typeof v === 'boolean') w.ascii(v ? 'true' : 'false');
      else w.utf8(canonicalJson(v));
    }
    w.byte(125);
  }
  w.ascii(']}');
  return w.digestHex();
}
