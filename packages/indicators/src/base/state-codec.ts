import { IndicatorError, IndicatorErrorCode } from '../errors';

/**
 * Reflection-based state encoding for snapshots (indicators.md §5.2). Every own field of an instance is state
 * unless skipped; numbers survive `JSON.stringify`/`parse` exactly, NaN becomes `null`, and -0 / ±Infinity
 * become strings because JSON would lose them (a restored -0 must stay -0 for bit-identical continuation).
 */
export type EncodedNumber = number | string | null;

/** Objects that define their own compact state (ring buffers write their contents oldest first). */
export interface Stateful {
  saveState(): unknown;
  loadState(state: unknown, path: string): void;
}

function isStateful(value: object): value is Stateful {
  return typeof (value as Partial<Stateful>).saveState === 'function';
}

export function encodeNumber(x: number): EncodedNumber {
  if (Number.isNaN(x)) return null;
  if (x === 0 && 1 / x < 0) return '-0';
  if (x === Number.POSITIVE_INFINITY) return 'Infinity';
  if (x === Number.NEGATIVE_INFINITY) return '-Infinity';
  return x;
}

export function snapshotError(path: string, what: string): IndicatorError {
  return new IndicatorError(IndicatorErrorCode.Snapshot, `snapshot state ${path}: ${what}`, {
    path,
    hint: 'restore only snapshots taken from the same indicator and params with this package version',
  });
}

export function decodeNumber(value: unknown, path: string): number {
  if (value === null) return Number.NaN;
  if (typeof value === 'number') return value;
  if (value === '-0') return -0;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  throw snapshotError(path, `expected a number, got ${JSON.stringify(value)}`);
}

export function encodeArray(values: ArrayLike<number>, start = 0, length = values.length): EncodedNumber[] {
  const out: EncodedNumber[] = new Array(length);
  for (let i = 0; i < length; i++) out[i] = encodeNumber(values[start + i]!);
  return out;
}

export function decodeArray(value: unknown, path: string, maxLength: number): number[] {
  if (!Array.isArray(value) || value.length > maxLength) {
    throw snapshotError(path, `expected an array of at most ${maxLength} numbers`);
  }
  return value.map((v, i) => decodeNumber(v, `${path}[${i}]`));
}

/** Encodes the own fields of `obj` except `skip`. */
export function encodeFields(obj: object, skip: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    if (skip.has(key)) continue;
    if (typeof value === 'number') out[key] = encodeNumber(value);
    else if (typeof value === 'boolean' || typeof value === 'string') out[key] = value;
    else if (value instanceof Float64Array || value instanceof Int32Array) out[key] = encodeArray(value);
    else if (value !== null && typeof value === 'object') {
      out[key] = isStateful(value) ? value.saveState() : encodeFields(value, NO_SKIP);
    }
  }
  return out;
}

const NO_SKIP: ReadonlySet<string> = new Set();

/** Writes `state` (made by encodeFields on an object of the same shape) back into `obj`. */
export function decodeFields(obj: object, state: unknown, skip: ReadonlySet<string>, path: string): void {
  if (state === null || typeof state !== 'object' || Array.isArray(state)) {
    throw snapshotError(path, 'expected an object');
  }
  const src = state as Record<string, unknown>;
  const target = obj as Record<string, unknown>;
  for (const [key, value] of Object.entries(obj)) {
    if (skip.has(key)) continue;
    const p = `${path}.${key}`;
    if (!(key in src)) throw snapshotError(p, 'missing');
    const s = src[key];
    if (typeof value === 'number') target[key] = decodeNumber(s, p);
    else if (typeof value === 'boolean') {
      if (typeof s !== 'boolean') throw snapshotError(p, 'expected a boolean');
      target[key] = s;
    } else if (typeof value === 'string') {
      if (typeof s !== 'string') throw snapshotError(p, 'expected a string');
      target[key] = s;
    } else if (value instanceof Float64Array || value instanceof Int32Array) {
      const arr = decodeArray(s, p, value.length);
      if (arr.length !== value.length) throw snapshotError(p, `expected ${value.length} numbers`);
      value.set(arr);
    } else if (value !== null && typeof value === 'object') {
      if (isStateful(value)) value.loadState(s, p);
      else decodeFields(value, s, NO_SKIP, p);
    }
  }
}
