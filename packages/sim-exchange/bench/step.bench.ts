import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BTCUSDT_INSTRUMENT, type Candles, findSharedDir, parseCandlesCsv } from '@trade/core';
import { afterAll, bench, describe } from 'vitest';
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

/**
 * vitest reports wall-clock hz; on a shared machine the process gets only part of a core, so each case also
 * accumulates its CPU time (user + system, all threads of the process) and prints bars per CPU-second.
 */
const cpuTotals = new Map<string, { runs: number; cpuMs: number; wallMs: number }>();

function measured(name: string, fn: () => void): () => void {
  return () => {
    const wall0 = performance.now();
    const cpu0 = process.cpuUsage();
    fn();
    const cpu = process.cpuUsage(cpu0);
    const entry = cpuTotals.get(name) ?? { runs: 0, cpuMs: 0, wallMs: 0 };
    entry.runs++;
    entry.cpuMs += (cpu.user + cpu.system) / 1000;
    entry.wallMs += performance.now() - wall0;
    cpuTotals.set(name, entry);
  };
}

afterAll(() => {
  for (const [name, e] of cpuTotals) {
    const perCpu = (BARS * e.runs) / (e.cpuMs / 1000);
    const perWall = (BARS * e.runs) / (e.wallMs / 1000);
    console.log(
      `${name}: ${(perCpu / 1e6).toFixed(2)}M bars per CPU-second, ${(perWall / 1e6).toFixed(2)}M bars/s wall (${e.runs} runs)`,
    );
  }
});

describe.skipIf(candles === undefined)('stepMinute over 1,000,000 real 1m bars', () => {
  for (const snapshots of ['every_bar', 'latest'] as const) {
    const quiet = `open position with TP/SL, no trigger (snapshots: ${snapshots})`;
    bench(
      quiet,
      measured(quiet, () => run(0, snapshots)),
      OPTIONS,
    );
    const busy = `market order every 100 bars (snapshots: ${snapshots})`;
    bench(
      busy,
      measured(busy, () => run(100, snapshots)),
      OPTIONS,
    );
  }
});
