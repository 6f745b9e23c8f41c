import { blake2bHex, blake2bUint32, blake2bUint32OfShortInput, shortInput } from './blake2b-small';
import { fmt8, roundHalfEven } from './format';

/**
 * Identifier hashes of structures.md §1.5: blake2b with the digest length as a BLAKE2 parameter
 * (a truncated blake2b-512 gives different bytes). Computed only when a pair or zone is created.
 */

/** swing `pair_anchor_hash`: hex of blake2b(dkLen 8) of `"{hi_idx}|{fmt8(hi)}|{lo_idx}|{fmt8(lo)}|{direction}"`. */
export function pairAnchorHash(
  highIdx: number,
  highLevel: number,
  lowIdx: number,
  lowLevel: number,
  direction: 'bullish' | 'bearish',
): string {
  const text = `${highIdx}|${fmt8(highLevel)}|${lowIdx}|${fmt8(lowLevel)}|${direction}`;
  return blake2bHex(text, 8);
}

/**
 * derived_zone `instance_id`: big-endian uint32 of blake2b(dkLen 4) of
 * `"derived_zone|{source_version}|{high_idx}|{low_idx}|{round(level·1e6)}|{mode}"`. It runs for every new zone, so
 * the text is encoded straight into the hash's reused input buffer (no string, no allocation); any part that
 * would not print as plain integer digits, or a text over one block, takes the string path (same bytes).
 */
export function derivedZoneInstanceId(
  sourceVersion: number,
  highIdx: number,
  lowIdx: number,
  level: number,
  mode: string,
): number {
  const scaled = roundHalfEven(level * 1e6);
  let n = putAscii(PREFIX, 0);
  n = putInteger(sourceVersion, n);
  n = putInteger(highIdx, n);
  n = putInteger(lowIdx, n);
  n = putInteger(scaled, n);
  n = putAscii(mode, n);
  if (n >= 0) return blake2bUint32OfShortInput(n);
  return blake2bUint32(`${PREFIX}${sourceVersion}|${highIdx}|${lowIdx}|${scaled}|${mode}`);
}

const PREFIX = 'derived_zone|';
const MAX_INPUT = 128;
const digits = new Uint8Array(16);

/** Writes ASCII `text` at `at`; returns the next position, or −1 (also when `at` is −1) if it does not fit. */
function putAscii(text: string, at: number): number {
  if (at < 0 || at + text.length > MAX_INPUT) return -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) return -1;
    shortInput[at + i] = c;
  }
  return at + text.length;
}

/**
 * Writes `x` as `String(x)` would for a safe integer (−0 prints "0"), then "|"; returns the next position, or −1
 * if `x` is not a safe integer or the text would not fit.
 */
function putInteger(x: number, at: number): number {
  if (at < 0 || !Number.isSafeInteger(x)) return -1;
  let rest = Math.abs(x);
  let count = 0;
  do {
    digits[count++] = 48 + (rest % 10);
    rest = Math.floor(rest / 10);
  } while (rest > 0);
  const sign = x < 0 ? 1 : 0;
  if (at + sign + count + 1 > MAX_INPUT) return -1;
  if (sign === 1) shortInput[at] = 45;
  for (let i = 0; i < count; i++) shortInput[at + sign + i] = digits[count - 1 - i]!;
  shortInput[at + sign + count] = 124;
  return at + sign + count + 1;
}
