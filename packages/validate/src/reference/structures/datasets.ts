import { allocateCandles, type Candles, createPrng, MINUTE_MS } from '@trade/core';
import { generatePatternCloses, generateSynthetic } from '@trade/data';

/**
 * The six G5 datasets of `validation.md` §6.3: 2000 bars of 15m, base 100, seed 42, from 2024-01-01. Pattern
 * closes are drawn from the pattern stream (k = 1) and turned into bars as `synthetic-data.md` §6 does with
 * the pattern TF = 15m and the generator defaults of §2 (Brownian bridge to 1m, 1m OHLCV, aggregation);
 * `flat` is given bar by bar by the spec and `synthetic` is the generator's own legacy `trending` pattern.
 */

export const G5_BARS = 2000;
export const G5_SEED = 42;
const BASE = 100;
const K = 15;
const START_MS = Date.UTC(2024, 0, 1);
const DAILY_VOL = 0.02;
const WICK_FACTOR = 0.5;
const VOLUME_BASE = 10;

/** Stream seeds of `synthetic-data.md` §4. */
const STREAM = { closes: 1, bridge: 2, ohlc: 3, volume: 4 } as const;

export const G5_DATASET_NAMES = [
  'synthetic',
  'flat',
  'gaps',
  'rapid_swings',
  'monotonic_rise',
  'monotonic_fall',
] as const;
export type G5DatasetName = (typeof G5_DATASET_NAMES)[number];

/**
 * 15m bars from pattern closes by `synthetic-data.md` §6.3–§6.5: bridge (c_k = E exactly, floor 0.005·B),
 * 1m bars (open = previous 1m close, wicks, correlated volume; 3 OHLC draws and 1 volume draw per 1m bar),
 * then first open / max high / min low / last close / Σ volume per 15 minutes.
 */
export function barsFromCloses(closes: readonly number[], seed = G5_SEED): Candles {
  const bridge = createPrng(seed, STREAM.bridge);
  const ohlc = createPrng(seed, STREAM.ohlc);
  const vol = createPrng(seed, STREAM.volume);
  const sigma1 = (DAILY_VOL * BASE) / Math.sqrt(1440);
  const sigma1r = DAILY_VOL / Math.sqrt(1440);
  const minute: number[] = [];
  for (let j = 0; j < closes.length; j++) {
    const a = j === 0 ? BASE : closes[j - 1]!;
    const e = closes[j]!;
    // sums[t] = z_1 + … + z_t of this bar; W_t = σ1 · sums[t].
    const sums = [0];
    for (let t = 1; t <= K; t++) sums.push(sums[t - 1]! + bridge.normal());
    const wk = sigma1 * sums[K]!;
    for (let t = 1; t < K; t++)
      minute.push(Math.max(a + (t / K) * (e - a) + sigma1 * sums[t]! - (t / K) * wk, 0.005 * BASE));
    minute.push(Math.max(e, 0.005 * BASE));
  }
  const out = allocateCandles(closes.length);
  for (let g = 0; g < minute.length; g++) {
    const c = minute[g]!;
    const zo = ohlc.normal();
    const zh = ohlc.normal();
    const zl = ohlc.normal();
    const zv = vol.normal();
    const o = (g === 0 ? BASE : minute[g - 1]!) * (1 + 0 * zo);
    const h = Math.max(o, c) * (1 + WICK_FACTOR * sigma1r * Math.abs(zh));
    const l = Math.max(Math.min(o, c) * (1 - WICK_FACTOR * sigma1r * Math.abs(zl)), 0.001 * BASE);
    const p = g === 0 ? o : minute[g - 1]!;
    const v = VOLUME_BASE * Math.exp(0.8 * zv - 0.32) * (1 + (50 * Math.abs(c - p)) / p);
    const j = Math.floor(g / K);
    if (g % K === 0) {
      out.ts[j] = START_MS + j * K * MINUTE_MS;
      out.open[j] = o;
      out.high[j] = h;
      out.low[j] = l;
      out.volume[j] = 0;
    }
    out.high[j] = Math.max(out.high[j]!, h);
    out.low[j] = Math.min(out.low[j]!, l);
    out.close[j] = c;
    out.volume[j] = out.volume[j]! + v;
  }
  return out;
}

/** Pattern closes of the four close-defined datasets (pattern stream of the seed). */
export function datasetCloses(name: Exclude<G5DatasetName, 'synthetic' | 'flat'>, n = G5_BARS): number[] {
  const rng = createPrng(G5_SEED, STREAM.closes);
  const closes: number[] = [];
  for (let i = 0; i < n; i++) {
    if (name === 'monotonic_rise') closes.push(BASE * 1.001 ** i);
    else if (name === 'monotonic_fall') closes.push(BASE * 0.999 ** i);
    else if (name === 'rapid_swings')
      closes.push(BASE * (1 + 0.03 * Math.sin((2 * Math.PI * i) / 10)) + 0.0005 * BASE * rng.normal());
    else {
      // gaps: P[0] = B; a ±5 % jump every 50 bars (up, down, up, …), otherwise a N(0, 0.2 %) step. One draw per
      // bar i ≥ 1 whether used or not, so the walk does not shift with the jump schedule.
      if (i === 0) {
        closes.push(BASE);
        continue;
      }
      const z = rng.normal();
      const prev = closes[i - 1]!;
      closes.push(i % 50 === 0 ? prev * ((i / 50) % 2 === 1 ? 1.05 : 0.95) : prev * (1 + 0.002 * z));
    }
  }
  return closes;
}

function flatDataset(n = G5_BARS): Candles {
  const c = allocateCandles(n);
  for (let i = 0; i < n; i++) {
    c.ts[i] = START_MS + i * K * MINUTE_MS;
    c.open[i] = c.high[i] = c.low[i] = c.close[i] = BASE;
    c.volume[i] = 1;
  }
  return c;
}

/** Options of the legacy `trending` dataset for the synthetic generator (15m, no lead-in). */
export function trendingOptions(n = G5_BARS) {
  return {
    pattern: 'trending',
    bars: n,
    seed: G5_SEED,
    leadInBars: 0,
    patternTf: '15m',
    tfs: ['15m'],
    basePrice: BASE,
    dailyVol: DAILY_VOL,
    startMs: START_MS,
  } as const;
}

/**
 * The legacy `trending` pattern: its closes from the generator (`generatePatternCloses`), bars built here as
 * for the other datasets. Equal to `generateSynthetic(trendingOptions())`'s 15m series (tested), without the
 * cost of hashing the dataset.
 */
export function trendingDataset(n = G5_BARS): Candles {
  return barsFromCloses(Array.from(generatePatternCloses(trendingOptions(n))));
}

/** The same dataset straight from the generator (the check of `barsFromCloses`). */
export function trendingFromGenerator(n = G5_BARS): Candles {
  const d = generateSynthetic({
    pattern: 'trending',
    bars: n,
    seed: G5_SEED,
    leadInBars: 0,
    patternTf: '15m',
    tfs: ['15m'],
    basePrice: BASE,
    dailyVol: DAILY_VOL,
    startMs: START_MS,
  });
  const c = d.tfs.get('15m');
  if (c === undefined) throw new Error('generateSynthetic returned no 15m series');
  return c;
}

export function g5Dataset(name: G5DatasetName): Candles {
  if (name === 'synthetic') return trendingDataset();
  if (name === 'flat') return flatDataset();
  return barsFromCloses(datasetCloses(name));
}
