import { type Candles, LineHasher } from '@trade/core';
import { csvNumber } from '../artifacts/format';

/** `{first_ts, last_ts, count, sha256}` of a series as `data_hash` records it (`engine.md` §10.3). */
export interface SeriesDigest {
  readonly first_ts: number | null;
  readonly last_ts: number | null;
  readonly count: number;
  readonly sha256: string;
}

/** Digest of bars as lines `ts,o,h,l,c,v\n` (mark bars: `ts,o,h,l,c\n`), numbers in shortest round-trip form. */
export function candlesDigest(c: Candles, withVolume = true): SeriesDigest {
  const h = new LineHasher();
  for (let i = 0; i < c.length; i++) {
    const head = `${c.ts[i]},${csvNumber(c.open[i]!)},${csvNumber(c.high[i]!)},${csvNumber(c.low[i]!)},${csvNumber(c.close[i]!)}`;
    h.line(withVolume ? `${head},${csvNumber(c.volume[i]!)}` : head);
  }
  return {
    first_ts: c.length > 0 ? c.ts[0]! : null,
    last_ts: c.length > 0 ? c.ts[c.length - 1]! : null,
    count: c.length,
    sha256: h.digestHex(),
  };
}

/** Digest of `(ts, value)` pairs as lines `ts,value\n` (funding rates, open interest). */
export function pairsDigest(ts: ArrayLike<number>, values: ArrayLike<number>): SeriesDigest {
  const h = new LineHasher();
  for (let i = 0; i < ts.length; i++) h.line(`${ts[i]},${csvNumber(values[i]!)}`);
  return {
    first_ts: ts.length > 0 ? ts[0]! : null,
    last_ts: ts.length > 0 ? ts[ts.length - 1]! : null,
    count: ts.length,
    sha256: h.digestHex(),
  };
}
