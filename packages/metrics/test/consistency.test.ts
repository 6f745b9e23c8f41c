import { describe, expect, it } from 'vitest';
import { computeMetrics, type Metrics, metricsConsistencyViolations } from '../src/index';
import { makeInput, makeTrade } from './fixtures';

const consistent: Metrics = computeMetrics(
  makeInput([1000, 1010, 1004], {
    trades: [makeTrade({ netPnl: 10, side: 'long' }), makeTrade({ netPnl: -4, side: 'short' })],
    funding: [-2],
  }),
);

describe('metricsConsistencyViolations', () => {
  it('accepts a consistent result', () => {
    expect(metricsConsistencyViolations(consistent)).toEqual([]);
  });

  it.each([
    ['the outcome counts', { breakeven_trades: 1 }, 'breakeven_trades'],
    ['the side counts', { short_trades: 2 }, 'short_trades'],
    ['the side PnL', { long_pnl: 11 }, 'long_pnl'],
    ['the equity change', { net_profit: 5 }, 'net_profit'],
    ['the time in market', { time_in_market_pct: 120 }, 'time_in_market_pct'],
  ])('names a broken identity of %s', (_name, change, field) => {
    const violations = metricsConsistencyViolations({ ...consistent, ...change });
    expect(violations).toHaveLength(1);
    expect(violations[0]).toContain(field);
  });

  it('skips the equity identity for a run that ends with a position open', () => {
    expect(metricsConsistencyViolations({ ...consistent, net_profit: 5 }, { endsFlat: false })).toEqual([]);
  });

  it('tolerates rounding noise of 1e-9 · E₀ in the equity identity', () => {
    expect(metricsConsistencyViolations({ ...consistent, net_profit: 4 + 5e-7 })).toEqual([]);
    expect(metricsConsistencyViolations({ ...consistent, net_profit: 4 + 2e-6 })).toHaveLength(1);
  });
});
