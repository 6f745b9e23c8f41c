/**
 * Shared shapes of the naive reference implementations (test code only; nothing here imports src).
 * A reference takes whole input arrays and returns one plain array per output field, written straight from
 * structures.md with plain loops, arrays of objects and explicit window scans — no deques, ring buffers or
 * incremental tricks.
 */
import { blake2b } from '@noble/hashes/blake2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export interface RefBars {
  readonly o: readonly number[];
  readonly h: readonly number[];
  readonly l: readonly number[];
  readonly c: readonly number[];
  readonly v: readonly number[];
  /** ATR feature value per bar (NaN or ≤ 0 = missing). */
  readonly atr: readonly number[];
}

export type RefRows = Record<string, (number | string)[]>;

/** ENUM codes: index in the field's domain (none is always 0). */
export const DIR = { none: 0, bullish: 1, bearish: 2 } as const;

export function atrAt(bars: RefBars, i: number): number {
  const a = bars.atr[i]!;
  return a > 0 ? a : Number.NaN;
}

/** Appends the current value of every field of `state` to `rows`. */
export function pushRow(rows: RefRows, state: Record<string, number | string>): void {
  for (const [k, v] of Object.entries(state)) {
    if (rows[k] === undefined) rows[k] = [];
    rows[k]!.push(v);
  }
}

/**
 * fmt8 written independently of src: the exact decimal expansion from `toFixed(90)` (exact for the
 * magnitudes used in tests), then round half to even on the digit string.
 */
export function refFmt8(x: number): string {
  const negative = x < 0 || Object.is(x, -0);
  const full = Math.abs(x).toFixed(90);
  const [intPart, frac] = full.split('.') as [string, string];
  const kept = frac.slice(0, 8);
  const rest = frac.slice(8);
  let digits = BigInt(intPart + kept);
  const first = rest[0]!;
  const beyond = /[1-9]/.test(rest.slice(1));
  if (first > '5' || (first === '5' && (beyond || digits % 2n === 1n))) digits += 1n;
  const s = digits.toString().padStart(9, '0');
  return `${negative ? '-' : ''}${s.slice(0, -8)}.${s.slice(-8)}`;
}

export function refPairHash(hi: number, hiIdx: number, lo: number, loIdx: number, dir: string): string {
  return bytesToHex(
    blake2b(utf8ToBytes(`${hiIdx}|${refFmt8(hi)}|${loIdx}|${refFmt8(lo)}|${dir}`), { dkLen: 8 }),
  );
}

export function refInstanceId(
  version: number,
  hiIdx: number,
  loIdx: number,
  r: number,
  mode: string,
): number {
  const scaled = r * 1e6;
  const f = Math.floor(scaled);
  const rounded = scaled - f > 0.5 ? f + 1 : scaled - f < 0.5 ? f : f % 2 === 0 ? f : f + 1;
  const d = blake2b(utf8ToBytes(`derived_zone|${version}|${hiIdx}|${loIdx}|${rounded}|${mode}`), {
    dkLen: 4,
  });
  return new DataView(d.buffer, d.byteOffset, 4).getUint32(0, false);
}
