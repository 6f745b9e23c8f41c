import type { Candles } from '@trade/core';
import { generateSynthetic } from '@trade/data';

export const YEAR_MINUTES = 525_600;

/**
 * The benchmarks' data: one year of 15m-pattern synthetic 1m bars after a 2,000-bar lead-in (long enough for
 * every bench play's warmup), shaped like exchange data: prices on BTCUSDT's 0.1 tick and volumes on its 0.001
 * quantity step (as real Bybit bars are).
 */
export function yearOfBars(): Candles {
  const c = generateSynthetic({
    pattern: 'range_wide',
    tfs: ['15m'],
    bars: YEAR_MINUTES / 15,
    leadInBars: 2_000,
    seed: 7,
    priceTick: 0.1,
    startMs: Date.parse('2025-01-01T00:00:00Z'),
  }).candles1m;
  const volume = c.volume as Float64Array;
  for (let i = 0; i < c.length; i++) volume[i] = Math.round(volume[i]! * 1000) / 1000;
  return c;
}
