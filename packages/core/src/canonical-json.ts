import { TradeError } from './errors';

/** A value canonical JSON can encode. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined };

const MAX_SAFE = 2 ** 53;

function fail(path: string, what: string): never {
  throw new TradeError('E_CANONICAL_JSON', `cannot canonicalize ${path}: ${what}`, {
    path,
    hint: 'map NaN/Infinity/undefined (MISSING) to null and keep integers within 2^53 before hashing',
  });
}

function encodeNumber(n: number, path: string): string {
  if (!Number.isFinite(n)) fail(path, `${n} is not a finite number`);
  if (Number.isInteger(n) && Math.abs(n) > MAX_SAFE) fail(path, `integer ${n} is beyond 2^53`);
  // ECMAScript Number::toString is the shortest round-trip form RFC 8785 requires; -0 becomes "0".
  return Object.is(n, -0) ? '0' : String(n);
}

function encode(value: unknown, path: string, out: string[]): void {
  if (value === null) {
    out.push('null');
    return;
  }
  switch (typeof value) {
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'number':
      out.push(encodeNumber(value, path));
      return;
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'object': {
      if (Array.isArray(value)) {
        out.push('[');
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out.push(',');
          const item = value[i];
          encode(item === undefined ? null : item, `${path}[${i}]`, out);
        }
        out.push(']');
        return;
      }
      if (ArrayBuffer.isView(value)) fail(path, 'typed arrays must be converted to plain arrays');
      const record = value as Record<string, unknown>;
      // RFC 8785: keys sorted by UTF-16 code units, which is what the default sort compares.
      const keys = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort();
      out.push('{');
      keys.forEach((key, i) => {
        if (i > 0) out.push(',');
        out.push(JSON.stringify(key), ':');
        encode(record[key], `${path}.${key}`, out);
      });
      out.push('}');
      return;
    }
    default:
      fail(path, `${typeof value} values are not JSON`);
  }
}

/**
 * RFC 8785 canonical JSON (`engine.md` §10.2): no whitespace, keys sorted by UTF-16 code units,
 * ECMAScript shortest numbers, `-0` as `0`. Undefined object members are omitted, undefined array items
 * become null; NaN, ±Infinity and integers beyond 2^53 throw `E_CANONICAL_JSON`.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  encode(value, '$', out);
  return out.join('');
}
