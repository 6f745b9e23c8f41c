import { describe, expect, it } from 'vitest';
import {
  barsPerYear,
  cagr,
  computeMetrics,
  type Metrics,
  type MetricsInput,
  metricsConsistencyViolations,
  periodReturns,
  type TradeRecord,
} from '../src/index';

// The five-trade vector of metrics.md §7, typed in from the spec's tables (not read from sim-vectors.json).
function trade(
  tradeId: string,
  side: 'long' | 'short',
  entryBarIndex: number,
  exitBarIndex: number,
  realizedPnl: number,
  maePct: number,
  mfePct: number,
): TradeRecord {
  return {
    tradeId,
    side,
    entryBarIndex,
    exitBarIndex,
    entryNotional: 5_000,
    realizedPnl,
    fees: 10,
    netPnl: realizedPnl - 10,
    maePct,
    mfePct,
  };
}

function workedInput(timeframe: string): MetricsInput {
  return {
    timeframe,
    equity: [10000, 10050, 10100, 10020, 9950, 10100, 10250, 10200, 10220, 10190, 10246],
    trades: [
      trade('T1', 'long', 1, 2, 110, 0.2, 1.5),
      trade('T2', 'short', 3, 3, -40, 1.0, 0.3),
      trade('T3', 'long', 5, 6, 160, 0.5, 3.2),
      trade('T4', 'long', 7, 8, -20, 0.8, 0.4),
      trade('T5', 'short', 10, 10, 90, 0.1, 1.9),
    ],
    funding: [-6, 2],
    initialEquity: 10_000,
    benchmark: { firstPrice: 50_000, lastPrice: 51_000 },
    exposureSamples: [
      { positionValue: 5000, equity: 10050 },
      { positionValue: 5000, equity: 10020 },
      { positionValue: 10000, equity: 10100 },
      { positionValue: 5000, equity: 10250 },
      { positionValue: 7500, equity: 10200 },
    ],
    marginSamples: [
      { tradeId: 'T1', coverage: 5.2 },
      { tradeId: 'T1', coverage: 3.1 },
      { tradeId: 'T1', coverage: 1.18 },
      { tradeId: 'T1', coverage: 2.4 },
      { tradeId: 'T3', coverage: 1.22 },
      { tradeId: 'T3', coverage: 1.6 },
    ],
    liqDistanceSamples: [12.5, 4.2, 0.9, 3.3],
    entryAttempts: 7,
    entryRejections: 2,
    liquidationEvents: 0,
  };
}

const timeframeIndependent: Partial<Metrics> = {
  initial_equity: 10000,
  final_equity: 10246,
  net_profit: 246,
  net_return_pct: 2.46,
  benchmark_return_pct: 2.0,
  alpha_pct: 0.46,
  max_drawdown_abs: 150,
  max_drawdown_pct: 1.4851485148514851,
  max_drawdown_duration_bars: 4,
  total_trades: 5,
  win_rate: 60,
  avg_trade_return_pct: 1.0,
  profit_factor: 4.125,
  win_count: 3,
  loss_count: 2,
  gross_profit: 330,
  gross_loss: 80,
  total_fees: 50,
  avg_win_usdt: 110,
  avg_loss_usdt: 40,
  largest_win_usdt: 150,
  largest_loss_usdt: 50,
  avg_trade_duration_bars: 0.6,
  avg_winning_trade_duration_bars: 0.6666666666666666,
  avg_losing_trade_duration_bars: 0.5,
  max_consecutive_wins: 1,
  max_consecutive_losses: 1,
  expectancy_usdt: 50,
  payoff_ratio: 2.75,
  recovery_factor: 1.64,
  omega_ratio: 2.0844080587820866,
  long_trades: 3,
  short_trades: 2,
  long_win_rate: 66.66666666666667,
  short_win_rate: 50,
  long_pnl: 220,
  short_pnl: 30,
  total_bars: 10,
  bars_in_position: 8,
  time_in_market_pct: 80,
  total_funding_paid_usdt: 6,
  total_funding_received_usdt: 2,
  net_funding_usdt: -4,
  ulcer_index: 0.5641444498413528,
  entry_attempts: 7,
  entry_rejections: 2,
  entry_rejection_rate: 0.2857142857142857,
  min_margin_ratio: 1.18,
  margin_calls: 2,
  closest_liquidation_pct: 0.9,
  skewness: 0.3006996487412594,
  kurtosis: 1.9141510308775387,
  var_95_pct: 0.7920792079207928,
  cvar_95_pct: 0.7920792079207928,
  avg_leverage_used: 0.6419424878831517,
  max_gross_exposure_pct: 99.00990099009901,
  mae_avg_pct: 0.52,
  mfe_avg_pct: 1.46,
  breakeven_trades: 0,
  liquidation_events: 0,
};

/** metrics.md §7 tolerance: relative 1e-9, absolute 1e-9 near zero. */
function expectClose(actual: number, expected: number, label: string): void {
  const error = Math.abs(actual - expected);
  expect(error <= 1e-9 * Math.abs(expected) || error <= 1e-9, `${label}: ${actual} vs ${expected}`).toBe(
    true,
  );
}

function expectFields(metrics: Metrics, expected: Partial<Metrics>): void {
  for (const [field, value] of Object.entries(expected)) {
    expectClose(metrics[field as keyof Metrics] as number, value as number, field);
  }
}

describe('five-trade worked vector (metrics.md §7)', () => {
  it('produces the returns of §7.2', () => {
    const returns = periodReturns(workedInput('1h').equity);
    const expected = [
      0.005, 0.0049751244, -0.0079207921, -0.0069860279, 0.0150753769, 0.0148514851, -0.0048780488,
      0.0019607843, -0.0029354207, 0.0054955839,
    ];
    expect(returns).toHaveLength(10);
    expected.forEach((r, i) => {
      expect(Math.abs(returns[i]! - r)).toBeLessThan(1e-10);
    });
  });

  it('matches every timeframe-independent field of §7.3 on 1h', () => {
    const metrics = computeMetrics(workedInput('1h'));
    expectFields(metrics, timeframeIndependent);
    expect(metrics.profit_factor_mode).toBe('finite');
  });

  it('matches the 1h column of §7.4, Calmar capped at 100', () => {
    const input = workedInput('1h');
    const metrics = computeMetrics(input);
    expectFields(metrics, { sharpe: 29.407773572775344, sortino: 60.77771756394112 });
    expect(metrics.calmar).toBe(100);
    expectClose(cagr(10000, 10246, 10, barsPerYear('1h')), 1_760_402_388.2446108, 'cagr 1h');
  });

  it('matches the D column of §7.4', () => {
    const metrics = computeMetrics(workedInput('D'));
    expectFields(metrics, timeframeIndependent);
    expectFields(metrics, {
      sharpe: 6.002836643716951,
      sortino: 12.406199646887229,
      calmar: 96.14640953330219,
    });
    expectClose(cagr(10000, 10246, 10, 365), 1.4279169732668642, 'cagr D');
  });

  it('gives the same result for the Bybit interval spelling 60 as for 1h', () => {
    expect(computeMetrics(workedInput('60'))).toEqual(computeMetrics(workedInput('1h')));
  });

  it('satisfies the consistency identities of §4.2', () => {
    expect(metricsConsistencyViolations(computeMetrics(workedInput('D')))).toEqual([]);
  });

  it('does not depend on the order trades are passed in', () => {
    const input = workedInput('1h');
    const shuffled = { ...input, trades: [...input.trades].reverse() };
    expect(computeMetrics(shuffled)).toEqual(computeMetrics(input));
  });
});
