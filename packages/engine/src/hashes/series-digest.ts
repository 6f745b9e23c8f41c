import { createHash } from 'node:crypto';
import { type Candles, DigestWriter } from '@trade/core';

/** `{first_ts, last_ts, count, sha256}` of a series as `data_hash` records it (`engine.md` §10.3). */
export interface SeriesDigest {
  readonly first_ts: number | null;
  readonly last_ts: number | null;
  readonly count: number;
  readonly sha256: string;
}

const COMMA = 44;
const NEWLINE = 10;

/**
 * Digests by the SHA-256 of the raw column bytes. The text digest is a pure function of those bytes, so a hit
 * is always right; validation runs many plays over the same bars and formats them once. Bounded, oldest out.
 */
const digestCache = new Map<string, string>();
const DIGEST_CACHE_LIMIT = 32;

function bytesOf(column: Float64Array | ArrayLike<number>, length: number): Uint8Array {
  const f = column instanceof Float64Array ? column : Float64Array.from({ length }, (_, i) => column[i]!);
  return new Uint8Array(f.buffer, f.byteOffset, length * 8);
}

function cached(
  kind: string,
  columns: readonly (Float64Array | ArrayLike<number>)[],
  length: number,
  text: () => string,
): string {
  const h = createHash('sha256').update(kind);
  for (const c of columns) h.update(bytesOf(c, length));
  const key = h.digest('hex');
  const hit = digestCache.get(key);
  if (hit !== undefined) return hit;
  const value = text();
  if (digestCache.size >= DIGEST_CACHE_LIMIT) digestCache.delete(digestCache.keys().next().value!);
  digestCache.set(key, value);
  return value;
}

/** Empties the digest cache (benchmarks measure the cold path with it). */
export function clearDigestCache(): void {
  digestCache.clear();
}

/** Digest of bars as lines `ts,o,h,l,c,v\n` (mark bars: `ts,o,h,l,c\n`), numbers in shortest round-trip form. */
export function candlesDigest(c: Candles, withVolume = true): SeriesDigest {
  const n = c.length;
  const columns = withVolume
    ? [c.ts, c.open, c.high, c.low, c.close, c.volume]
    : [c.ts, c.open, c.high, c.low, c.close];
  const sha256 = cached(withVolume ? 'ohlcv' : 'ohlc', columns, n, () => {
    const w = new DigestWriter();
    const { ts, open, high, low, close, volume } = c;
    for (let i = 0; i < n; i++) {
      w.number(ts[i]!);
      w.byte(COMMA);
      w.number(open[i]!);
      w.byte(COMMA);
      w.number(high[i]!);
      w.byte(COMMA);
      w.number(low[i]!);
      w.byte(COMMA);
      w.number(close[i]!);
      if (withVolume) {
        w.byte(COMMA);
        w.number(volume[i]!);
      }
      w.byte(NEWLINE);
    }
    return w.digestHex();
  });
  return {
    first_ts: n > 0 ? c.ts[0]! : null,
    last_ts: n > 0 ? c.ts[n - 1]! : null,
    count: n,
    sha256,
  };
}

/** Digest of `(ts, value)` pairs as lines `ts,value\n` (funding rates, open interest). */
export function pairsDigest(ts: ArrayLike<number>, values: ArrayLike<number>): SeriesDigest {
  const n = ts.length;
  const w = new DigestWriter();
  for (let i = 0; i < n; i++) {
    w.number(ts[i]!);
    w.byte(COMMA);
    w.number(values[i]!);
    w.byte(NEWLINE);
  }
  return {
    first_ts: n > 0 ? ts[0]! : null,
    last_ts: n > 0 ? ts[n - 1]! : null,
    count: n,
    sha256: w.digestHex(),
  };
}
