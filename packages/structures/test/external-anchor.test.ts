import type { Candles } from '@trade/core';
import { SwingHigh, SwingLow } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { computeStructureSeries } from '../src/index';
import { btcCandles, trendTiesDataset } from './datasets';

/**
 * External anchor of structures.md §4: trading-signals 8.3 `SwingHigh` / `SwingLow` with lookback k against our
 * fractal swing with left = right = k.
 *
 * Conventions, compared after reading trading-signals' source (dist/trend/SWING_HIGH/SwingHigh.js):
 * - Same pivot rule: the middle bar of a 2k+1 window, strictly above (below) every other bar's high (low); a tie
 *   anywhere in the window means no pivot on both sides (`>=` / `<=` rejects in trading-signals, §2.1 here).
 * - Same timing: trading-signals emits on the bar that completes the window, i.e. the pivot bar P plus k, which is
 *   our confirmation bar P + right (`high_accepted` / `low_accepted` raised there).
 * - trading-signals returns only the level and null on every other bar; the pivot index is implied as n − k. We
 *   compare our `high_idx` / `low_idx` against that implied index.
 * - Only the comparable subset is checked: no significance filter (`min_atr_move` / `min_pct_move` unset) and no
 *   strict alternation, so every fractal pivot is accepted. Significance, pairing and versions have no
 *   counterpart in trading-signals.
 */

interface PivotEvent {
  readonly bar: number;
  readonly idx: number;
  readonly level: number;
}

interface PivotEvents {
  readonly highs: PivotEvent[];
  readonly lows: PivotEvent[];
}

function tradingSignalsPivots(candles: Candles, k: number): PivotEvents {
  const high = new SwingHigh({ lookback: k });
  const low = new SwingLow({ lookback: k });
  const highs: PivotEvent[] = [];
  const lows: PivotEvent[] = [];
  for (let n = 0; n < candles.length; n++) {
    const candle = { high: candles.high[n]!, low: candles.low[n]! };
    const h = high.update(candle, false);
    const l = low.update(candle, false);
    if (h !== null) highs.push({ bar: n, idx: n - k, level: h });
    if (l !== null) lows.push({ bar: n, idx: n - k, level: l });
  }
  return { highs, lows };
}

function ourPivots(candles: Candles, k: number): PivotEvents {
  const s = computeStructureSeries('swing', { left: k, right: k }, candles);
  const c = s.columns;
  const highs: PivotEvent[] = [];
  const lows: PivotEvent[] = [];
  for (let n = 0; n < candles.length; n++) {
    if (c.high_accepted![n] === 1) highs.push({ bar: n, idx: c.high_idx![n]!, level: c.high_level![n]! });
    if (c.low_accepted![n] === 1) lows.push({ bar: n, idx: c.low_idx![n]!, level: c.low_level![n]! });
  }
  return { highs, lows };
}

const LOOKBACKS = [1, 2, 3, 5, 10];

function expectSamePivots(candles: Candles, k: number, minPivots: number): void {
  const theirs = tradingSignalsPivots(candles, k);
  const ours = ourPivots(candles, k);
  // Guard against a vacuous comparison: the data must produce pivots of both kinds.
  expect(theirs.highs.length).toBeGreaterThanOrEqual(minPivots);
  expect(theirs.lows.length).toBeGreaterThanOrEqual(minPivots);
  expect(ours.highs).toEqual(theirs.highs);
  expect(ours.lows).toEqual(theirs.lows);
}

const hourly = btcCandles('60m');

describe.skipIf(hourly === undefined)(
  'external anchor: trading-signals SwingHigh/SwingLow on BTCUSDT 60m',
  () => {
    for (const k of LOOKBACKS) {
      it(`lookback ${k}: same pivot levels, pivot indices and confirmation bars as swing left = right = ${k}`, () => {
        expectSamePivots(hourly!, k, 5);
      });
    }
  },
);

describe('external anchor: trading-signals SwingHigh/SwingLow on D5 trend_ties (exact ties)', () => {
  for (const k of [1, 2, 3]) {
    it(`lookback ${k}: ties reject the pivot on both sides, the remaining pivots agree exactly`, () => {
      expectSamePivots(trendTiesDataset(), k, 1);
    });
  }
});
