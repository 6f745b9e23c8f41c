import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  allocateCandles,
  type Candles,
  createPrng,
  findSharedDir,
  parseCandlesCsv,
  sliceCandles,
} from '@trade/core';
import { computeSeries } from '@trade/indicators';

/**
 * Parity datasets after validation.md §6.3 (2000 bars, 15m, base 100, seed 42), built here from closes:
 * O = previous C, H/L = max/min(O, C) stretched by a seeded fraction. Plus real BTCUSDT bars from the shared kit.
 */

const FIFTEEN_MINUTES = 15 * 60_000;
const START = Date.UTC(2024, 0, 1);

function fromCloses(closes: readonly number[], seed: number, wick = 0.001): Candles {
  const rng = createPrng(seed, 3);
  const c = allocateCandles(closes.length);
  for (let i = 0; i < closes.length; i++) {
    const close = closes[i]!;
    const open = i === 0 ? close : closes[i - 1]!;
    c.ts[i] = START + i * FIFTEEN_MINUTES;
    c.open[i] = open;
    c.close[i] = close;
    c.high[i] = Math.max(open, close) * (1 + wick * rng.uniform());
    c.low[i] = Math.min(open, close) * (1 - wick * rng.uniform());
    c.volume[i] = 1 + Math.floor(999 * rng.uniform());
  }
  return c;
}

export function flatDataset(n = 2000): Candles {
  const c = allocateCandles(n);
  for (let i = 0; i < n; i++) {
    c.ts[i] = START + i * FIFTEEN_MINUTES;
    c.open[i] = c.high[i] = c.low[i] = c.close[i] = 100;
    c.volume[i] = 1;
  }
  return c;
}

export function gapsDataset(n = 2000): Candles {
  const rng = createPrng(42, 1);
  const closes: number[] = [100];
  for (let i = 1; i < n; i++) {
    const jump = i % 50 === 0 ? (Math.floor(i / 50) % 2 === 1 ? 1.05 : 0.95) : 1;
    closes.push(closes[i - 1]! * jump * (1 + 0.002 * rng.normal()));
  }
  return fromCloses(closes, 42);
}

export function rapidSwingsDataset(n = 2000): Candles {
  const rng = createPrng(42, 1);
  const closes = Array.from(
    { length: n },
    (_, i) => 100 * (1 + 0.03 * Math.sin((2 * Math.PI * i) / 10)) * (1 + 0.0005 * rng.normal()),
  );
  return fromCloses(closes, 42, 0.0005);
}

export function monotonicDataset(n = 2000, stepPct = 0.1): Candles {
  const closes = Array.from({ length: n }, (_, i) => 100 * (1 + stepPct / 100) ** i);
  return fromCloses(closes, 42, 0.0005);
}

/**
 * D5 `trend_ties` of indicators.md §8.1: monotone runs, then a repeating 8-bar zigzag with exact ties, and an
 * outside bar at 800 (no randomness).
 */
export function trendTiesDataset(): Candles {
  const n = 1000;
  const c = allocateCandles(n);
  const wave = [0, 1, 2, 3, 4, 3, 2, 1];
  const closeAt = (t: number) =>
    t < 300 ? 100 + 0.25 * t : t < 600 ? 174.75 - 0.25 * (t - 299) : 100 + wave[(t - 600) % 8]!;
  for (let t = 0; t < n; t++) {
    const close = closeAt(t);
    const open = t === 0 ? close : closeAt(t - 1);
    const e = t < 600 ? 0.1 : 0.5;
    c.ts[t] = START + t * 3_600_000;
    c.open[t] = open;
    c.close[t] = close;
    c.high[t] = t === 800 ? close + 10 : Math.max(open, close) + e;
    c.low[t] = t === 800 ? close - 10 : Math.min(open, close) - e;
    c.volume[t] = 100 + 50 * (t % 7);
  }
  return c;
}

/** Real BTCUSDT candles from the shared kit (`1m` or `60m`), or undefined when the kit is absent. */
export function btcCandles(tf: '1m' | '60m', bars?: number): Candles | undefined {
  const shared = findSharedDir();
  if (shared === undefined) return undefined;
  const file = join(shared, 'data', 'klines', 'bybit', `BTCUSDT_${tf}.csv`);
  const all = parseCandlesCsv(readFileSync(file, 'utf8'), { file });
  return bars === undefined ? all : sliceCandles(all, 0, bars);
}

export function atr14(candles: Candles): Float64Array {
  return computeSeries('atr', { length: 14 }, candles).value!;
}

export interface NamedDataset {
  readonly name: string;
  readonly candles: Candles;
  readonly atr: Float64Array;
}

/**
 * Bars per synthetic dataset in unit tests: the G5 gate (validation.md §6.3) runs 2000; 1000 keeps this package's
 * suite short on the shared machine while still covering every 50-bar gap and many swing cycles.
 */
const UNIT_BARS = 1000;

export function syntheticDatasets(): NamedDataset[] {
  return [
    ['flat', flatDataset(UNIT_BARS)],
    ['gaps', gapsDataset(UNIT_BARS)],
    ['rapid_swings', rapidSwingsDataset(UNIT_BARS)],
    ['monotonic_rise', monotonicDataset(UNIT_BARS, 0.1)],
    ['monotonic_fall', monotonicDataset(UNIT_BARS, -0.1)],
    ['D5 trend_ties', trendTiesDataset()],
  ].map(([name, candles]) => ({
    name: name as string,
    candles: candles as Candles,
    atr: atr14(candles as Candles),
  }));
}
