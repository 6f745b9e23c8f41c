import { describe, expect, it } from 'vitest';
import { computeMetrics, type Metrics, metricsConsistencyViolations } from '../src/index';
import { makeInput, makeTrade } from './fixtures';

/** Every field derived from trades alone; all are 0 without trades (metrics.md §4). */
const TRADE_FIELDS = [
  'total_trades',
  'win_rate',
  'avg_trade_return_pct',
  'profit_factor',
  'win_count',
  'loss_count',
  'gross_profit',
  'gross_loss',
  'total_fees',
  'avg_win_usdt',
  'avg_loss_usdt',
  'largest_win_usdt',
  'largest_loss_usdt',
  'avg_trade_duration_bars',
  'avg_winning_trade_duration_bars',
  'avg_losing_trade_duration_bars',
  'max_consecutive_wins',
  'max_consecutive_losses',
  'expectancy_usdt',
  'payoff_ratio',
  'long_trades',
  'short_trades',
  'long_win_rate',
  'short_win_rate',
  'long_pnl',
  'short_pnl',
  'bars_in_position',
  'time_in_market_pct',
  'mae_avg_pct',
  'mfe_avg_pct',
  'breakeven_trades',
] as const satisfies readonly (keyof Metrics)[];

/** Every field derived from the period returns; all are 0 when there are fewer than 2 returns or all are 0. */
const RETURN_FIELDS = [
  'sharpe',
  'sortino',
  'omega_ratio',
  'skewness',
  'kurtosis',
  'var_95_pct',
  'cvar_95_pct',
] as const satisfies readonly (keyof Metrics)[];

function expectAllZero(metrics: Metrics, fields: readonly (keyof Metrics)[]): void {
  for (const field of fields) expect(metrics[field], field).toBe(0);
}

function expectEveryFieldFinite(metrics: Metrics): void {
  for (const [field, value] of Object.entries(metrics)) {
    if (field !== 'profit_factor_mode') expect(Number.isFinite(value), field).toBe(true);
  }
}

describe('no trades', () => {
  const metrics = computeMetrics(makeInput([1000, 1010, 1005, 1020]));

  it('sets every trade field to 0 and profit_factor_mode to undefined', () => {
    expectAllZero(metrics, TRADE_FIELDS);
    expect(metrics.profit_factor_mode).toBe('undefined');
  });

  it('still computes the curve metrics', () => {
    expect(metrics.net_profit).toBe(20);
    expect(metrics.max_drawdown_abs).toBe(5);
    expect(metrics.total_bars).toBe(3);
  });
});

describe('one trade', () => {
  it('a single win gives win_rate 100, an infinite profit factor (100) and payoff 0', () => {
    const trade = makeTrade({
      netPnl: 20,
      entryBarIndex: 1,
      exitBarIndex: 2,
      entryNotional: 500,
      maePct: 0.4,
    });
    const m = computeMetrics(makeInput([1000, 1010, 1020], { trades: [trade] }));
    expect(m.total_trades).toBe(1);
    expect(m.win_rate).toBe(100);
    expect(m.profit_factor).toBe(100);
    expect(m.profit_factor_mode).toBe('infinite');
    expect(m.payoff_ratio).toBe(0);
    expect(m.avg_trade_return_pct).toBe(4);
    expect(m.largest_win_usdt).toBe(20);
    expect(m.largest_loss_usdt).toBe(0);
    expect(m.avg_trade_duration_bars).toBe(1);
    expect(m.avg_winning_trade_duration_bars).toBe(1);
    expect(m.avg_losing_trade_duration_bars).toBe(0);
    expect(m.max_consecutive_wins).toBe(1);
    expect(m.bars_in_position).toBe(2);
    expect(m.time_in_market_pct).toBe(100);
    expect(m.mae_avg_pct).toBe(0.4);
  });

  it('a single loss gives profit factor 0 in finite mode and a loss-signed largest loss', () => {
    const trade = makeTrade({ netPnl: -30, side: 'short' });
    const m = computeMetrics(makeInput([1000, 970], { trades: [trade] }));
    expect(m.profit_factor).toBe(0);
    expect(m.profit_factor_mode).toBe('finite');
    expect(m.gross_loss).toBe(30);
    expect(m.largest_loss_usdt).toBe(30);
    expect(m.avg_loss_usdt).toBe(30);
    expect(m.short_pnl).toBe(-30);
    expect(m.short_win_rate).toBe(0);
    expect(m.max_consecutive_losses).toBe(1);
  });

  it('a single breakeven trade counts as neither win nor loss', () => {
    const m = computeMetrics(makeInput([1000, 1000], { trades: [makeTrade({ netPnl: 0 })] }));
    expect(m.breakeven_trades).toBe(1);
    expect(m.win_count + m.loss_count).toBe(0);
    expect(m.profit_factor_mode).toBe('undefined');
    expect(m.profit_factor).toBe(0);
  });
});

describe('all winners', () => {
  const trades = [10, 20, 30, 40].map((pnl, i) =>
    makeTrade({ netPnl: pnl, entryBarIndex: i + 1, exitBarIndex: i + 1 }),
  );
  const m = computeMetrics(makeInput([1000, 1010, 1030, 1060, 1100], { trades }));

  it('reports the streak, the sums and the no-loss sentinels', () => {
    expect(m.win_rate).toBe(100);
    expect(m.max_consecutive_wins).toBe(4);
    expect(m.max_consecutive_losses).toBe(0);
    expect(m.gross_profit).toBe(100);
    expect(m.gross_loss).toBe(0);
    expect(m.profit_factor).toBe(100);
    expect(m.profit_factor_mode).toBe('infinite');
    expect(m.payoff_ratio).toBe(0);
    expect(m.avg_win_usdt).toBe(25);
    expect(m.largest_win_usdt).toBe(40);
    expect(m.expectancy_usdt).toBe(25);
  });

  it('has no drawdown, so Calmar is the zero-drawdown sentinel 100 and recovery factor 0', () => {
    expect(m.max_drawdown_abs).toBe(0);
    expect(m.calmar).toBe(100);
    expect(m.recovery_factor).toBe(0);
    expect(m.sortino).toBe(100);
    expect(m.omega_ratio).toBe(100);
  });
});

describe('all losers', () => {
  const trades = [-10, -20, -30].map((pnl, i) =>
    makeTrade({ netPnl: pnl, entryBarIndex: i + 1, exitBarIndex: i + 1, side: i === 1 ? 'short' : 'long' }),
  );
  const m = computeMetrics(makeInput([1000, 990, 970, 940], { trades }));

  it('reports win rate 0, profit factor 0 and the loss streak', () => {
    expect(m.win_rate).toBe(0);
    expect(m.profit_factor).toBe(0);
    expect(m.profit_factor_mode).toBe('finite');
    expect(m.payoff_ratio).toBe(0);
    expect(m.max_consecutive_losses).toBe(3);
    expect(m.gross_loss).toBe(60);
    expect(m.avg_loss_usdt).toBe(20);
    expect(m.largest_loss_usdt).toBe(30);
    expect(m.long_pnl).toBe(-40);
    expect(m.short_pnl).toBe(-20);
  });

  it('caps ratios built on a strictly falling curve', () => {
    expect(m.omega_ratio).toBe(0);
    expect(m.sortino).toBeLessThan(0);
    expect(m.calmar).toBeGreaterThanOrEqual(-100);
    expect(m.recovery_factor).toBe(-1);
  });
});

describe('flat equity', () => {
  const m = computeMetrics(makeInput([1000, 1000, 1000, 1000, 1000]));

  it('has zero drawdown, zero returns and every undefined ratio at 0', () => {
    expect(m.max_drawdown_abs).toBe(0);
    expect(m.max_drawdown_pct).toBe(0);
    expect(m.max_drawdown_duration_bars).toBe(0);
    expect(m.ulcer_index).toBe(0);
    expect(m.calmar).toBe(0);
    expect(m.recovery_factor).toBe(0);
    expectAllZero(m, RETURN_FIELDS);
    expect(m.net_return_pct).toBe(0);
  });

  it('treats points equal to the peak as recovered (duration 0)', () => {
    expect(m.max_drawdown_duration_bars).toBe(0);
  });
});

describe('a single equity point', () => {
  const m = computeMetrics(makeInput([5000]));

  it('has no periods: total_bars 0, time in market 0, every return metric 0 and Calmar 0', () => {
    expect(m.total_bars).toBe(0);
    expect(m.time_in_market_pct).toBe(0);
    expect(m.initial_equity).toBe(5000);
    expect(m.final_equity).toBe(5000);
    expect(m.calmar).toBe(0);
    expectAllZero(m, RETURN_FIELDS);
    expectEveryFieldFinite(m);
  });
});

describe('a drawdown that never recovers', () => {
  const m = computeMetrics(makeInput([100, 120, 110, 100, 90]));

  it('counts the run still open at the end', () => {
    expect(m.max_drawdown_duration_bars).toBe(3);
    expect(m.max_drawdown_abs).toBe(30);
    expect(m.max_drawdown_pct).toBe(25);
  });

  it('gives a negative recovery factor and Calmar', () => {
    expect(m.recovery_factor).toBeCloseTo(-10 / 30, 15);
    expect(m.calmar).toBeLessThan(0);
    expect(m.calmar).toBeGreaterThanOrEqual(-100);
  });

  it('averages the squared drawdown percentages over all N + 1 points for the ulcer index', () => {
    const pct = [0, 0, (10 / 120) * 100, (20 / 120) * 100, (30 / 120) * 100];
    const expected = Math.sqrt(pct.reduce((s, p) => s + p * p, 0) / pct.length);
    expect(m.ulcer_index).toBeCloseTo(expected, 12);
  });
});

describe('funding-only PnL', () => {
  const m = computeMetrics(makeInput([1000, 995, 998, 997], { funding: [-5, 3, -1] }));

  it('splits funding into paid and received and nets it', () => {
    expect(m.total_funding_paid_usdt).toBe(6);
    expect(m.total_funding_received_usdt).toBe(3);
    expect(m.net_funding_usdt).toBe(-3);
  });

  it('explains the equity change without any trade', () => {
    expect(m.net_profit).toBe(-3);
    expect(m.total_trades).toBe(0);
    expect(metricsConsistencyViolations(m)).toEqual([]);
  });

  it('keeps funding out of total_fees', () => {
    expect(m.total_fees).toBe(0);
  });
});

describe('funding given as records', () => {
  it('reads the signed cashFlow of simulator-shaped funding records', () => {
    const records = [
      { fundingId: 'F1', side: 'long' as const, payment: 5, cashFlow: -5, cashFlowString: '-5.00000000' },
      { fundingId: 'F2', side: 'short' as const, payment: 3, cashFlow: 3, cashFlowString: '3.00000000' },
    ];
    const fromRecords = computeMetrics(makeInput([1000, 998], { funding: records }));
    const fromNumbers = computeMetrics(makeInput([1000, 998], { funding: [-5, 3] }));
    expect(fromRecords).toEqual(fromNumbers);
    expect(fromRecords.net_funding_usdt).toBe(-2);
  });
});
