import { allocateCandles, type Candles, createPrng } from '@trade/core';

/** Test datasets of indicators.md §8.1 (D1 is a seeded random walk: the audit_regime generator lives above L1). */

const START_TS = Date.UTC(2024, 0, 1);
const MIN = 60_000;

/** tick(p) = ⌊100·p + 0.5⌋/100 (§8.1). */
export function tick(p: number): number {
  return Math.floor(100 * p + 0.5) / 100;
}

/** D1 `regime` stand-in: 2000 × 15m random walk (seed 42) with up, range and spiky phases. */
export function datasetRegime(): Candles {
  const n = 2000;
  const rng = createPrng(42);
  const c = allocateCandles(n);
  let price = 100;
  for (let t = 0; t < n; t++) {
    const drift = t < 500 ? 0.05 : t < 1000 ? 0.1 * (price > 125 ? -1 : 1) : 0;
    const spike = t >= 1000 && t < 1500 && rng.uniform() < 0.02 ? (rng.uniform() < 0.5 ? -3 : 3) : 0;
    const open = price;
    price = tick(Math.max(1, price + drift + spike + 0.3 * rng.normal()));
    c.ts[t] = START_TS + t * 15 * MIN;
    c.open[t] = open;
    c.close[t] = price;
    c.high[t] = tick(Math.max(open, price) + 0.2 * rng.uniform());
    c.low[t] = tick(Math.min(open, price) - 0.2 * rng.uniform());
    c.volume[t] = 1 + Math.floor(999 * rng.uniform());
  }
  return c;
}

/** D2 `flat`: 400 × 15m, O = H = L = C = 100, V = 1000. */
export function datasetFlat(): Candles {
  const n = 400;
  const c = allocateCandles(n);
  for (let t = 0; t < n; t++) {
    c.ts[t] = START_TS + t * 15 * MIN;
    c.open[t] = 100;
    c.high[t] = 100;
    c.low[t] = 100;
    c.close[t] = 100;
    c.volume[t] = 1000;
  }
  return c;
}

interface WalkOptions {
  readonly n: number;
  readonly seed: number;
  readonly spacingMs: number;
  readonly c0: number;
  readonly returnScale: number;
  readonly gaps: boolean;
  readonly volume: (t: number, u4: number) => number;
  readonly ts: (t: number, prev: number) => number;
}

/** The D3/D4/soak price construction of §8.1 (draw order u1 return, u2 high, u3 low, u4 volume). */
function walk(o: WalkOptions): Candles {
  const c = allocateCandles(o.n);
  const rng = createPrng(o.seed);
  let flat = Number.NaN;
  for (let t = 0; t < o.n; t++) {
    const u1 = t === 0 ? 0 : rng.uniform();
    const u2 = rng.uniform();
    const u3 = rng.uniform();
    const u4 = rng.uniform();
    let open: number;
    let close: number;
    if (t === 0) {
      open = o.c0;
      close = o.c0;
    } else {
      const prev = c.close[t - 1]!;
      open = prev;
      if (o.gaps && t % 50 === 0) open = tick(prev * (1 + ((t / 50) % 2 === 1 ? 0.05 : -0.05)));
      close = tick(open * (1 + o.returnScale * (2 * u1 - 1)));
    }
    let high = tick(Math.max(open, close) * (1 + 0.002 * u2));
    let low = tick(Math.min(open, close) * (1 - 0.002 * u3));
    if (o.gaps && ((t >= 700 && t < 760) || (t >= 1300 && t < 1340))) {
      if (t === 700 || t === 1300) flat = Math.floor(c.close[t - 1]!);
      open = flat;
      high = flat;
      low = flat;
      close = flat;
    }
    c.ts[t] = t === 0 ? START_TS : o.ts(t, c.ts[t - 1]!);
    c.open[t] = open;
    c.high[t] = high;
    c.low[t] = low;
    c.close[t] = close;
    c.volume[t] = o.volume(t, u4);
  }
  return c;
}

/** D3 `gaps`: price gaps every 50 bars, two flat stretches, missing bars and a 2-day hole at t = 1000. */
export function datasetGaps(): Candles {
  return walk({
    n: 2000,
    seed: 3,
    spacingMs: 15 * MIN,
    c0: 100,
    returnScale: 0.004,
    gaps: true,
    volume: (_t, u4) => 1 + Math.floor(999 * u4),
    ts: (t, prev) => prev + 15 * MIN + (t % 97 === 0 ? 45 * MIN : 0) + (t === 1000 ? 2 * 86_400_000 : 0),
  });
}

/** D4 `zero_volume`: zero volume at the start, in a long run and at random (25 %). */
export function datasetZeroVolume(): Candles {
  return walk({
    n: 2000,
    seed: 4,
    spacingMs: 5 * MIN,
    c0: 100,
    returnScale: 0.004,
    gaps: false,
    volume: (t, u4) =>
      t < 40 || (t >= 900 && t < 960) ? 0 : u4 < 0.25 ? 0 : 1 + Math.floor((999 * (u4 - 0.25)) / 0.75),
    ts: (_t, prev) => prev + 5 * MIN,
  });
}

/** D5 `trend_ties`: monotone runs, a repeating saw-tooth with exact ties, an outside bar at t = 800. */
export function datasetTrendTies(): Candles {
  const n = 1000;
  const c = allocateCandles(n);
  const saw = [0, 1, 2, 3, 4, 3, 2, 1];
  for (let t = 0; t < n; t++) {
    const close = t < 300 ? 100 + 0.25 * t : t < 600 ? 174.75 - 0.25 * (t - 299) : 100 + saw[(t - 600) % 8]!;
    const open = t === 0 ? close : c.close[t - 1]!;
    const e = t < 600 ? 0.1 : 0.5;
    c.ts[t] = START_TS + t * 60 * MIN;
    c.open[t] = open;
    c.close[t] = close;
    c.high[t] = t === 800 ? close + 10 : Math.max(open, close) + e;
    c.low[t] = t === 800 ? close - 10 : Math.min(open, close) - e;
    c.volume[t] = 100 + 50 * (t % 7);
  }
  return c;
}

/** Soak dataset of §8.6: 200 000 × 1m, C0 = 50 000, returns 0.002·(2u1 − 1). */
export function datasetSoak(n = 200_000): Candles {
  return walk({
    n,
    seed: 4,
    spacingMs: MIN,
    c0: 50_000,
    returnScale: 0.002,
    gaps: false,
    volume: (_t, u4) => 1 + Math.floor(999 * u4),
    ts: (_t, prev) => prev + MIN,
  });
}

export interface Dataset {
  readonly id: string;
  readonly candles: Candles;
}

let cache: readonly Dataset[] | undefined;

/** D1–D5, built once per test file. */
export function datasets(): readonly Dataset[] {
  cache ??= [
    { id: 'D1 regime', candles: datasetRegime() },
    { id: 'D2 flat', candles: datasetFlat() },
    { id: 'D3 gaps', candles: datasetGaps() },
    { id: 'D4 zero_volume', candles: datasetZeroVolume() },
    { id: 'D5 trend_ties', candles: datasetTrendTies() },
  ];
  return cache;
}

/** Anchor pattern for anchored_vwap: the engine's swing resets, here pseudo-random (~1 in 60 bars). */
export function anchorPattern(n: number, seed = 7): Uint8Array {
  const rng = createPrng(seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.uniform() < 1 / 60 ? 1 : 0;
  return out;
}
