/**
 * Question: how many bar updates per second does each detector sustain over 1M bars (target ≥ 5M/s for swing
 * and rolling_window, ≥ 1M/s for the others)? One bench op = one pass over 1,000,000 bars, so updates/s =
 * ops/s × 1e6. Each op steps the detector together with the dependencies it needs (swing for most), exactly
 * as the engine would; the figure is therefore bars per second of the whole chain.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allocateCandles, type Candles, createPrng } from '@trade/core';
import { computeSeries } from '@trade/indicators';
import { bench, describe } from 'vitest';
import {
  buildStructureChain,
  type DependencySpecs,
  type StructureBar,
  type StructureDetector,
} from '../src/index';

const BARS = 1_000_000;

/** A 1M-bar 1m random walk around 100k with realistic wicks (BTC-like). */
function walk(n: number): Candles {
  const rng = createPrng(2026, 0);
  const c = allocateCandles(n);
  let price = 100_000;
  for (let i = 0; i < n; i++) {
    const open = price;
    price *= 1 + 0.0008 * rng.normal();
    c.ts[i] = i * 60_000;
    c.open[i] = open;
    c.close[i] = price;
    c.high[i] = Math.max(open, price) * (1 + 0.0004 * rng.uniform());
    c.low[i] = Math.min(open, price) * (1 - 0.0004 * rng.uniform());
    c.volume[i] = 1 + 10 * rng.uniform();
  }
  return c;
}

const candles = walk(BARS);
const atr = computeSeries('atr', { length: 14 }, candles).value!;

class Cursor implements StructureBar {
  idx = 0;
  ts = 0;
  open = 0;
  high = 0;
  low = 0;
  close = 0;
  volume = 0;
  ind(_key: string): number {
    return atr[this.idx]!;
  }
}

function runChain(chain: StructureDetector[]): void {
  for (const d of chain) d.reset();
  const bar = new Cursor();
  const { ts, open, high, low, close, volume } = candles;
  const k = chain.length;
  for (let i = 0; i < BARS; i++) {
    bar.idx = i;
    bar.ts = ts[i]!;
    bar.open = open[i]!;
    bar.high = high[i]!;
    bar.low = low[i]!;
    bar.close = close[i]!;
    bar.volume = volume[i]!;
    for (let j = 0; j < k; j++) chain[j]!.update(bar);
  }
}

const S = { swing: { params: { left: 5, right: 5 } } };
const CASES: [string, string, Record<string, unknown>, DependencySpecs][] = [
  ['swing (fractal 5/5)', 'swing', { left: 5, right: 5 }, {}],
  ['swing (atr_zigzag)', 'swing', { mode: 'atr_zigzag' }, {}],
  ['rolling_window (size 100)', 'rolling_window', { size: 100, source: 'low', mode: 'min' }, {}],
  ['trend', 'trend', {}, S],
  ['market_structure', 'market_structure', {}, S],
  ['zone', 'zone', { zone_type: 'demand', width_atr: 0.5 }, S],
  ['fibonacci', 'fibonacci', { levels: [0.382, 0.5, 0.618, 1] }, S],
  ['derived_zone', 'derived_zone', { levels: [0.5, 0.618, 0.786], max_active: 6 }, S],
  ['displacement', 'displacement', {}, {}],
  ['fair_value_gap', 'fair_value_gap', {}, {}],
  ['order_block', 'order_block', {}, S],
  ['liquidity_zones', 'liquidity_zones', {}, S],
  ['premium_discount', 'premium_discount', {}, S],
  ['breaker_block', 'breaker_block', {}, { order_block: { uses: S }, market_structure: { uses: S } }],
];

/** CPU time per case (user + system), so figures stay meaningful on a machine shared with other jobs. */
const cpu = new Map<string, { micros: number; runs: number }>();

/**
 * Writes the CPU-time table after every op: vitest bench shows no console output and runs no afterAll hooks, so
 * the table lives in a file (`$TMPDIR/trade-structures-bench-cpu.txt`).
 */
function writeCpuTable(): void {
  const lines = [...cpu].map(([name, { micros, runs }]) => {
    const perSecond = (BARS * runs) / (micros / 1e6);
    return `${name.padEnd(28)} ${(perSecond / 1e6).toFixed(2)} M updates per CPU-second (${runs} runs)`;
  });
  writeFileSync(join(tmpdir(), 'trade-structures-bench-cpu.txt'), `${lines.join('\n')}\n`);
}

describe('structures: 1M bar updates per op', () => {
  for (const [name, type, params, deps] of CASES) {
    const chain = buildStructureChain(type, params, deps);
    bench(
      name,
      () => {
        const t0 = process.cpuUsage();
        runChain(chain);
        const used = process.cpuUsage(t0);
        const entry = cpu.get(name) ?? { micros: 0, runs: 0 };
        entry.micros += used.user + used.system;
        entry.runs += 1;
        cpu.set(name, entry);
        writeCpuTable();
      },
      { iterations: 3, warmupIterations: 1, time: 0, warmupTime: 0 },
    );
  }
});
