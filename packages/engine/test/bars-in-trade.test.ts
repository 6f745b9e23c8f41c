import { BTCUSDT_INSTRUMENT } from '@trade/core';
import { generateSynthetic } from '@trade/data';
import { compilePlay, parsePlay } from '@trade/play';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../src/index';

/** Long on every 15m close while flat; the signal exit fires once `position.bars_in_trade >= n`. */
function holdFor(n: number) {
  const compiled = compilePlay(
    parsePlay(`version: "3.0.0"
name: hold_${n}_bars
symbol: BTCUSDT
timeframes: {low_tf: 15m, med_tf: 15m, high_tf: 15m, exec: low_tf}
account: {starting_equity_usdt: 10000, max_leverage: 1, max_drawdown_pct: 90, slippage_bps: 0, fee_model: {taker_bps: 5.5, maker_bps: 2.0}}
features:
  ema_5: {indicator: ema, params: {length: 5}}
actions:
  entry_long: [["ema_5", ">", 0]]
  exit_long: [["position.bars_in_trade", ">=", ${n}]]
position_policy: {mode: long_only, exit_mode: signal}
risk: {stop_loss_pct: 50, max_position_pct: 10}
`),
  );
  const candles1m = generateSynthetic({
    pattern: 'ranging',
    tfs: ['15m'],
    bars: 200,
    leadInBars: 50,
    seed: 3,
  }).candles1m;
  return runBacktest({
    compiled,
    candles1m,
    instrument: { ...BTCUSDT_INSTRUMENT },
    funding: { source: 'none' },
    dataMode: 'synthetic',
    window: null,
  });
}

describe('position.bars_in_trade (play-dsl.md §6: exec closes since the entry fill)', () => {
  it.each([1, 3])('an exit on bars_in_trade >= %i fires at the n-th exec close after the fill', (n) => {
    const run = holdFor(n);
    const signalExits = run.trades.filter((t) => t.exit_reason === 'signal');
    expect(signalExits.length).toBeGreaterThan(5);
    for (const t of signalExits) {
      // Entry fills at the open of the minute after an exec close (entry + 1m); the n-th 15m close after it is
      // at entry + 15n − 1 minutes, and the exit order fills at the next minute's open: 15n minutes in all.
      expect(t.duration_minutes, `trade ${t.trade_id}`).toBe(15 * n);
    }
  });
});
