import {
  BTCUSDT_INSTRUMENT,
  type Candles,
  candlesFromRows,
  DigestWriter,
  hashCanonical,
  sha256Hex,
} from '@trade/core';
import { describe, expect, it } from 'vitest';
import { csvNumber } from '../src/artifacts/format';
import { hashRows } from '../src/hashes/row-hash';
import { candlesDigest, clearDigestCache, pairsDigest } from '../src/hashes/series-digest';
import { dataHash, equityHash, instrumentRecord, tradesHash } from '../src/index';

/** The normative text of `engine.md` §10.3, built the obvious way: one string per line, joined, hashed. */
function straightDigest(c: Candles, withVolume: boolean): string {
  const lines: string[] = [];
  for (let i = 0; i < c.length; i++) {
    const cells = [c.ts[i]!, c.open[i]!, c.high[i]!, c.low[i]!, c.close[i]!];
    if (withVolume) cells.push(c.volume[i]!);
    lines.push(`${cells.map((v) => csvNumber(v)).join(',')}\n`);
  }
  return sha256Hex(lines.join(''));
}

/** A fixed dataset mixing exchange-like values (few decimals) and full-precision doubles. */
function fixedCandles(): Candles {
  const t0 = Date.parse('2025-03-01T00:00:00Z');
  const rows = [
    [t0, 84210.5, 84250, 84190.1, 84233.7, 12.345],
    [t0 + 60_000, 84233.7, 84301.2, 84233.7, 84290, 0.001],
    [t0 + 120_000, 0.1 + 0.2, 1 / 3, 0.1, 2 / 3, 1e-7],
    [t0 + 180_000, 1.23456789, 123456789012345.6, 0.000001, 5e-7, 0],
    [t0 + 240_000, 99999.99999, 1e15, 1e21, 1e-323, 1234567.890123],
  ];
  return candlesFromRows(
    rows.map(([ts, open, high, low, close, volume]) => ({ ts, open, high, low, close, volume })),
  );
}

describe('series digests stream the normative text byte for byte', () => {
  it('DigestWriter writes every number exactly as csvNumber (String, -0 as 0, NaN empty)', () => {
    const values: number[] = [
      0,
      -0,
      Number.NaN,
      1,
      -1,
      9,
      10,
      0.5,
      0.1 + 0.2,
      1e-6,
      1e-7,
      1.5e-6,
      9.99e-7,
      1e15,
      1e15 - 1,
      1e16,
      1e21,
      2 ** 53,
      Number.MAX_SAFE_INTEGER,
      Number.MIN_VALUE,
      Number.MAX_VALUE,
      1740787200000,
      84210.5,
      0.001,
      123456789012345.6,
      12345678901234.56,
      0.123456789,
      0.1234567891,
      -84210.55,
      100,
      1000000,
      1.05,
      2.675,
    ];
    let seed = 12345;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 4000; i++) {
      const raw = (rand() - 0.5) * 10 ** Math.floor(rand() * 14 - 4);
      values.push(raw, Number(raw.toFixed(i % 10)), Math.round(raw * 100) / 100);
    }
    for (const v of values) {
      const w = new DigestWriter();
      w.number(v);
      expect(w.digestHex(), `value ${v}`).toBe(sha256Hex(csvNumber(v)));
    }
  });

  it('DigestWriter rejects infinities like csvNumber', () => {
    expect(() => new DigestWriter().number(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('candlesDigest equals the SHA-256 of the joined lines, with and without volume', () => {
    clearDigestCache();
    const c = fixedCandles();
    expect(candlesDigest(c, true).sha256).toBe(straightDigest(c, true));
    expect(candlesDigest(c, false).sha256).toBe(straightDigest(c, false));
    // Second call comes from the cache and is still the same.
    expect(candlesDigest(c, true).sha256).toBe(straightDigest(c, true));
  });

  it('a digest spanning many buffer chunks equals the straightforward one', () => {
    const n = 20_000;
    const rows = Array.from({ length: n }, (_, i) => {
      const p = 50_000 + Math.sin(i / 7) * 1000;
      return {
        ts: 1.7e12 + i * 60_000,
        open: p,
        high: p + 3.3,
        low: Math.round(p - 2),
        close: p + 0.1,
        volume: i / 1000,
      };
    });
    const c = candlesFromRows(rows);
    expect(candlesDigest(c).sha256).toBe(straightDigest(c, true));
  });

  it('changing one value in place changes the digest (the cache keys on the bytes, not the arrays)', () => {
    const c = fixedCandles();
    const before = candlesDigest(c).sha256;
    (c.close as Float64Array)[1] = 84290.1;
    const after = candlesDigest(c).sha256;
    expect(after).not.toBe(before);
    expect(after).toBe(straightDigest(c, true));
  });

  it('pairsDigest equals the SHA-256 of `ts,value` lines', () => {
    const ts = [1740787200000, 1740816000000, 1740844800000];
    const rates = [0.0001, -0.000075, 1e-7];
    expect(pairsDigest(ts, rates).sha256).toBe(
      sha256Hex(ts.map((t, i) => `${t},${csvNumber(rates[i])}\n`).join('')),
    );
  });

  it('pins data_hash of a fixed dataset to the straightforward definition', () => {
    const c = fixedCandles();
    const expected = hashCanonical({
      kind: 'data/v1',
      symbol: 'BTCUSDT',
      instrument: instrumentRecord(BTCUSDT_INSTRUMENT),
      last_1m: {
        first_ts: c.ts[0],
        last_ts: c.ts[c.length - 1],
        count: c.length,
        sha256: straightDigest(c, true),
      },
      mark_1m: {
        first_ts: c.ts[0],
        last_ts: c.ts[c.length - 1],
        count: c.length,
        sha256: straightDigest(c, false),
      },
      funding: { source: 'constant', constant_rate: 0.0001, count: 0, sha256: sha256Hex('') },
      open_interest: null,
    });
    const actual = dataHash({
      symbol: 'BTCUSDT',
      instrument: BTCUSDT_INSTRUMENT,
      last1m: c,
      mark1m: c,
      funding: { source: 'constant', constantRate: 0.0001 },
    });
    expect(actual).toBe(expected);
    expect(actual).toBe(PINNED_DATA_HASH);
  });
});

/** Computed once from the straightforward definition; catches a drift of both paths together. */
const PINNED_DATA_HASH = '9f28d962e0bf7eddc4e9af9f155d742023031efabc326c7ba0d9fdd7ce9a7340';

describe('row hashes stream canonical JSON byte for byte', () => {
  const rows: Record<string, unknown>[] = [
    {
      row: 0,
      ts_ms: 1740787200000,
      time: '2025-03-01T00:00:00.000Z',
      kind: 'start',
      close: 84210.5,
      mark: null,
    },
    {
      row: 1,
      ts_ms: 1740788100000,
      time: 'x',
      kind: 'bar',
      close: 0.1 + 0.2,
      mark: -0,
      upnl_usdt: -12.000000001,
    },
    { z: 'ünïcødé "quoted"\n', a: true, m: [1, 'two', null], n: { b: 2, a: 1 }, u: undefined, e: 1e-7 },
    { row: 2, ts_ms: 1740789000000, time: 'y', kind: 'bar', close: 123456789012345.6, mark: 5e-324 },
  ];

  it('equityHash and tradesHash equal hashCanonical of {kind, rows}', () => {
    expect(equityHash(rows)).toBe(hashCanonical({ kind: 'equity/v1', rows }));
    expect(tradesHash(rows)).toBe(hashCanonical({ kind: 'trades/v1', rows }));
    expect(tradesHash([])).toBe(hashCanonical({ kind: 'trades/v1', rows: [] }));
  });

  it('a row set larger than one buffer chunk hashes like hashCanonical', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({
      row: i,
      equity_usdt: 10_000 + Math.sin(i) * 50,
      side: 'flat',
    }));
    expect(equityHash(many)).toBe(hashCanonical({ kind: 'equity/v1', rows: many }));
  });

  it('NaN in a row throws E_CANONICAL_JSON as canonical JSON does', () => {
    expect(() => hashRows('equity/v1', [{ row: 0, close: Number.NaN }])).toThrow(
      /E_CANONICAL_JSON|cannot canonicalize/,
    );
  });

  it('equityHash hashes a MISSING (non-finite) number as the empty cell it is written as: null', () => {
    expect(equityHash([{ row: 0, close: Number.NaN }])).toBe(equityHash([{ row: 0, close: null }]));
    expect(equityHash([{ row: 0, close: Number.NaN }])).not.toBe(equityHash([{ row: 0, close: 0 }]));
  });
});
