import type { TradeRecord } from './input';
import { capRatio, type ProfitFactorMode, RATIO_CAP } from './metrics';

/** Trade-derived metrics (metrics.md §4 #10–13, 17–32, 35–40, 42, 61–63). */
export interface TradeStats {
  readonly total_trades: number;
  readonly win_count: number;
  readonly loss_count: number;
  readonly breakeven_trades: number;
  readonly win_rate: number;
  readonly avg_trade_return_pct: number;
  readonly profit_factor: number;
  readonly profit_factor_mode: ProfitFactorMode;
  readonly gross_profit: number;
  readonly gross_loss: number;
  readonly total_fees: number;
  readonly avg_win_usdt: number;
  readonly avg_loss_usdt: number;
  readonly largest_win_usdt: number;
  readonly largest_loss_usdt: number;
  readonly avg_trade_duration_bars: number;
  readonly avg_winning_trade_duration_bars: number;
  readonly avg_losing_trade_duration_bars: number;
  readonly max_consecutive_wins: number;
  readonly max_consecutive_losses: number;
  readonly expectancy_usdt: number;
  readonly payoff_ratio: number;
  readonly long_trades: number;
  readonly short_trades: number;
  readonly long_win_rate: number;
  readonly short_win_rate: number;
  readonly long_pnl: number;
  readonly short_pnl: number;
  readonly bars_in_position: number;
  readonly mae_avg_pct: number;
  readonly mfe_avg_pct: number;
}

/** `numerator / count`, or 0 when there is nothing to average. */
function meanOr0(numerator: number, count: number): number {
  return count === 0 ? 0 : numerator / count;
}

/** `part / whole × 100` in that operation order (metrics.md §4), or 0 when `whole = 0`. */
function percentOf(part: number, whole: number): number {
  return whole === 0 ? 0 : (part / whole) * 100;
}

/**
 * Orders sequential trade ids in creation order whether or not they are zero-padded (`T2` before `T10`): shorter
 * first, then by UTF-16 code units. Locale-free, so the order is the same on every machine.
 */
export function compareTradeIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Close order of metrics.md §2: exit bar, then close time when both trades carry one, then trade id. */
export function compareTradesByClose(a: TradeRecord, b: TradeRecord): number {
  if (a.exitBarIndex !== b.exitBarIndex) return a.exitBarIndex - b.exitBarIndex;
  const aTime = a.closeTime ?? undefined;
  const bTime = b.closeTime ?? undefined;
  if (aTime !== undefined && bTime !== undefined && aTime !== bTime) return aTime - bTime;
  return compareTradeIds(a.tradeId, b.tradeId);
}

/** Trades in close order; the input array itself when it is already ordered (the usual case). */
function inCloseOrder(trades: readonly TradeRecord[]): readonly TradeRecord[] {
  for (let i = 1; i < trades.length; i++) {
    if (compareTradesByClose(trades[i - 1]!, trades[i]!) > 0) return [...trades].sort(compareTradesByClose);
  }
  return trades;
}

/** `|⋃ [entryBarIndex, exitBarIndex]|` over integer bar indices, by sorting the intervals and merging them. */
export function barsInPosition(trades: readonly TradeRecord[]): number {
  const count = trades.length;
  if (count === 0) return 0;
  const starts = new Float64Array(count);
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    starts[i] = trades[i]!.entryBarIndex;
    order[i] = i;
  }
  order.sort((x, y) => starts[x]! - starts[y]!);
  let covered = 0;
  let runStart = Number.NaN;
  let runEnd = Number.NaN;
  for (let j = 0; j < count; j++) {
    const trade = trades[order[j]!]!;
    if (j > 0 && trade.entryBarIndex <= runEnd + 1) {
      if (trade.exitBarIndex > runEnd) runEnd = trade.exitBarIndex;
      continue;
    }
    if (j > 0) covered += runEnd - runStart + 1;
    runStart = trade.entryBarIndex;
    runEnd = trade.exitBarIndex;
  }
  return covered + (runEnd - runStart + 1);
}

export function tradeStats(input: readonly TradeRecord[]): TradeStats {
  const trades = inCloseOrder(input);
  const total = trades.length;
  let wins = 0;
  let losses = 0;
  let grossProfit = 0;
  let lossSum = 0;
  let fees = 0;
  let pnlSum = 0;
  let pnlPctSum = 0;
  let largestWin = 0;
  let mostNegativeLoss = 0;
  let durationSum = 0;
  let winDurationSum = 0;
  let lossDurationSum = 0;
  let winStreak = 0;
  let lossStreak = 0;
  let longestWinStreak = 0;
  let longestLossStreak = 0;
  let longs = 0;
  let longWins = 0;
  let shortWins = 0;
  let longPnl = 0;
  let shortPnl = 0;
  let maeSum = 0;
  let mfeSum = 0;

  for (const trade of trades) {
    const pnl = trade.netPnl;
    const duration = trade.exitBarIndex - trade.entryBarIndex;
    const isLong = trade.side === 'long';
    pnlSum += pnl;
    pnlPctSum += (pnl / trade.entryNotional) * 100;
    fees += trade.fees;
    durationSum += duration;
    maeSum += trade.maePct;
    mfeSum += trade.mfePct;
    if (isLong) {
      longs++;
      longPnl += pnl;
    } else {
      shortPnl += pnl;
    }
    if (pnl > 0) {
      wins++;
      grossProfit += pnl;
      winDurationSum += duration;
      if (pnl > largestWin) largestWin = pnl;
      if (isLong) longWins++;
      else shortWins++;
      winStreak++;
      lossStreak = 0;
      if (winStreak > longestWinStreak) longestWinStreak = winStreak;
    } else if (pnl < 0) {
      losses++;
      lossSum += pnl;
      lossDurationSum += duration;
      if (pnl < mostNegativeLoss) mostNegativeLoss = pnl;
      lossStreak++;
      winStreak = 0;
      if (lossStreak > longestLossStreak) longestLossStreak = lossStreak;
    } else {
      winStreak = 0;
      lossStreak = 0;
    }
  }

  const grossLoss = Math.abs(lossSum);
  const shorts = total - longs;
  const avgWin = meanOr0(grossProfit, wins);
  const avgLoss = meanOr0(grossLoss, losses);

  let profitFactor = 0;
  let profitFactorMode: ProfitFactorMode = 'undefined';
  if (grossLoss > 0) {
    profitFactor = capRatio(grossProfit / grossLoss);
    profitFactorMode = 'finite';
  } else if (grossProfit > 0) {
    profitFactor = RATIO_CAP;
    profitFactorMode = 'infinite';
  }

  return {
    total_trades: total,
    win_count: wins,
    loss_count: losses,
    breakeven_trades: total - wins - losses,
    win_rate: percentOf(wins, total),
    avg_trade_return_pct: meanOr0(pnlPctSum, total),
    profit_factor: profitFactor,
    profit_factor_mode: profitFactorMode,
    gross_profit: grossProfit,
    gross_loss: grossLoss,
    total_fees: fees,
    avg_win_usdt: avgWin,
    avg_loss_usdt: avgLoss,
    largest_win_usdt: largestWin,
    largest_loss_usdt: Math.abs(mostNegativeLoss),
    avg_trade_duration_bars: meanOr0(durationSum, total),
    avg_winning_trade_duration_bars: meanOr0(winDurationSum, wins),
    avg_losing_trade_duration_bars: meanOr0(lossDurationSum, losses),
    max_consecutive_wins: longestWinStreak,
    max_consecutive_losses: longestLossStreak,
    expectancy_usdt: meanOr0(pnlSum, total),
    payoff_ratio: losses === 0 ? 0 : capRatio(avgWin / avgLoss),
    long_trades: longs,
    short_trades: shorts,
    long_win_rate: percentOf(longWins, longs),
    short_win_rate: percentOf(shortWins, shorts),
    long_pnl: longPnl,
    short_pnl: shortPnl,
    bars_in_position: barsInPosition(trades),
    mae_avg_pct: meanOr0(maeSum, total),
    mfe_avg_pct: meanOr0(mfeSum, total),
  };
}
