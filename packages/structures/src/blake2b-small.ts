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

const m = new Int32Array(32);
const h = new Int32Array(16);
const block = new Uint8Array(128);

/**
 * One final-block compression of `m` into `h` with byte counter `n`. Generated code: the 16 64-bit state words
 * live in 32 int32 locals (low, high halves) and every operation stays in int32 (`| 0`, carry = bit 31 of the
 * majority of the operands' and the sum's sign bits), so V8 never falls back to doubles or heap numbers.
 */
function compress(n: number): void {
  let v0 = h[0]! | 0,
    v1 = h[1]! | 0,
    v2 = h[2]! | 0,
    v3 = h[3]! | 0,
    v4 = h[4]! | 0,
    v5 = h[5]! | 0,
    v6 = h[6]! | 0,
    v7 = h[7]! | 0,
    v8 = h[8]! | 0,
    v9 = h[9]! | 0,
    v10 = h[10]! | 0,
    v11 = h[11]! | 0,
    v12 = h[12]! | 0,
    v13 = h[13]! | 0,
    v14 = h[14]! | 0,
    v15 = h[15]! | 0;
  let v16 = IV[0]! | 0,
    v17 = IV[1]! | 0,
    v18 = IV[2]! | 0,
    v19 = IV[3]! | 0,
    v20 = IV[4]! | 0,
    v21 = IV[5]! | 0,
    v22 = IV[6]! | 0,
    v23 = IV[7]! | 0,
    v24 = IV[8]! | 0,
    v25 = IV[9]! | 0,
    v26 = IV[10]! | 0,
    v27 = IV[11]! | 0,
    v28 = IV[12]! | 0,
    v29 = IV[13]! | 0,
    v30 = IV[14]! | 0,
    v31 = IV[15]! | 0;
  v24 ^= n;
  v28 = ~v28;
  v29 = ~v29;
  let t0: number;
  let t1: number;
  for (let r = 0; r < 12; r++) {
    const s = r * 16;
    t0 = v0;
    v0 = (t0 + v8) | 0;
    v1 = (v1 + v9 + (((t0 & v8) | ((t0 | v8) & ~v0)) >>> 31)) | 0;
    t0 = v0;
    t1 = m[SIGMA[s + 0]!]!;
    v0 = (t0 + t1) | 0;
    v1 = (v1 + m[SIGMA[s + 0]! + 1]! + (((t0 & t1) | ((t0 | t1) & ~v0)) >>> 31)) | 0;
    t0 = v24 ^ v0;
    t1 = v25 ^ v1;
    v24 = t1;
    v25 = t0;
    t0 = v16;
    v16 = (t0 + v24) | 0;
    v17 = (v17 + v25 + (((t0 & v24) | ((t0 | v24) & ~v16)) >>> 31)) | 0;
    t0 = v8 ^ v16;
    t1 = v9 ^ v17;
    v8 = (t0 >>> 24) | (t1 << 8);
    v9 = (t1 >>> 24) | (t0 << 8);
    t0 = v0;
    v0 = (t0 + v8) | 0;
    v1 = (v1 + v9 + (((t0 & v8) | ((t0 | v8) & ~v0)) >>> 31)) | 0;
    t0 = v0;
    t1 = m[SIGMA[s + 1]!]!;
    v0 = (t0 + t1) | 0;
    v1 = (v1 + m[SIGMA[s + 1]! + 1]! + (((t0 & t1) | ((t0 | t1) & ~v0)) >>> 31)) | 0;
    t0 = v24 ^ v0;
    t1 = v25 ^ v1;
    v24 = (t0 >>> 16) | (t1 << 16);
    v25 = (t1 >>> 16) | (t0 << 16);
    t0 = v16;
    v16 = (t0 + v24) | 0;
    v17 = (v17 + v25 + (((t0 & v24) | ((t0 | v24) & ~v16)) >>> 31)) | 0;
    t0 = v8 ^ v16;
    t1 = v9 ^ v17;
    v8 = (t0 << 1) | (t1 >>> 31);
    v9 = (t1 << 1) | (t0 >>> 31);
    t0 = v2;
    v2 = (t0 + v10) | 0;
    v3 = (v3 + v11 + (((t0 & v10) | ((t0 | v10) & ~v2)) >>> 31)) | 0;
    t0 = v2;
    t1 = m[SIGMA[s + 2]!]!;
    v2 = (t0 + t1) | 0;
    v3 = (v3 + m[SIGMA[s + 2]! + 1]! + (((t0 & t1) | ((t0 | t1) & ~v2)) >>> 31)) | 0;
    t0 = v26 ^ v2;
    t1 = v27 ^ v3;
    v26 = t1;
    v27 = t0;
    t0 = v18;
    v18 = (t0 + v26) | 0;
    v19 = (v19 + v27 + (((t0 & v26) | ((t0 | v26) & ~v18)) >>> 31)) | 0;
    t0 = v10 ^ v18;
    t1 = v11 ^ v19;
    v10 = (t0 >>> 24) | (t1 << 8);
    v11 = (t1 >>> 24) | (t0 << 8);
    t0 = v2;
    v2 = (t0 + v10) | 0;
    v3 = (v3 + v11 + (((t0 & v10) | ((t0 | v10) & ~v2)) >>> 31)) | 0;
    t0 = v2;
    t1 = m[SIGMA[s + 3]!]!;
    v2 = (t0 + t1) | 0;
    v3 = (v3 + m[SIGMA[s + 3]! + 1]! + (((t0 & t1) | ((t0 | t1) & ~v2)) >>> 31)) | 0;
    t0 = v26 ^ v2;
    t1 = v27 ^ v3;
    v26 = (t0 >>> 16) | (t1 << 16);
    v27 = (t1 >>> 16) | (t0 << 16);
    t0 = v18;
    v18 = (t0 + v26) | 0;
    v19 = (v19 + v27 + (((t0 & v26) | ((t0 | v26) & ~v18)) >>> 31)) | 0;
    t0 = v10 ^ v18;
    t1 = v11 ^ v19;
    v10 = (t0 << 1) | (t1 >>> 31);
    v11 = (t1 << 1) | (t0 >>> 31);
    t0 = v4;
    v4 = (t0 + v12) | 0;
    v5 = (v5 + v13 + (((t0 & v12) | ((t0 | v12) & ~v4)) >>> 31)) | 0;
    t0 = v4;
    t1 = m[SIGMA[s + 4]!]!;
    v4 = (t0 + t1) | 0;
    v5 = (v5 + m[SIGMA[s + 4]! + 1]! + (((t0 & t1) | ((t0 | t1) & ~v4)) >>> 31)) | 0;
    t0 = v28 ^ v4;
    t1 = v29 ^ v5;
    v28 = t1;
    v29 = t0;
    t0 = v20;
    v20 = (t0 + v28) | 0;
    v21 = (v21 + v29 + (((t0 & v28) | ((t0 | v28) & ~v20)) >>> 31)) | 0;
    t0 = v12 ^ v20;
    t1 = v13 ^ v21;
    v12 = (t0 >>> 24) | (t1 << 8);
    v13 = (t1 >>> 24) | (t0 << 8);
    t0 = v4;
    v4 = (t0 + v12) | 0;
    v5 = (v5 + v13 + (((t0 & v12) | ((t0 | v12) & ~v4)) >>> 31)) | 0;
    t0 = v4;
    t1 = m[SIGMA[s + 5]!]!;
    v4 = (t0 + t1) | 0;
    v5 = (v5 + m[SIGMA[s + 5]! + 1]! + (((t0 & t1) | ((t0 | t1) & ~v4)) >>> 31)) | 0;
    t0 = v28 ^ v4;
    t1 = v29 ^ v5;
    v28 = (t0 >>> 16) | (t1 << 16);
    v29 = (t1 >>> 16) | (t0 << 16);
    t0 = v20;
    v20 = (t0 + v28) | 0;
    v21 = (v21 + v29 + (((t0 & v28) | ((t0 | v28) & ~v20)) >>> 31)) | 0;
    t0 = v12 ^ v20;
    t1 = v13 ^ v21;
    v12 = (t0 << 1) | (t1 >>> 31);
    v13 = (t1 << 1) | (t0 >>> 31);
    t0 = v6;
    v6 = (t0 + v14) | 0;
    v7 = (v7 + v15 + (((t0 & v14) | ((t0 | v14) & ~v6)) >>> 31)) | 0;
    t0 = v6;
    t1 = m[SIGMA[s + 6]!]!;
    v6 = (t0 + t1) | 0;
    v7 = (v7 + m[SIGMA[s + 6]! + 1]! + (((t0 & t1) | ((t0 | t1) & ~v6)) >>> 31)) | 0;
    t0 = v30 ^ v6;
    t1 = v31 ^ v7;
    v30 = t1;
    v31 = t0;
    t0 = v22;
    v22 = (t0 + v30) | 0;
    v23 = (v23 + v31 + (((t0 & v30) | ((t0 | v30) & ~v22)) >>> 31)) | 0;
    t0 = v14 ^ v22;
    t1 = v15 ^ v23;
    v14 = (t0 >>> 24) | (t1 << 8);
    v15 = (t1 >>> 24) | (t0 << 8);
    t0 = v6;
    v6 = (t0 + v14) | 0;
    v7 = (v7 + v15 + (((t0 & v14) | ((t0 | v14) & ~v6)) >>> 31)) | 0;
    t0 = v6;
    t1 = m[SIGMA[s + 7]!]!;
    v6 = (t0 + t1) | 0;
    v7 = (v7 + m[SIGMA[s + 7]! + 1]! + (((t0 & t1) | ((t0 | t1) & ~v6)) >>> 31)) | 0;
    t0 = v30 ^ v6;
    t1 = v31 ^ v7;
    v30 = (t0 >>> 16) | (t1 << 16);
    v31 = (t1 >>> 16) | (t0 << 16);
    t0 = v22;
    v22 = (t0 + v30) | 0;
    v23 = (v23 + v31 + (((t0 & v30) | ((t0 | v30) & ~v22)) >>> 31)) | 0;
    t0 = v14 ^ v22;
    t1 = v15 ^ v23;
    v14 = (t0 << 1) | (t1 >>> 31);
    v15 = (t1 << 1) | (t0 >>> 31);
    t0 = v0;
    v0 = (t0 + v10) | 0;
    v1 = (v1 + v11 + (((t0 & v10) | ((t0 | v10) & ~v0)) >>> 31)) | 0;
    t0 = v0;
    t1 = m[SIGMA[s + 8]!]!;
    v0 = (t0 + t1) | 0;
    v1 = (v1 + m[SIGMA[s + 8]! + 1]! + (((t0 & t1) | ((t0 | t1) & ~v0)) >>> 31)) | 0;
    t0 = v30 ^ v0;
    t1 = v31 ^ v1;
    v30 = t1;
    v31 = t0;
    t0 = v20;
    v20 = (t0 + v30) | 0;
    v21 = (v21 + v31 + (((t0 & v30) | ((t0 | v30) & ~v20)) >>> 31)) | 0;
    t0 = v10 ^ v20;
    t1 = v11 ^ v21;
    v10 = (t0 >>> 24) | (t1 << 8);
    v11 = (t1 >>> 24) | (t0 << 8);
    t0 = v0;
    v0 = (t0 + v10) | 0;
    v1 = (v1 + v11 + (((t0 & v10) | ((t0 | v10) & ~v0)) >>> 31)) | 0;
    t0 = v0;
    t1 = m[SIGMA[s + 9]!]!;
    v0 = (t0 + t1) | 0;
    v1 = (v1 + m[SIGMA[s + 9]! + 1]! + (((t0 & t1) | ((t0 | t1) & ~v0)) >>> 31)) | 0;
    t0 = v30 ^ v0;
    t1 = v31 ^ v1;
    v30 = (t0 >>> 16) | (t1 << 16);
    v31 = (t1 >>> 16) | (t0 << 16);
    t0 = v20;
    v20 = (t0 + v30) | 0;
    v21 = (v21 + v31 + (((t0 & v30) | ((t0 | v30) & ~v20)) >>> 31)) | 0;
    t0 = v10 ^ v20;
    t1 = v11 ^ v21;
    v10 = (t0 << 1) | (t1 >>> 31);
    v11 = (t1 << 1) | (t0 >>> 31);
    t0 = v2;
    v2 = (t0 + v12) | 0;
    v3 = (v3 + v13 + (((t0 & v12) | ((t0 | v12) & ~v2)) >>> 31)) | 0;
    t0 = v2;
    t1 = m[SIGMA[s + 10]!]!;
    v2 = (t0 + t1) | 0;
    v3 = (v3 + m[SIGMA[s + 10]! + 1]! + (((t0 & t1) | ((t0 | t1) & ~v2)) >>> 31)) | 0;
    t0 = v24 ^ v2;
    t1 = v25 ^ v3;
    v24 = t1;
    v25 = t0;
    t0 = v22;
    v22 = (t0 + v24) | 0;
    v23 = (v23 + v25 + (((t0 & v24) | ((t0 | v24) & ~v22)) >>> 31)) | 0;
    t0 = v12 ^ v22;
    t1 = v13 ^ v23;
    v12 = (t0 >>> 24) | (t1 << 8);
    v13 = (t1 >>> 24) | (t0 << 8);
    t0 = v2;
    v2 = (t0 + v12) | 0;
    v3 = (v3 + v13 + (((t0 & v12) | ((t0 | v12) & ~v2)) >>> 31)) | 0;
    t0 = v2;
    t1 = m[SIGMA[s + 11]!]!;
    v2 = (t0 + t1) | 0;
    v3 = (v3 + m[SIGMA[s + 11]! + 1]! + (((t0 & t1) | ((t0 | t1) & ~v2)) >>> 31)) | 0;
    t0 = v24 ^ v2;
    t1 = v25 ^ v3;
    v24 = (t0 >>> 16) | (t1 << 16);
    v25 = (t1 >>> 16) | (t0 << 16);
    t0 = v22;
    v22 = (t0 + v24) | 0;
    v23 = (v23 + v25 + (((t0 & v24) | ((t0 | v24) & ~v22)) >>> 31)) | 0;
    t0 = v12 ^ v22;
    t1 = v13 ^ v23;
    v12 = (t0 << 1) | (t1 >>> 31);
    v13 = (t1 << 1) | (t0 >>> 31);
    t0 = v4;
    v4 = (t0 + v14) | 0;
    v5 = (v5 + v15 + (((t0 & v14) | ((t0 | v14) & ~v4)) >>> 31)) | 0;
    t0 = v4;
    t1 = m[SIGMA[s + 12]!]!;
    v4 = (t0 + t1) | 0;
    v5 = (v5 + m[SIGMA[s + 12]! + 1]! + (((t0 & t1) | ((t0 | t1) & ~v4)) >>> 31)) | 0;
    t0 = v26 ^ v4;
    t1 = v27 ^ v5;
    v26 = t1;
    v27 = t0;
    t0 = v16;
    v16 = (t0 + v26) | 0;
    v17 = (v17 + v27 + (((t0 & v26) | ((t0 | v26) & ~v16)) >>> 31)) | 0;
    t0 = v14 ^ v16;
    t1 = v15 ^ v17;
    v14 = (t0 >>> 24) | (t1 << 8);
    v15 = (t1 >>> 24) | (t0 << 8);
    t0 = v4;
    v4 = (t0 + v14) | 0;
    v5 = (v5 + v15 + (((t0 & v14) | ((t0 | v14) & ~v4)) >>> 31)) | 0;
    t0 = v4;
    t1 = m[SIGMA[s + 13]!]!;
    v4 = (t0 + t1) | 0;
    v5 = (v5 + m[SIGMA[s + 13]! + 1]! + (((t0 & t1) | ((t0 | t1) & ~v4)) >>> 31)) | 0;
    t0 = v26 ^ v4;
    t1 = v27 ^ v5;
    v26 = (t0 >>> 16) | (t1 << 16);
    v27 = (t1 >>> 16) | (t0 << 16);
    t0 = v16;
    v16 = (t0 + v26) | 0;
    v17 = (v17 + v27 + (((t0 & v26) | ((t0 | v26) & ~v16)) >>> 31)) | 0;
    t0 = v14 ^ v16;
    t1 = v15 ^ v17;
    v14 = (t0 << 1) | (t1 >>> 31);
    v15 = (t1 << 1) | (t0 >>> 31);
    t0 = v6;
    v6 = (t0 + v8) | 0;
    v7 = (v7 + v9 + (((t0 & v8) | ((t0 | v8) & ~v6)) >>> 31)) | 0;
    t0 = v6;
    t1 = m[SIGMA[s + 14]!]!;
    v6 = (t0 + t1) | 0;
    v7 = (v7 + m[SIGMA[s + 14]! + 1]! + (((t0 & t1) | ((t0 | t1) & ~v6)) >>> 31)) | 0;
    t0 = v28 ^ v6;
    t1 = v29 ^ v7;
    v28 = t1;
    v29 = t0;
    t0 = v18;
    v18 = (t0 + v28) | 0;
    v19 = (v19 + v29 + (((t0 & v28) | ((t0 | v28) & ~v18)) >>> 31)) | 0;
    t0 = v8 ^ v18;
    t1 = v9 ^ v19;
    v8 = (t0 >>> 24) | (t1 << 8);
    v9 = (t1 >>> 24) | (t0 << 8);
    t0 = v6;
    v6 = (t0 + v8) | 0;
    v7 = (v7 + v9 + (((t0 & v8) | ((t0 | v8) & ~v6)) >>> 31)) | 0;
    t0 = v6;
    t1 = m[SIGMA[s + 15]!]!;
    v6 = (t0 + t1) | 0;
    v7 = (v7 + m[SIGMA[s + 15]! + 1]! + (((t0 & t1) | ((t0 | t1) & ~v6)) >>> 31)) | 0;
    t0 = v28 ^ v6;
    t1 = v29 ^ v7;
    v28 = (t0 >>> 16) | (t1 << 16);
    v29 = (t1 >>> 16) | (t0 << 16);
    t0 = v18;
    v18 = (t0 + v28) | 0;
    v19 = (v19 + v29 + (((t0 & v28) | ((t0 | v28) & ~v18)) >>> 31)) | 0;
    t0 = v8 ^ v18;
    t1 = v9 ^ v19;
    v8 = (t0 << 1) | (t1 >>> 31);
    v9 = (t1 << 1) | (t0 >>> 31);
  }
  h[0] = h[0]! ^ v0 ^ v16;
  h[1] = h[1]! ^ v1 ^ v17;
  h[2] = h[2]! ^ v2 ^ v18;
  h[3] = h[3]! ^ v3 ^ v19;
  h[4] = h[4]! ^ v4 ^ v20;
  h[5] = h[5]! ^ v5 ^ v21;
  h[6] = h[6]! ^ v6 ^ v22;
  h[7] = h[7]! ^ v7 ^ v23;
  h[8] = h[8]! ^ v8 ^ v24;
  h[9] = h[9]! ^ v9 ^ v25;
  h[10] = h[10]! ^ v10 ^ v26;
  h[11] = h[11]! ^ v11 ^ v27;
  h[12] = h[12]! ^ v12 ^ v28;
  h[13] = h[13]! ^ v13 ^ v29;
  h[14] = h[14]! ^ v14 ^ v30;
  h[15] = h[15]! ^ v15 ^ v31;
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
  digestBlock(n, dkLen, out);
}

/** Digest of the first `n` bytes of `block` (the rest must be zero) into `out`. */
function digestBlock(n: number, dkLen: number, out: Uint8Array): void {
  for (let i = 0; i < 32; i++) {
    const j = 4 * i;
    m[i] = block[j]! | (block[j + 1]! << 8) | (block[j + 2]! << 16) | (block[j + 3]! << 24);
  }
  h.set(IV);
  h[0]! ^= 0x01010000 ^ dkLen;
  compress(n);
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

/**
 * Reused input buffer for callers that encode their text as ASCII bytes themselves (no string per hash): write
 * the bytes at 0 … n − 1, then call `blake2bUint32OfShortInput(n)`.
 */
export const shortInput: Uint8Array = block;

/** Big-endian uint32 of blake2b(dkLen 4) of `shortInput[0 … n − 1]` (n ≤ 128); equals blake2bUint32 of that text. */
export function blake2bUint32OfShortInput(n: number): number {
  block.fill(0, n);
  digestBlock(n, 4, scratch);
  return ((scratch[0]! << 24) | (scratch[1]! << 16) | (scratch[2]! << 8) | scratch[3]!) >>> 0;
}
