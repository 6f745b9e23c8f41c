import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Candles,
  candlesFromRows,
  findSharedDir,
  parseCandlesCsv,
  rollup,
  sliceCandles,
} from '../src/index';

const shared = findSharedDir();
const klines = (file: string): Candles => {
  const c = parseCandlesCsv(readFileSync(join(shared!, 'data', 'klines', 'bybit', file), 'utf8'));
  // The last row of each stored file was still open when recorded.
  return sliceCandles(c, 0, c.length - 1);
};

function minutes(startTs: number, count: number, price = (i: number) => 100 + i) {
  return candlesFromRows(
    Array.from({ length: count }, (_, i) => ({
      ts: startTs + i * 60_000,
      open: price(i),
      high: price(i) + 1,
      low: price(i) - 1,
      close: price(i) + 0.5,
      volume: 1,
    })),
  );
}

describe('rollup', () => {
  it('aggregates open/high/low/close/volume per UTC bucket', () => {
    const c = minutes(0, 10);
    const r = rollup(c, '5m');
    expect(Array.from(r.ts)).toEqual([0, 300_000]);
    expect(Array.from(r.open)).toEqual([100, 105]);
    expect(Array.from(r.high)).toEqual([105, 110]);
    expect(Array.from(r.low)).toEqual([99, 104]);
    expect(Array.from(r.close)).toEqual([104.5, 109.5]);
    expect(Array.from(r.volume)).toEqual([5, 5]);
  });

  it('drops incomplete first and last buckets unless asked', () => {
    const c = minutes(120_000, 10); // minutes 2..11: bucket [0,5) starts late, [10,15) ends early
    expect(Array.from(rollup(c, '5m').ts)).toEqual([300_000]);
    expect(
      Array.from(rollup(c, '5m', { includeIncompleteFirst: true, includeIncompleteLast: true }).ts),
    ).toEqual([0, 300_000, 600_000]);
  });

  it('keeps a bucket with an inner gap (complete edges)', () => {
    const all = minutes(0, 5);
    const gapped = candlesFromRows(
      [0, 1, 4].map((i) => ({ ts: all.ts[i]!, open: 1, high: 2, low: 0.5, close: 1, volume: 1 })),
    );
    const r = rollup(gapped, '5m');
    expect(r.length).toBe(1);
    expect(r.volume[0]).toBe(3);
  });

  it('aligns weeks on Monday and months on the 1st', () => {
    const monday = Date.parse('2025-06-02T00:00:00Z');
    const c = minutes(monday - 2 * 1440 * 60_000, 9 * 1440); // Sat 2025-05-31 .. Sun 2025-06-08
    const w = rollup(c, 'W', { includeIncompleteFirst: true });
    expect(Array.from(w.ts)).toEqual([Date.parse('2025-05-26T00:00:00Z'), monday]);
    expect(w.volume[1]).toBe(7 * 1440);
    const m = rollup(c, 'M', { includeIncompleteFirst: true, includeIncompleteLast: true });
    expect(Array.from(m.ts)).toEqual([
      Date.parse('2025-05-01T00:00:00Z'),
      Date.parse('2025-06-01T00:00:00Z'),
    ]);
  });

  describe.skipIf(shared === undefined)('on real Bybit data', () => {
    for (const symbol of ['BTCUSDT', 'ETHUSDT']) {
      it(`${symbol} 1m rolled to 60m equals the stored 60m on every complete hour`, () => {
        const r = rollup(klines(`${symbol}_1m.csv`), '1h');
        const ref = klines(`${symbol}_60m.csv`);
        expect(r.length).toBe(ref.length);
        expect(r.length).toBeGreaterThan(700);
        for (const col of ['ts', 'open', 'high', 'low', 'close'] as const) expect(r[col]).toEqual(ref[col]);
        for (let i = 0; i < r.length; i++) expect(r.volume[i]).toBeCloseTo(ref.volume[i]!, 6);
      });

      it(`${symbol} 1m rolled to 5m equals the stored 5m inside the 1m window`, () => {
        const one = klines(`${symbol}_1m.csv`);
        const r = rollup(one, '5m');
        const ref5 = klines(`${symbol}_5m.csv`);
        const first = ref5.ts.indexOf(r.ts[0]!);
        expect(first).toBeGreaterThan(0);
        const ref = sliceCandles(ref5, first, first + r.length);
        expect(r.length).toBeGreaterThan(8600);
        for (const col of ['ts', 'open', 'high', 'low', 'close'] as const) expect(r[col]).toEqual(ref[col]);
        for (let i = 0; i < r.length; i++) expect(r.volume[i]).toBeCloseTo(ref.volume[i]!, 6);
      });
    }
  });
});
