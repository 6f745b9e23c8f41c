import { allocateCandles, type Timeframe } from '@trade/core';
import { describe, expect, it } from 'vitest';
import type { KlineSeries } from './csv-loaders';
import {
  aggregateFullBuckets,
  buildServedSeries,
  mergeByPriority,
  partialMinute,
  tilesInto,
} from './kline-series';

function series(startMs: number, stepMs: number, n: number, skip: number[] = []): KlineSeries {
  const keep = [...Array(n).keys()].filter((i) => !skip.includes(i));
  const c = allocateCandles(keep.length);
  keep.forEach((i, k) => {
    c.ts[k] = startMs + i * stepMs;
    c.open[k] = 10 + i;
    c.high[k] = 20 + i;
    c.low[k] = 5 + i;
    c.close[k] = 11 + i;
    c.volume[k] = 1;
  });
  return { candles: c, turnover: new Float64Array(keep.length).fill(2) };
}

describe('kline aggregation', () => {
  it('emits only buckets whose every source bar exists', () => {
    const s = series(0, 60_000, 15, [7]);
    const out = aggregateFullBuckets(s, '1m', '5m');
    expect(Array.from(out.candles.ts)).toEqual([0, 600_000]);
    expect([out.candles.open[0], out.candles.high[0], out.candles.low[0], out.candles.close[0]]).toEqual([
      10, 24, 5, 15,
    ]);
    expect(out.candles.volume[0]).toBe(5);
    expect(out.turnover[0]).toBe(10);
  });

  it('drops a leading partial bucket', () => {
    const out = aggregateFullBuckets(series(120_000, 60_000, 8), '1m', '5m');
    expect(Array.from(out.candles.ts)).toEqual([300_000]);
  });

  it('lets the finer series win and coarser series fill the rest', () => {
    const fine = series(0, 60_000, 5);
    const coarse = series(0, 300_000, 2);
    const merged = mergeByPriority([aggregateFullBuckets(fine, '1m', '5m'), coarse]);
    expect(Array.from(merged.candles.ts)).toEqual([0, 300_000]);
    expect(merged.candles.close[0]).toBe(15);
    expect(merged.candles.close[1]).toBe(12);
    const natives = new Map<Timeframe, KlineSeries>([
      ['1m', fine],
      ['5m', coarse],
    ]);
    expect(Array.from(buildServedSeries(natives, '5m').candles.ts)).toEqual([0, 300_000]);
  });

  it('knows which intervals tile which', () => {
    expect(tilesInto('1m', '5m')).toBe(true);
    expect(tilesInto('5m', '1h')).toBe(true);
    expect(tilesInto('1h', '5m')).toBe(false);
    expect(tilesInto('15m', 'M')).toBe(true);
    expect(tilesInto('W', 'M')).toBe(false);
  });
});

describe('partial minute path', () => {
  it('visits the extreme nearer to the open first (low on ties)', () => {
    // O=10, H=13, L=9: low is nearer, so the path goes 10 → 9 → 13 → 12.
    expect(partialMinute(10, 13, 9, 12, 1 / 3)).toEqual({ high: 10, low: 9, close: 9 });
    expect(partialMinute(10, 13, 9, 12, 2 / 3)).toEqual({ high: 13, low: 9, close: 13 });
    expect(partialMinute(10, 13, 9, 12, 1)).toEqual({ high: 13, low: 9, close: 12 });
    expect(partialMinute(10, 11, 9, 10, 1 / 3).close).toBe(9);
  });

  it('interpolates linearly between waypoints', () => {
    expect(partialMinute(10, 13, 9, 12, 1 / 6).close).toBeCloseTo(9.5, 12);
    expect(partialMinute(10, 13, 9, 12, 0)).toEqual({ high: 10, low: 10, close: 10 });
  });
});
