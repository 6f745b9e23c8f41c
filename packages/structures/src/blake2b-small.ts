import { blake2b } from '@noble/hashes/blake2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Unkeyed BLAKE2b (RFC 7693) with a chosen digest length, specialised for short ASCII texts (≤ 128 bytes, one
 * compression) as used by the identifier hashes of structures.md §1.5. `@noble/hashes` costs ~10 µs per call on
 * such inputs (per-call setup), which dominated derived_zone's update cost; this path is ~1 µs and allocation
 * free. Longer or non-ASCII texts go to `@noble/hashes`. Cross-checked against it in the tests.
 */

// IV as (low, high) 32-bit halves.
const IV = new Uint32Array([
  0xf3bcc908, 0x6a09e667, 0x84caa73b, 0xbb67ae85, 0xfe94f82b, 0x3c6ef372, 0x5f1d36f1, 0xa54ff53a, 0xade682d1,
  0x510e527f, 0x2b3e6c1f, 0x9b05688c, 0xfb41bd6b, 0x1f83d9ab, 0x137e2179, 0x5be0cd19,
]);

// Message schedule, doubled to index 32-bit halves; rounds 10 and 11 repeat rounds 0 and 1.
const SIGMA = new Uint8Array(
  [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5,
    3, 11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4, 7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0,
    15, 8, 9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13, 2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15,
    14, 1, 9, 12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11, 13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4,
    8, 6, 2, 10, 6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5, 10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14,
    3, 12, 13, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0,
    2, 11, 7, 5, 3,
  ].map((x) => 2 * x),
);

const v = new Uint32Array(32);
const m = new Uint32Array(32);
const h = new Uint32Array(16);
const block = new Uint8Array(128);

/** v[a] += v[b] (64-bit). */
function add64(a: number, b: number): void {
  const lo = v[a]! + v[b]!;
  let hi = v[a + 1]! + v[b + 1]!;
  if (lo >= 0x100000000) hi++;
  v[a] = lo;
  v[a + 1] = hi;
}

/** v[a] += (x0, x1) (64-bit). */
function add64c(a: number, x0: number, x1: number): void {
  const lo = v[a]! + x0;
  let hi = v[a + 1]! + x1;
  if (lo >= 0x100000000) hi++;
  v[a] = lo;
  v[a + 1] = hi;
}

function mix(a: number, b: number, c: number, d: number, ix: number, iy: number): void {
  add64(a, b);
  add64c(a, m[ix]!, m[ix + 1]!);
  let x0 = v[d]! ^ v[a]!;
  let x1 = v[d + 1]! ^ v[a + 1]!;
  v[d] = x1; // rotr 32
  v[d + 1] = x0;
  add64(c, d);
  x0 = v[b]! ^ v[c]!;
  x1 = v[b + 1]! ^ v[c + 1]!;
  v[b] = (x0 >>> 24) ^ (x1 << 8); // rotr 24
  v[b + 1] = (x1 >>> 24) ^ (x0 << 8);
  add64(a, b);
  add64c(a, m[iy]!, m[iy + 1]!);
  x0 = v[d]! ^ v[a]!;
  x1 = v[d + 1]! ^ v[a + 1]!;
  v[d] = (x0 >>> 16) ^ (x1 << 16); // rotr 16
  v[d + 1] = (x1 >>> 16) ^ (x0 << 16);
  add64(c, d);
  x0 = v[b]! ^ v[c]!;
  x1 = v[b + 1]! ^ v[c + 1]!;
  v[b] = (x1 >>> 31) ^ (x0 << 1); // rotr 63
  v[b + 1] = (x0 >>> 31) ^ (x1 << 1);
}

/** Digest of `text` with `dkLen` bytes (1..64); the result is written into `out` (its first dkLen bytes). */
function digestInto(text: string, dkLen: number, out: Uint8Array): void {
  const n = text.length;
  let ascii = n <= 128;
  for (let i = 0; ascii && i < n; i++) if (text.charCodeAt(i) > 127) ascii = false;
  if (!ascii) {
    out.set(blake2b(utf8ToBytes(text), { dkLen }).subarray(0, dkLen));
    return;
  }
  block.fill(0);
  for (let i = 0; i < n; i++) block[i] = text.charCodeAt(i);
  for (let i = 0; i < 32; i++) {
    const j = 4 * i;
    m[i] = block[j]! | (block[j + 1]! << 8) | (block[j + 2]! << 16) | (block[j + 3]! << 24);
  }
  h.set(IV);
  h[0]! ^= 0x01010000 ^ dkLen;
  for (let i = 0; i < 16; i++) {
    v[i] = h[i]!;
    v[i + 16] = IV[i]!;
  }
  v[24]! ^= n; // byte counter (low word); the high words stay 0 for a single short block
  v[28] = ~v[28]!; // final block
  v[29] = ~v[29]!;
  for (let r = 0; r < 12; r++) {
    const s = r * 16;
    mix(0, 8, 16, 24, SIGMA[s]!, SIGMA[s + 1]!);
    mix(2, 10, 18, 26, SIGMA[s + 2]!, SIGMA[s + 3]!);
    mix(4, 12, 20, 28, SIGMA[s + 4]!, SIGMA[s + 5]!);
    mix(6, 14, 22, 30, SIGMA[s + 6]!, SIGMA[s + 7]!);
    mix(0, 10, 20, 30, SIGMA[s + 8]!, SIGMA[s + 9]!);
    mix(2, 12, 22, 24, SIGMA[s + 10]!, SIGMA[s + 11]!);
    mix(4, 14, 16, 26, SIGMA[s + 12]!, SIGMA[s + 13]!);
    mix(6, 8, 18, 28, SIGMA[s + 14]!, SIGMA[s + 15]!);
  }
  for (let i = 0; i < 16; i++) h[i] = h[i]! ^ v[i]! ^ v[i + 16]!;
  for (let i = 0; i < dkLen; i++) out[i] = (h[i >> 2]! >>> (8 * (i & 3))) & 0xff;
}

const scratch = new Uint8Array(64);
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lowercase hex of blake2b(text, dkLen). */
export function blake2bHex(text: string, dkLen: number): string {
  digestInto(text, dkLen, scratch);
  let s = '';
  for (let i = 0; i < dkLen; i++) s += HEX[scratch[i]!];
  return s;
}

/** Big-endian uint32 of blake2b(text, dkLen 4). */
export function blake2bUint32(text: string): number {
  digestInto(text, 4, scratch);
  return ((scratch[0]! << 24) | (scratch[1]! << 16) | (scratch[2]! << 8) | scratch[3]!) >>> 0;
}
