import { describe, expect, it } from 'vitest';
import type { SyntheticCandles } from '../src/synthetic/index';
import { roundToTick } from '../src/synthetic/price-tick';

function bar(open: number, high: number, low: number, close: number): SyntheticCandles {
  const col = (x: number) => Float64Array.of(x);
  return {
    ts: col(0),
    open: col(open),
    high: col(high),
    low: col(low),
    close: col(close),
    volume: col(2),
    turnover: col(2 * close),
    length: 1,
  };
}

describe('roundToTick (§6.5)', () => {
  it('rounds open/close to the nearest tick with ties away from zero, high up and low down', () => {
    const c = bar(100.25, 100.6, 99.9, 100.74);
    roundToTick(c, 0.5);
    expect([c.open[0], c.high[0], c.low[0], c.close[0]]).toEqual([100.5, 101, 99.5, 100.5]);
    expect(c.turnover[0]).toBe(2 * 100.5);
  });

  it('re-applies high = max(high, open, close) and low = min(low, open, close) after rounding', () => {
    // open rounds up past the rounded-up high? It cannot, but a close at a tie can meet it exactly.
    const c = bar(100.2, 100.24, 100.1, 100.24);
    roundToTick(c, 0.1);
    expect([c.open[0], c.high[0], c.low[0], c.close[0]]).toEqual([100.2, 100.3, 100.1, 100.2]);
  });

  it('stores decimal ticks as the double nearest the decimal price, not units · tick', () => {
    const c = bar(0.3, 0.31, 0.29, 0.3);
    roundToTick(c, 0.1);
    expect(c.open[0]).toBe(0.3); // 3 · 0.1 would be 0.30000000000000004
    expect(c.high[0]).toBe(0.4);
    expect(c.low[0]).toBe(0.2);
  });

  it('keeps a price already on the grid where it is', () => {
    const c = bar(12.35, 12.35, 12.35, 12.35);
    roundToTick(c, 0.05);
    expect([c.open[0], c.high[0], c.low[0], c.close[0]]).toEqual([12.35, 12.35, 12.35, 12.35]);
  });
});
