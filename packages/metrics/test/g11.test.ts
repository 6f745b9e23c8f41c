import { describe, expect, it } from 'vitest';
import {
  barsPerYear,
  cagr,
  calmar,
  drawdownStats,
  normalizeTimeframe,
  UnknownTimeframeError,
} from '../src/index';

// The six gate G11 scenarios of metrics.md §6 with their exact expectations (the gate's own tolerance is looser).
describe('gate G11 scenarios (metrics.md §6)', () => {
  it('#1 maximises absolute and percentage drawdown independently', () => {
    const stats = drawdownStats([10, 1, 1000, 900]);
    expect(stats.maxDrawdownAbs).toBe(100);
    expect(stats.maxDrawdownFraction).toBe(0.9);
    expect(stats.maxDrawdownFraction * 100).toBeCloseTo(90, 12);
    expect(stats.maxDrawdownDurationBars).toBe(1);
  });

  it('#2 CAGR is geometric: 10,000 → 12,100 over 365 daily bars is 21 %', () => {
    expect(Math.abs(cagr(10_000, 12_100, 365, 365) - 0.21)).toBeLessThanOrEqual(1e-9);
  });

  it('#3 Calmar divides CAGR by the drawdown fraction: 0.21 / 0.10 = 2.1', () => {
    const value = calmar({
      initialEquity: 10_000,
      finalEquity: 12_100,
      periods: 365,
      timeframe: 'D',
      maxDrawdownFraction: 0.1,
    });
    expect(Math.abs(value - 2.1)).toBeLessThanOrEqual(1e-9);
  });

  it('#4 barsPerYear throws UnknownTimeframeError for 7m', () => {
    expect(() => barsPerYear('7m')).toThrow(UnknownTimeframeError);
  });

  it('#5 normalises Bybit codes and canonical names, and rejects 1d', () => {
    expect(normalizeTimeframe('60')).toBe('1h');
    expect(normalizeTimeframe('240')).toBe('4h');
    expect(normalizeTimeframe('D')).toBe('D');
    expect(normalizeTimeframe('1h')).toBe('1h');
    expect(() => normalizeTimeframe('1d')).toThrow(UnknownTimeframeError);
  });

  it('#6 Calmar with zero drawdown and positive CAGR is exactly 100', () => {
    const value = calmar({
      initialEquity: 10_000,
      finalEquity: 12_100,
      periods: 365,
      timeframe: 'D',
      maxDrawdownFraction: 0,
    });
    expect(value).toBe(100);
  });
});
