import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Candles,
  candlesFromRows,
  createPrng,
  findSharedDir,
  parseCandlesCsv,
  rollup,
  type Timeframe,
} from '@trade/core';
import { describe, expect, it } from 'vitest';
import { TfBarBuilder, TfSeries } from '../src/index';

function aggregate(c: Candles, tf: Timeframe): TfSeries {
  const builder = new TfBarBuilder(tf);
  const series = new TfSeries(tf, 16);
  for (let i = 0; i < c.length; i++) {
    if (builder.push(c.ts[i]!, c.open[i]!, c.high[i]!, c.low[i]!, c.close[i]!, c.volume[i]!))
      series.append(builder.bar, builder.formingClose);
  }
  return series;
}

function randomWalk(startTs: number, minutes: number, seed: number): Candles {
  const g = createPrng(seed);
  let p = 100;
  return candlesFromRows(
    Array.from({ length: minutes }, (_, i) => {
      const open = p;
      p = Math.max(1, p + g.normal());
      return {
        ts: startTs + i * 60_000,
        open,
        high: Math.max(open, p) + g.uniform(),
        low: Math.min(open, p) - g.uniform() * 0.5,
        close: p,
        volume: g.uniform() * 10,
      };
    }),
  );
}

function expectSameBars(a: Candles, b: Candles) {
  expect(a.length).toBe(b.length);
  for (const col of ['ts', 'open', 'high', 'low', 'close', 'volume'] as const) {
    expect(Array.from(a[col].subarray(0, a.length))).toEqual(Array.from(b[col].subarray(0, b.length)));
  }
}

describe('TfBarBuilder', () => {
  it('drops a partial first bucket and closes each bucket on its last minute', () => {
    const c = randomWalk(3 * 60_000, 12, 1); // minutes 3..14
    const s = aggregate(c, '5m');
    expect(Array.from(s.ts.subarray(0, s.length))).toEqual([300_000, 600_000]);
    expect(s.open[0]).toBe(c.open[2]);
    expect(s.close[1]).toBe(c.close[11]);
  });

  it.each(['3m', '15m', '1h', '4h', 'D', 'W', 'M'] as const)('matches the batch rollup for %s', (tf) => {
    const c = randomWalk(Date.parse('2024-01-29T13:07:00Z'), 70 * 1440, 7);
    expectSameBars(aggregate(c, tf), rollup(c, tf));
  });

  const shared = findSharedDir();
  it.skipIf(shared === undefined)('matches the batch rollup on real BTCUSDT 1m for 1h', () => {
    const c = parseCandlesCsv(
      readFileSync(join(shared!, 'data', 'klines', 'bybit', 'BTCUSDT_1m.csv'), 'utf8'),
    );
    expectSameBars(aggregate(c, '1h'), rollup(c, '1h'));
  });
});

describe('TfSeries', () => {
  it('grows past its capacity and reads by offset from the last closed bar', () => {
    const s = new TfSeries('1m', 16);
    for (let i = 0; i < 100; i++)
      s.append({ ts: i, open: i, high: i, low: i, close: i * 2, volume: 0 }, i + 1);
    expect(s.length).toBe(100);
    expect(s.closeAt(0)).toBe(198);
    expect(s.closeAt(99)).toBe(0);
    expect(s.closeAt(100)).toBeNaN();
    expect(s.visibleIndex(100)).toBe(99);
    expect(s.visibleIndex(50.5)).toBe(49);
    expect(s.visibleIndex(1)).toBe(0);
    expect(s.visibleIndex(0.5)).toBe(-1);
  });
});
