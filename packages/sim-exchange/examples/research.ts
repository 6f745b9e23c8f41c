import { readFileSync } from 'node:fs';
import { BTCUSDT_INSTRUMENT, parseCandlesCsv, sharedPath } from '@trade/core';
import { type Bar1m, SimExchange } from '@trade/sim-exchange';

const c = parseCandlesCsv(readFileSync(sharedPath('data', 'klines', 'bybit', 'BTCUSDT_1m.csv'), 'utf8'));
const barAt = (i: number): Bar1m => ({
  openTime: c.ts[i]!,
  open: c.open[i]!,
  high: c.high[i]!,
  low: c.low[i]!,
  close: c.close[i]!,
  volume: c.volume[i]!,
});
const sim = new SimExchange(BTCUSDT_INSTRUMENT, { initialWalletUsdt: 10_000, leverage: 20 });
sim.stepMinute(barAt(0)); // a last close to validate against; orders arrive at the next bar open
sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.5, stopLossOffset: 1_500, tag: 'research' });
for (let i = 1; i < 1_440 && !sim.stopped; i++) {
  sim.stepMinute(barAt(i));
  if (i === 1) console.log('entry', sim.fills[0]?.price, 'liquidation price', sim.position?.liqPrice);
}
console.log('ledger', sim.ledger);
sim.stop('end_of_data'); // closes what is still open at the last close
const t = sim.trades[0];
console.log('trade', t?.exitReason, t?.netPnl, 'final wallet', sim.result().finalWallet);
