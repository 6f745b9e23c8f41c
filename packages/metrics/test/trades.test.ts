import { describe, expect, it } from 'vitest';
import { computeMetrics, type TradeRecord } from '../src/index';
import { makeInput, makeTrade } from './fixtures';

function withTrades(trades: TradeRecord[], bars = 20) {
  return computeMetrics(makeInput(new Array<number>(bars + 1).fill(1000), { trades }));
}

describe('streaks', () => {
  it('are counted in close order, not in the order trades are passed', () => {
    const trades = [
      makeTrade({ tradeId: 'A', netPnl: 5, exitBarIndex: 4 }),
      makeTrade({ tradeId: 'B', netPnl: -5, exitBarIndex: 2 }),
      makeTrade({ tradeId: 'C', netPnl: 5, exitBarIndex: 3 }),
      makeTrade({ tradeId: 'D', netPnl: -5, exitBarIndex: 1 }),
    ];
    // close order D(−) B(−) C(+) A(+)
    const m = withTrades(trades);
    expect(m.max_consecutive_losses).toBe(2);
    expect(m.max_consecutive_wins).toBe(2);
  });

  it('break ties within one bar by trade id, T2 before T10', () => {
    const trades = [
      makeTrade({ tradeId: 'T10', netPnl: -1, exitBarIndex: 5 }),
      makeTrade({ tradeId: 'T3', netPnl: 1, exitBarIndex: 5 }),
      makeTrade({ tradeId: 'T2', netPnl: -1, exitBarIndex: 5 }),
      makeTrade({ tradeId: 'T1', netPnl: -1, exitBarIndex: 5 }),
    ];
    // close order T1(−) T2(−) T3(+) T10(−)
    expect(withTrades(trades).max_consecutive_losses).toBe(2);
  });

  it('break ties within one bar by close time when both trades carry one', () => {
    const trades = [
      makeTrade({ tradeId: 'T1', netPnl: -1, exitBarIndex: 5, closeTime: 3_000 }),
      makeTrade({ tradeId: 'T2', netPnl: 1, exitBarIndex: 5, closeTime: 1_000 }),
      makeTrade({ tradeId: 'T3', netPnl: -1, exitBarIndex: 5, closeTime: 2_000 }),
    ];
    // close order T2(+) T3(−) T1(−)
    expect(withTrades(trades).max_consecutive_losses).toBe(2);
  });

  it('are reset by a breakeven trade', () => {
    const pnls = [1, 1, 0, 1, -1, -1, 0, -1];
    const trades = pnls.map((netPnl, i) => makeTrade({ netPnl, entryBarIndex: i + 1, exitBarIndex: i + 1 }));
    const m = withTrades(trades);
    expect(m.max_consecutive_wins).toBe(2);
    expect(m.max_consecutive_losses).toBe(2);
    expect(m.breakeven_trades).toBe(2);
  });
});

describe('bars_in_position', () => {
  it('counts the union of [entry, exit] bar intervals: overlaps and shared bars once', () => {
    const trades = [
      makeTrade({ netPnl: 1, entryBarIndex: 2, exitBarIndex: 5 }),
      makeTrade({ netPnl: 1, entryBarIndex: 1, exitBarIndex: 3 }),
      makeTrade({ netPnl: 1, entryBarIndex: 7, exitBarIndex: 7 }),
      makeTrade({ netPnl: 1, entryBarIndex: 7, exitBarIndex: 8 }),
      makeTrade({ netPnl: 1, entryBarIndex: 9, exitBarIndex: 9 }),
      makeTrade({ netPnl: 1, entryBarIndex: 12, exitBarIndex: 12 }),
    ];
    // bars 1–5, 7–9, 12
    const m = withTrades(trades, 20);
    expect(m.bars_in_position).toBe(9);
    expect(m.time_in_market_pct).toBe(45);
  });

  it('counts a same-bar trade as one bar with duration 0', () => {
    const m = withTrades([makeTrade({ netPnl: 1, entryBarIndex: 4, exitBarIndex: 4 })], 10);
    expect(m.bars_in_position).toBe(1);
    expect(m.avg_trade_duration_bars).toBe(0);
  });
});

describe('per-trade averages', () => {
  it('average pnlPct = netPnl / entryNotional × 100 per trade, not over the summed notional', () => {
    const trades = [
      makeTrade({ netPnl: 10, entryNotional: 100 }),
      makeTrade({ netPnl: -10, entryNotional: 1000 }),
    ];
    expect(withTrades(trades).avg_trade_return_pct).toBeCloseTo((10 - 1) / 2, 12);
  });

  it('sum every trade fee into total_fees, a maker rebate included', () => {
    const trades = [makeTrade({ netPnl: 1, fees: 2.5 }), makeTrade({ netPnl: 1, fees: -0.5 })];
    expect(withTrades(trades).total_fees).toBe(2);
  });

  it('split long and short counts, win rates and PnL', () => {
    const trades = [
      makeTrade({ netPnl: 3, side: 'long' }),
      makeTrade({ netPnl: -1, side: 'long' }),
      makeTrade({ netPnl: -2, side: 'short' }),
      makeTrade({ netPnl: 0, side: 'short' }),
    ];
    const m = withTrades(trades);
    expect([m.long_trades, m.short_trades]).toEqual([2, 2]);
    expect([m.long_win_rate, m.short_win_rate]).toEqual([50, 0]);
    expect([m.long_pnl, m.short_pnl]).toEqual([2, -2]);
  });
});

describe('simulator-shaped trades', () => {
  it('accept a null closeTime and ignore extra fields', () => {
    const simLike = {
      ...makeTrade({ netPnl: 4, exitBarIndex: 2 }),
      closeTime: null,
      exitReason: 'tp',
      fillIds: ['F000001'],
    };
    expect(withTrades([simLike]).win_count).toBe(1);
  });
});

describe('inputs', () => {
  it('are not modified: trades keep their order and the equity curve its values', () => {
    const trades = [makeTrade({ netPnl: 1, exitBarIndex: 3 }), makeTrade({ netPnl: -1, exitBarIndex: 1 })];
    const equity = new Float64Array([1000, 1005, 990, 1000]);
    const tradesBefore = [...trades];
    const equityBefore = equity.slice();
    computeMetrics(makeInput(equity, { trades }));
    expect(trades).toEqual(tradesBefore);
    expect(trades[0]).toBe(tradesBefore[0]);
    expect(equity).toEqual(equityBefore);
  });
});
