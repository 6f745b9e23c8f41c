import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BTCUSDT_INSTRUMENT, type Candles, findSharedDir, parseCandlesCsv } from '@trade/core';
import { bench, describe } from 'vitest';
import { SimExchange } from '../src/index';

/**
 * Throughput of `stepMinute` over 1,000,000 real BTCUSDT 1m bars (the 43,200-bar file replayed with shifted
 * times). Bars/s = hz × 1,000,000. Targets (sim-exchange.md §18): ≥ 5M bars/s with an open position carrying
 * TP/SL and no trigger; ≥ 1M bars/s with a market order every 100 bars.
 */

const BARS = 1_000_000;
const shared = findSharedDir();
const candles: Candles | undefined =
  shared === undefined
    ? undefined
    : parseCandlesCsv(readFileSync(join(shared, 'data', 'klines', 'bybit', 'BTCUSDT_1m.csv'), 'utf8'));

/** One mutable bar reused for every step, as an engine reading columnar candles would do. */
interface MutableBar {
  openTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

function run(orderEvery: number, snapshots: 'every_bar' | 'latest'): SimExchange {
  const c = candles!;
  const sim = new SimExchange(
    BTCUSDT_INSTRUMENT,
    { initialWalletUsdt: 1_000_000, leverage: 2 },
    { expectedBars: BARS, snapshots },
  );
  const bar: MutableBar = { openTime: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  const n = c.length;
  const t0 = c.ts[0]!;
  let long = false;
  for (let i = 0; i < BARS; i++) {
    const k = i % n;
    bar.openTime = t0 + i * 60_000;
    bar.open = c.open[k]!;
    bar.high = c.high[k]!;
    bar.low = c.low[k]!;
    bar.close = c.close[k]!;
    bar.volume = c.volume[k]!;
    if (orderEvery === 0) {
      if (i === 0) {
        sim.submitOrder({
          side: 'Buy',
          orderType: 'Market',
          qty: 0.01,
          takeProfit: 1_000_000,
          stopLoss: 1_000,
        });
      }
    } else if (i % orderEvery === 0) {
      sim.submitOrder({ side: long ? 'Sell' : 'Buy', orderType: 'Market', qty: 0.01 });
      long = !long;
    }
    sim.stepMinute(bar);
  }
  return sim;
}

const OPTIONS = { iterations: 3, warmupIterations: 1 };

describe.skipIf(candles === undefined)('stepMinute over 1,000,000 real 1m bars', () => {
  for (const snapshots of ['every_bar', 'latest'] as const) {
    bench(
      `open position with TP/SL, no trigger (snapshots: ${snapshots})`,
      () => {
        run(0, snapshots);
      },
      OPTIONS,
    );
    bench(
      `market order every 100 bars (snapshots: ${snapshots})`,
      () => {
        run(100, snapshots);
      },
      OPTIONS,
    );
  }
});
