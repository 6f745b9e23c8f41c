import { describe, expect, it } from 'vitest';
import {
  cagr,
  calmar,
  capRatio,
  computeMetrics,
  drawdownStats,
  MetricsInputError,
  RATIO_CAP,
} from '../src/index';
import { makeInput, makeTrade } from './fixtures';

describe('capRatio', () => {
  it('clamps to ±100 and keeps values inside', () => {
    expect(capRatio(250)).toBe(RATIO_CAP);
    expect(capRatio(-250)).toBe(-RATIO_CAP);
    expect(capRatio(42.5)).toBe(42.5);
    expect(capRatio(-100)).toBe(-100);
  });

  it('clamps infinities by sign and maps NaN to 0', () => {
    expect(capRatio(Number.POSITIVE_INFINITY)).toBe(100);
    expect(capRatio(Number.NEGATIVE_INFINITY)).toBe(-100);
    expect(capRatio(Number.NaN)).toBe(0);
  });
});

describe('cagr', () => {
  it('is 0 without periods and −1 when everything is lost', () => {
    expect(cagr(1000, 2000, 0, 365)).toBe(0);
    expect(cagr(1000, 0, 10, 365)).toBe(-1);
    expect(cagr(1000, -5, 10, 365)).toBe(-1);
  });

  it('overflows to +Infinity on a huge annualisation, which Calmar caps at 100', () => {
    expect(cagr(1, 2, 1, 525_600)).toBe(Number.POSITIVE_INFINITY);
    const value = calmar({
      initialEquity: 1,
      finalEquity: 2,
      periods: 1,
      timeframe: '1m',
      maxDrawdownFraction: 0.5,
    });
    expect(value).toBe(100);
  });
});

describe('calmar', () => {
  const base = { initialEquity: 1000, periods: 365, timeframe: 'D' };

  it('is 0 with zero drawdown when CAGR is not positive', () => {
    expect(calmar({ ...base, finalEquity: 1000, maxDrawdownFraction: 0 })).toBe(0);
  });

  it('is 0 without periods', () => {
    expect(calmar({ ...base, periods: 0, finalEquity: 1000, maxDrawdownFraction: 0 })).toBe(0);
  });

  it('is capped at −100 for a steep loss with a small drawdown fraction', () => {
    expect(calmar({ ...base, finalEquity: 0, maxDrawdownFraction: 0.005 })).toBe(-100);
  });

  it('is −1 when everything is lost over a full drawdown', () => {
    expect(calmar({ ...base, finalEquity: 0, maxDrawdownFraction: 1 })).toBe(-1);
  });
});

describe('return ratios in computeMetrics', () => {
  it('cap Sharpe at 100 for a smooth rising curve', () => {
    const equity = Array.from({ length: 50 }, (_, i) => 1000 + i * 10 + (i % 2) * 0.5);
    const m = computeMetrics(makeInput(equity, { timeframe: '1m' }));
    expect(m.sharpe).toBe(100);
  });

  it('leave Sharpe, Sortino and Omega at 0 with a single return', () => {
    const m = computeMetrics(makeInput([1000, 1100]));
    expect(m.sharpe).toBe(0);
    expect(m.sortino).toBe(0);
    expect(m.omega_ratio).toBe(0);
  });

  it('set Sortino and Omega to 100 when no return is negative but some are positive', () => {
    const m = computeMetrics(makeInput([1000, 1000, 1010, 1010, 1030]));
    expect(m.sortino).toBe(100);
    expect(m.omega_ratio).toBe(100);
  });

  it('compute Omega as the sum of gains over the absolute sum of losses', () => {
    const m = computeMetrics(makeInput([1000, 1100, 990, 1089]));
    // returns +0.1, −0.1, +0.1
    expect(m.omega_ratio).toBeCloseTo(2, 12);
  });

  it('annualise Sharpe with √bpy so 1h and D differ by √(8760/365)', () => {
    const equity = [1000, 1010, 1005, 1020, 1012, 1030];
    const hourly = computeMetrics(makeInput(equity, { timeframe: '1h' }));
    const daily = computeMetrics(makeInput(equity, { timeframe: 'D' }));
    expect(hourly.sharpe / daily.sharpe).toBeCloseTo(Math.sqrt(8760 / 365), 12);
  });

  it('compute Sortino from the downside deviation over all n returns', () => {
    const m = computeMetrics(makeInput([1000, 1100, 990, 1089], { timeframe: 'D' }));
    const mean = (0.1 - 0.1 + 0.1) / 3;
    const dd = Math.sqrt(0.01 / 3);
    expect(m.sortino).toBeCloseTo(capRatio((mean / dd) * Math.sqrt(365)), 9);
  });
});

describe('skewness and kurtosis', () => {
  it('are 0 with fewer than 10 returns', () => {
    const m = computeMetrics(makeInput([100, 101, 99, 102, 98, 103, 97, 104, 96, 105]));
    expect(m.skewness).toBe(0);
    expect(m.kurtosis).toBe(0);
  });

  it('give skew 0 and raw kurtosis 1 for a symmetric two-point distribution of 10 returns', () => {
    const equity = [1000];
    for (let i = 0; i < 10; i++) equity.push(equity[i]! * (i % 2 === 0 ? 1.02 : 0.98));
    const m = computeMetrics(makeInput(equity));
    expect(m.skewness).toBeCloseTo(0, 12);
    expect(m.kurtosis).toBeCloseTo(1, 12);
  });

  it('report raw kurtosis (not excess) for a heavy-tailed sample', () => {
    const equity = [1000];
    const moves = [0.001, -0.001, 0.001, -0.001, 0.001, -0.001, 0.001, -0.001, 0.001, -0.001, 0.2];
    for (const r of moves) equity.push(equity[equity.length - 1]! * (1 + r));
    const m = computeMetrics(makeInput(equity));
    expect(m.kurtosis).toBeGreaterThan(3);
    expect(m.skewness).toBeGreaterThan(0);
  });
});

describe('VaR and CVaR', () => {
  it('are 0 when even the worst return is a gain', () => {
    const m = computeMetrics(makeInput([1000, 1010, 1030, 1031]));
    expect(m.var_95_pct).toBe(0);
    expect(m.cvar_95_pct).toBe(0);
  });

  it('use k = ⌊0.05 n⌋ worst returns: with 40 returns, the 2nd worst and the mean of the 2 worst', () => {
    const returns: number[] = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 0.01 : 0.005));
    returns[7] = -0.03;
    returns[21] = -0.01;
    returns[30] = -0.002;
    const equity = [1000];
    for (const r of returns) equity.push(equity[equity.length - 1]! * (1 + r));
    const m = computeMetrics(makeInput(equity));
    expect(m.var_95_pct).toBeCloseTo(1, 9);
    expect(m.cvar_95_pct).toBeCloseTo(2, 9);
  });

  it('use k = 1 for short samples: the worst return is both VaR and CVaR', () => {
    const m = computeMetrics(makeInput([1000, 1100, 1045, 1100]));
    expect(m.var_95_pct).toBeCloseTo(5, 12);
    expect(m.cvar_95_pct).toBeCloseTo(5, 12);
  });
});

describe('returns with non-positive equity', () => {
  it('skip periods whose previous equity is not positive', () => {
    const m = computeMetrics(makeInput([100, 50, 0, 10, 20]));
    // returns: −0.5, −1 (from 0 skipped), +1 → n = 3; the worst (−1) is the VaR with k = 1
    expect(m.var_95_pct).toBe(100);
    expect(m.max_drawdown_pct).toBe(100);
  });
});

describe('profit factor and payoff', () => {
  it('cap the profit factor at 100 while the mode stays finite', () => {
    const trades = [makeTrade({ netPnl: 5000 }), makeTrade({ netPnl: -1 })];
    const m = computeMetrics(makeInput([10_000, 14_999], { trades }));
    expect(m.profit_factor).toBe(100);
    expect(m.profit_factor_mode).toBe('finite');
    expect(m.payoff_ratio).toBe(100);
  });
});

describe('cagr and calmar arguments', () => {
  it.each([
    ['initialEquity 0', () => cagr(0, 100, 10, 365), 'initialEquity'],
    ['a NaN final equity', () => cagr(100, Number.NaN, 10, 365), 'finalEquity'],
    ['negative periods', () => cagr(100, 110, -1, 365), 'periods'],
    ['zero bars per year', () => cagr(100, 110, 10, 0), 'barsPerYear'],
    [
      'a negative drawdown fraction',
      () =>
        calmar({
          initialEquity: 100,
          finalEquity: 110,
          periods: 10,
          timeframe: 'D',
          maxDrawdownFraction: -0.1,
        }),
      'maxDrawdownFraction',
    ],
  ])('throw MetricsInputError for %s instead of returning NaN', (_name, run, path) => {
    expect(run).toThrow(MetricsInputError);
    try {
      run();
    } catch (error) {
      expect((error as MetricsInputError).path).toBe(path);
    }
  });

  it('accept a negative final equity (CAGR −1)', () => {
    expect(cagr(100, -1, 10, 365)).toBe(-1);
  });
});

describe('drawdownStats', () => {
  it('returns zeros for an empty curve and accepts a Float64Array', () => {
    expect(drawdownStats([])).toEqual({
      maxDrawdownAbs: 0,
      maxDrawdownFraction: 0,
      maxDrawdownDurationBars: 0,
      ulcerIndex: 0,
    });
    expect(drawdownStats(new Float64Array([10, 1, 1000, 900]))).toEqual(drawdownStats([10, 1, 1000, 900]));
  });
});
