/**
 * Shared pieces of the G5 reference detectors (`validation.md` §6.3), written from `structures.md` and sharing
 * no code with `@trade/structures`: whole input arrays in, one plain array per output field out, plain loops,
 * arrays of objects and full scans (no deques, ring buffers, cached indices or position constants).
 */

export interface RefBars {
  readonly o: readonly number[];
  readonly h: readonly number[];
  readonly l: readonly number[];
  readonly c: readonly number[];
  readonly v: readonly number[];
  /** ATR feature per bar; NaN or ≤ 0 = missing (`structures.md` §1.1). */
  readonly atr: readonly number[];
}

/** Values per field per bar: numbers (FLOAT, INT, BOOL as 0/1), ENUM labels and HASH strings as text. */
export type RefRows = Record<string, (number | string)[]>;

export function atrAt(bars: RefBars, i: number): number {
  const a = bars.atr[i]!;
  return a > 0 ? a : Number.NaN;
}

/** Column lists of a rows object in the field order of its first row (the rows are only ever appended to). */
const columnLists = new WeakMap<RefRows, { keys: string[]; lists: (number | string)[][] }>();

/** Appends one bar's values; every call for one `rows` must name the same fields. */
export function pushRow(rows: RefRows, row: Record<string, number | string | boolean>): void {
  let cols = columnLists.get(rows);
  if (cols === undefined) {
    const keys = Object.keys(row);
    cols = { keys, lists: keys.map((k) => (rows[k] = [])) };
    columnLists.set(rows, cols);
  }
  const { keys, lists } = cols;
  for (let i = 0; i < keys.length; i++) {
    const v = row[keys[i]!]!;
    lists[i]!.push(typeof v === 'boolean' ? (v ? 1 : 0) : v);
  }
}

/** `bullish`/`bearish` from a sign. */
export function dirLabel(sign: number): string {
  return sign > 0 ? 'bullish' : sign < 0 ? 'bearish' : 'none';
}

// ---------------------------------------------------------------------------------------------------------
// fmt8 (§1.5): fixed 8 decimals, correctly rounded from the exact binary value, ties to even. The double is
// split into an exact integer mantissa and a power of two, then x·10⁸ is rounded with BigInt arithmetic.

export function fmt8(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`fmt8: ${x} is not finite`);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const negative = hi >>> 31 === 1;
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent: number;
  if (biased === 0) exponent = -1074;
  else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  const scaled = mantissa * 100_000_000n;
  let q: bigint;
  if (exponent >= 0) q = scaled << BigInt(exponent);
  else {
    const den = 1n << BigInt(-exponent);
    q = scaled / den;
    const twice = (scaled % den) * 2n;
    if (twice > den || (twice === den && q % 2n === 1n)) q += 1n;
  }
  const digits = q.toString().padStart(9, '0');
  const sign = negative && q !== 0n ? '-' : '';
  return `${sign}${digits.slice(0, -8)}.${digits.slice(-8)}`;
}

// ---------------------------------------------------------------------------------------------------------
// BLAKE2b (RFC 7693) with a digest length parameter. Each 64-bit word is a (low, high) pair of uint32 in one
// Uint32Array (word i at 2i, 2i+1); additions carry from the low half, rotations swap or shift the halves.

const IV32 = new Uint32Array([
  0xf3bcc908, 0x6a09e667, 0x84caa73b, 0xbb67ae85, 0xfe94f82b, 0x3c6ef372, 0x5f1d36f1, 0xa54ff53a, 0xade682d1,
  0x510e527f, 0x2b3e6c1f, 0x9b05688c, 0xfb41bd6b, 0x1f83d9ab, 0x137e2179, 0x5be0cd19,
]);
const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

/** v[a] += v[b] (64-bit words at word indices a, b). */
function add64(v: Uint32Array, a: number, b0: number, b1: number): void {
  const lo = v[2 * a]! + b0;
  const carry = lo >= 0x100000000 ? 1 : 0;
  v[2 * a] = lo;
  v[2 * a + 1] = v[2 * a + 1]! + b1 + carry;
}

/** v[d] = rotr64(v[d] ^ v[a], n) for n in {32, 24, 16, 63}. */
function xorRotr(v: Uint32Array, d: number, a: number, n: number): void {
  const xl = v[2 * d]! ^ v[2 * a]!;
  const xh = v[2 * d + 1]! ^ v[2 * a + 1]!;
  if (n === 32) {
    v[2 * d] = xh;
    v[2 * d + 1] = xl;
  } else if (n < 32) {
    v[2 * d] = (xl >>> n) | (xh << (32 - n));
    v[2 * d + 1] = (xh >>> n) | (xl << (32 - n));
  } else {
    // rotr 63 = rotl 1
    v[2 * d] = (xl << 1) | (xh >>> 31);
    v[2 * d + 1] = (xh << 1) | (xl >>> 31);
  }
}

function mix(
  v: Uint32Array,
  m: Uint32Array,
  a: number,
  b: number,
  c: number,
  d: number,
  x: number,
  y: number,
): void {
  add64(v, a, v[2 * b]!, v[2 * b + 1]!);
  add64(v, a, m[2 * x]!, m[2 * x + 1]!);
  xorRotr(v, d, a, 32);
  add64(v, c, v[2 * d]!, v[2 * d + 1]!);
  xorRotr(v, b, c, 24);
  add64(v, a, v[2 * b]!, v[2 * b + 1]!);
  add64(v, a, m[2 * y]!, m[2 * y + 1]!);
  xorRotr(v, d, a, 16);
  add64(v, c, v[2 * d]!, v[2 * d + 1]!);
  xorRotr(v, b, c, 63);
}

function compress(h: Uint32Array, block: Uint8Array, t: number, last: boolean): void {
  const m = new Uint32Array(32);
  for (let i = 0; i < 32; i++)
    m[i] =
      (block[4 * i]! | (block[4 * i + 1]! << 8) | (block[4 * i + 2]! << 16) | (block[4 * i + 3]! << 24)) >>>
      0;
  const v = new Uint32Array(32);
  v.set(h, 0);
  v.set(IV32, 16);
  // Byte counter t < 2^32 here (inputs are short): only its low word is non-zero.
  v[24] = v[24]! ^ t;
  if (last) {
    v[28] = ~v[28]!;
    v[29] = ~v[29]!;
  }
  for (let r = 0; r < 12; r++) {
    const s = SIGMA[r % 10]!;
    mix(v, m, 0, 4, 8, 12, s[0]!, s[1]!);
    mix(v, m, 1, 5, 9, 13, s[2]!, s[3]!);
    mix(v, m, 2, 6, 10, 14, s[4]!, s[5]!);
    mix(v, m, 3, 7, 11, 15, s[6]!, s[7]!);
    mix(v, m, 0, 5, 10, 15, s[8]!, s[9]!);
    mix(v, m, 1, 6, 11, 12, s[10]!, s[11]!);
    mix(v, m, 2, 7, 8, 13, s[12]!, s[13]!);
    mix(v, m, 3, 4, 9, 14, s[14]!, s[15]!);
  }
  for (let i = 0; i < 16; i++) h[i] = h[i]! ^ v[i]! ^ v[i + 16]!;
}

/** Unkeyed BLAKE2b of `data` with a digest of `outLen` bytes (1…64). */
export function blake2b(data: Uint8Array, outLen: number): Uint8Array {
  if (data.length >= 2 ** 32) throw new Error('blake2b: input too long for this reference');
  const h = new Uint32Array(IV32);
  h[0] = h[0]! ^ (0x01010000 | outLen);
  const blocks = Math.max(1, Math.ceil(data.length / 128));
  for (let b = 0; b < blocks; b++) {
    const block = new Uint8Array(128);
    block.set(data.subarray(b * 128, b * 128 + 128));
    const last = b === blocks - 1;
    compress(h, block, last ? data.length : (b + 1) * 128, last);
  }
  const out = new Uint8Array(outLen);
  for (let i = 0; i < outLen; i++) out[i] = (h[i >> 2]! >>> (8 * (i & 3))) & 0xff;
  return out;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** swing `pair_anchor_hash` (§1.5). */
export function pairAnchorHash(
  highIdx: number,
  high: number,
  lowIdx: number,
  low: number,
  direction: string,
): string {
  const text = `${highIdx}|${fmt8(high)}|${lowIdx}|${fmt8(low)}|${direction}`;
  return hex(blake2b(new TextEncoder().encode(text), 8));
}

/** round half to even of a double (the `round_half_even(level·1e6)` of §1.5). */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** derived_zone `instance_id` (§1.5): big-endian uint32 of a 4-byte BLAKE2b. */
export function derivedZoneInstanceId(
  sourceVersion: number,
  highIdx: number,
  lowIdx: number,
  level: number,
  mode: string,
): number {
  const text = `derived_zone|${sourceVersion}|${highIdx}|${lowIdx}|${roundHalfEven(level * 1e6)}|${mode}`;
  const d = blake2b(new TextEncoder().encode(text), 4);
  return ((d[0]! << 24) | (d[1]! << 16) | (d[2]! << 8) | d[3]!) >>> 0;
}
