import { describe, expect, it } from 'vitest';
import { candles, expectPivots, expectTable, run } from './helpers';

// structures.md §3.3 — series S: C per bar, H = C + 1, L = C − 1, O = previous C (O0 = 10), V = 1000.
const CLOSES = [
  10, 12, 14, 13, 12, 14, 16, 15, 14, 16, 18, 15, 12, 14, 16, 13, 10, 12, 14, 13, 12, 14, 16, 15, 14, 15, 16,
];
const BARS = candles({
  open: CLOSES.map((_c, i) => (i === 0 ? 10 : CLOSES[i - 1]!)),
  high: CLOSES.map((c) => c + 1),
  low: CLOSES.map((c) => c - 1),
  close: CLOSES,
  volume: CLOSES.map(() => 1000),
});
const SWING_1_1 = { swing: { params: { left: 1, right: 1 } } };

const SWING_S = `
| bar | C | pivots confirmed this bar (level@idx) | pair_dir | pair_high | pair_low | pair_ver |
|---|---|---|---|---|---|---|
| 0 | 10 | – | none | NaN | NaN | 0 |
| 1 | 12 | – | none | NaN | NaN | 0 |
| 2 | 14 | – | none | NaN | NaN | 0 |
| 3 | 13 | H 15@2 | none | NaN | NaN | 0 |
| 4 | 12 | – | none | NaN | NaN | 0 |
| 5 | 14 | L 11@4 | bearish | 15 | 11 | 1 |
| 6 | 16 | – | bearish | 15 | 11 | 1 |
| 7 | 15 | H 17@6 | bullish | 17 | 11 | 2 |
| 8 | 14 | – | bullish | 17 | 11 | 2 |
| 9 | 16 | L 13@8 | bearish | 17 | 13 | 3 |
| 10 | 18 | – | bearish | 17 | 13 | 3 |
| 11 | 15 | H 19@10 | bullish | 19 | 13 | 4 |
| 12 | 12 | – | bullish | 19 | 13 | 4 |
| 13 | 14 | L 11@12 | bearish | 19 | 11 | 5 |
| 14 | 16 | – | bearish | 19 | 11 | 5 |
| 15 | 13 | H 17@14 | bullish | 17 | 11 | 6 |
| 16 | 10 | – | bullish | 17 | 11 | 6 |
| 17 | 12 | L 9@16 | bearish | 17 | 9 | 7 |
| 18 | 14 | – | bearish | 17 | 9 | 7 |
| 19 | 13 | H 15@18 | bullish | 15 | 9 | 8 |
| 20 | 12 | – | bullish | 15 | 9 | 8 |
| 21 | 14 | L 11@20 | bearish | 15 | 11 | 9 |
| 22 | 16 | – | bearish | 15 | 11 | 9 |
| 23 | 15 | H 17@22 | bullish | 17 | 11 | 10 |
| 24 | 14 | – | bullish | 17 | 11 | 10 |
| 25 | 15 | L 13@24 | bearish | 17 | 13 | 11 |
| 26 | 16 | – | bearish | 17 | 13 | 11 |
`;

const TREND_S = `
| bar | C | pivots confirmed | direction | strength | bars_in_trend | wave_count | last_wave_dir | last_hh | last_hl | last_lh | last_ll | version |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
| 0 | 10 | – | 0 | 0 | 0 | 0 | none | F | F | F | F | 0 |
| 1 | 12 | – | 0 | 0 | 1 | 0 | none | F | F | F | F | 0 |
| 2 | 14 | – | 0 | 0 | 2 | 0 | none | F | F | F | F | 0 |
| 3 | 13 | H 15@2 | 0 | 0 | 3 | 0 | none | F | F | F | F | 0 |
| 4 | 12 | – | 0 | 0 | 4 | 0 | none | F | F | F | F | 0 |
| 5 | 14 | L 11@4 | -1 | 0 | 0 | 1 | bearish | F | F | F | F | 1 |
| 6 | 16 | – | -1 | 0 | 1 | 1 | bearish | F | F | F | F | 1 |
| 7 | 15 | H 17@6 | 1 | 1 | 0 | 1 | bullish | T | F | F | F | 2 |
| 8 | 14 | – | 1 | 1 | 1 | 1 | bullish | T | F | F | F | 2 |
| 9 | 16 | L 13@8 | 1 | 2 | 2 | 2 | bearish | T | T | F | F | 2 |
| 10 | 18 | – | 1 | 2 | 3 | 2 | bearish | T | T | F | F | 2 |
| 11 | 15 | H 19@10 | 1 | 2 | 4 | 2 | bullish | T | T | F | F | 2 |
| 12 | 12 | – | 1 | 2 | 5 | 2 | bullish | T | T | F | F | 2 |
| 13 | 14 | L 11@12 | 0 | 0 | 0 | 0 | bearish | T | F | F | T | 3 |
| 14 | 16 | – | 0 | 0 | 1 | 0 | bearish | T | F | F | T | 3 |
| 15 | 13 | H 17@14 | -1 | 1 | 0 | 1 | bullish | F | F | T | T | 4 |
| 16 | 10 | – | -1 | 1 | 1 | 1 | bullish | F | F | T | T | 4 |
| 17 | 12 | L 9@16 | -1 | 2 | 2 | 2 | bearish | F | F | T | T | 4 |
| 18 | 14 | – | -1 | 2 | 3 | 2 | bearish | F | F | T | T | 4 |
| 19 | 13 | H 15@18 | -1 | 2 | 4 | 2 | bullish | F | F | T | T | 4 |
| 20 | 12 | – | -1 | 2 | 5 | 2 | bullish | F | F | T | T | 4 |
| 21 | 14 | L 11@20 | 0 | 0 | 0 | 0 | bearish | F | T | T | F | 5 |
| 22 | 16 | – | 0 | 0 | 1 | 0 | bearish | F | T | T | F | 5 |
| 23 | 15 | H 17@22 | 1 | 1 | 0 | 1 | bullish | T | T | F | F | 6 |
| 24 | 14 | – | 1 | 1 | 1 | 1 | bullish | T | T | F | F | 6 |
| 25 | 15 | L 13@24 | 1 | 2 | 2 | 2 | bearish | T | T | F | F | 6 |
| 26 | 16 | – | 1 | 2 | 3 | 2 | bearish | T | T | F | F | 6 |
`;

const MS_S = `
| bar | H | L | pivots confirmed | bias | bos_this_bar | choch_this_bar | bos_dir | choch_dir | last_bos_idx | last_bos_level | last_choch_idx | last_choch_level | break_level_high | break_level_low | version |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
| 0 | 11 | 9 | – | 0 | F | F | none | none | -1 | NaN | -1 | NaN | NaN | NaN | 0 |
| 1 | 13 | 11 | – | 0 | F | F | none | none | -1 | NaN | -1 | NaN | NaN | NaN | 0 |
| 2 | 15 | 13 | – | 0 | F | F | none | none | -1 | NaN | -1 | NaN | NaN | NaN | 0 |
| 3 | 14 | 12 | H 15@2 | 0 | F | F | none | none | -1 | NaN | -1 | NaN | 15 | NaN | 0 |
| 4 | 13 | 11 | – | 0 | F | F | none | none | -1 | NaN | -1 | NaN | 15 | NaN | 0 |
| 5 | 15 | 13 | L 11@4 | 0 | F | F | none | none | -1 | NaN | -1 | NaN | 15 | 11 | 0 |
| 6 | 17 | 15 | – | 1 | T | F | bullish | none | 6 | 15 | -1 | NaN | NaN | 11 | 1 |
| 7 | 16 | 14 | H 17@6 | 1 | F | F | bullish | none | 6 | 15 | -1 | NaN | 17 | 11 | 1 |
| 8 | 15 | 13 | – | 1 | F | F | bullish | none | 6 | 15 | -1 | NaN | 17 | 11 | 1 |
| 9 | 17 | 15 | L 13@8 | 1 | F | F | bullish | none | 6 | 15 | -1 | NaN | 17 | 13 | 1 |
| 10 | 19 | 17 | – | 1 | T | F | bullish | none | 10 | 17 | -1 | NaN | NaN | 13 | 2 |
| 11 | 16 | 14 | H 19@10 | 1 | F | F | bullish | none | 10 | 17 | -1 | NaN | 19 | 13 | 2 |
| 12 | 13 | 11 | – | -1 | F | T | bullish | bearish | 10 | 17 | 12 | 13 | 19 | NaN | 3 |
| 13 | 15 | 13 | L 11@12 | -1 | F | F | bullish | bearish | 10 | 17 | 12 | 13 | 19 | 11 | 3 |
| 14 | 17 | 15 | – | -1 | F | F | bullish | bearish | 10 | 17 | 12 | 13 | 19 | 11 | 3 |
| 15 | 14 | 12 | H 17@14 | -1 | F | F | bullish | bearish | 10 | 17 | 12 | 13 | 17 | 11 | 3 |
| 16 | 11 | 9 | – | -1 | T | F | bearish | bearish | 16 | 11 | 12 | 13 | 17 | NaN | 4 |
| 17 | 13 | 11 | L 9@16 | -1 | F | F | bearish | bearish | 16 | 11 | 12 | 13 | 17 | 9 | 4 |
| 18 | 15 | 13 | – | -1 | F | F | bearish | bearish | 16 | 11 | 12 | 13 | 17 | 9 | 4 |
| 19 | 14 | 12 | H 15@18 | -1 | F | F | bearish | bearish | 16 | 11 | 12 | 13 | 15 | 9 | 4 |
| 20 | 13 | 11 | – | -1 | F | F | bearish | bearish | 16 | 11 | 12 | 13 | 15 | 9 | 4 |
| 21 | 15 | 13 | L 11@20 | -1 | F | F | bearish | bearish | 16 | 11 | 12 | 13 | 15 | 11 | 4 |
| 22 | 17 | 15 | – | 1 | F | T | bearish | bullish | 16 | 11 | 22 | 15 | NaN | 11 | 5 |
| 23 | 16 | 14 | H 17@22 | 1 | F | F | bearish | bullish | 16 | 11 | 22 | 15 | 17 | 11 | 5 |
| 24 | 15 | 13 | – | 1 | F | F | bearish | bullish | 16 | 11 | 22 | 15 | 17 | 11 | 5 |
| 25 | 16 | 14 | L 13@24 | 1 | F | F | bearish | bullish | 16 | 11 | 22 | 15 | 17 | 13 | 5 |
| 26 | 17 | 15 | – | 1 | F | F | bearish | bullish | 16 | 11 | 22 | 15 | 17 | 13 | 5 |
`;

const ZONE_S = `
| bar | C | atr | pivots confirmed | state | lower | upper | anchor_idx | version |
|---|---|---|---|---|---|---|---|---|
| 0 | 10 | NaN | – | none | NaN | NaN | -1 | 0 |
| 1 | 12 | NaN | – | none | NaN | NaN | -1 | 0 |
| 2 | 14 | NaN | – | none | NaN | NaN | -1 | 0 |
| 3 | 13 | NaN | H 15@2 | none | NaN | NaN | -1 | 0 |
| 4 | 12 | NaN | – | none | NaN | NaN | -1 | 0 |
| 5 | 14 | NaN | L 11@4 | none | NaN | NaN | -1 | 0 |
| 6 | 16 | 2 | – | none | NaN | NaN | -1 | 0 |
| 7 | 15 | 2 | H 17@6 | none | NaN | NaN | -1 | 0 |
| 8 | 14 | 2 | – | none | NaN | NaN | -1 | 0 |
| 9 | 16 | 2 | L 13@8 | active | 12.5 | 13 | 8 | 1 |
| 10 | 18 | 2 | – | active | 12.5 | 13 | 8 | 1 |
| 11 | 15 | 2 | H 19@10 | active | 12.5 | 13 | 8 | 1 |
| 12 | 12 | 2 | – | broken | 12.5 | 13 | 8 | 2 |
| 13 | 14 | 2 | L 11@12 | active | 10.5 | 11 | 12 | 3 |
| 14 | 16 | 2 | – | active | 10.5 | 11 | 12 | 3 |
| 15 | 13 | 2 | H 17@14 | active | 10.5 | 11 | 12 | 3 |
| 16 | 10 | 2 | – | broken | 10.5 | 11 | 12 | 4 |
| 17 | 12 | 2 | L 9@16 | active | 8.5 | 9 | 16 | 5 |
| 18 | 14 | 2 | – | active | 8.5 | 9 | 16 | 5 |
| 19 | 13 | 2 | H 15@18 | active | 8.5 | 9 | 16 | 5 |
| 20 | 12 | 2 | – | active | 8.5 | 9 | 16 | 5 |
| 21 | 14 | 2 | L 11@20 | active | 10.5 | 11 | 20 | 6 |
| 22 | 16 | 2 | – | active | 10.5 | 11 | 20 | 6 |
| 23 | 15 | 2 | H 17@22 | active | 10.5 | 11 | 20 | 6 |
| 24 | 14 | 2 | – | active | 10.5 | 11 | 20 | 6 |
| 25 | 15 | 2 | L 13@24 | active | 12.5 | 13 | 24 | 7 |
| 26 | 16 | 2 | – | active | 12.5 | 13 | 24 | 7 |
`;

const FIB_S = `
| bar | C | anchor_high | anchor_low | range | anchor_dir | level_0.382 | level_0.5 | level_0.618 | level_1 |
|---|---|---|---|---|---|---|---|---|---|
| 0 | 10 | NaN | NaN | NaN | none | NaN | NaN | NaN | NaN |
| 1 | 12 | NaN | NaN | NaN | none | NaN | NaN | NaN | NaN |
| 2 | 14 | NaN | NaN | NaN | none | NaN | NaN | NaN | NaN |
| 3 | 13 | NaN | NaN | NaN | none | NaN | NaN | NaN | NaN |
| 4 | 12 | NaN | NaN | NaN | none | NaN | NaN | NaN | NaN |
| 5 | 14 | 15 | 11 | 4 | bearish | 13.472 | 13 | 12.528 | 11 |
| 6 | 16 | 15 | 11 | 4 | bearish | 13.472 | 13 | 12.528 | 11 |
| 7 | 15 | 17 | 11 | 6 | bullish | 14.708 | 14 | 13.292 | 11 |
| 8 | 14 | 17 | 11 | 6 | bullish | 14.708 | 14 | 13.292 | 11 |
| 9 | 16 | 17 | 13 | 4 | bearish | 15.472 | 15 | 14.528 | 13 |
| 10 | 18 | 17 | 13 | 4 | bearish | 15.472 | 15 | 14.528 | 13 |
| 11 | 15 | 19 | 13 | 6 | bullish | 16.708 | 16 | 15.292 | 13 |
| 12 | 12 | 19 | 13 | 6 | bullish | 16.708 | 16 | 15.292 | 13 |
| 13 | 14 | 19 | 11 | 8 | bearish | 15.944 | 15 | 14.056 | 11 |
| 14 | 16 | 19 | 11 | 8 | bearish | 15.944 | 15 | 14.056 | 11 |
| 15 | 13 | 17 | 11 | 6 | bullish | 14.708 | 14 | 13.292 | 11 |
| 16 | 10 | 17 | 11 | 6 | bullish | 14.708 | 14 | 13.292 | 11 |
| 17 | 12 | 17 | 9 | 8 | bearish | 13.944 | 13 | 12.056 | 9 |
| 18 | 14 | 17 | 9 | 8 | bearish | 13.944 | 13 | 12.056 | 9 |
| 19 | 13 | 15 | 9 | 6 | bullish | 12.708 | 12 | 11.292 | 9 |
| 20 | 12 | 15 | 9 | 6 | bullish | 12.708 | 12 | 11.292 | 9 |
| 21 | 14 | 15 | 11 | 4 | bearish | 13.472 | 13 | 12.528 | 11 |
| 22 | 16 | 15 | 11 | 4 | bearish | 13.472 | 13 | 12.528 | 11 |
| 23 | 15 | 17 | 11 | 6 | bullish | 14.708 | 14 | 13.292 | 11 |
| 24 | 14 | 17 | 11 | 6 | bullish | 14.708 | 14 | 13.292 | 11 |
| 25 | 15 | 17 | 13 | 4 | bearish | 15.472 | 15 | 14.528 | 13 |
| 26 | 16 | 17 | 13 | 4 | bearish | 15.472 | 15 | 14.528 | 13 |
`;

const PD_S = `
| bar | C | range_high | range_low | equilibrium | premium_level | discount_level | zone | depth_pct | version |
|---|---|---|---|---|---|---|---|---|---|
| 0 | 10 | NaN | NaN | NaN | NaN | NaN | none | NaN | 0 |
| 1 | 12 | NaN | NaN | NaN | NaN | NaN | none | NaN | 0 |
| 2 | 14 | NaN | NaN | NaN | NaN | NaN | none | NaN | 0 |
| 3 | 13 | NaN | NaN | NaN | NaN | NaN | none | NaN | 0 |
| 4 | 12 | NaN | NaN | NaN | NaN | NaN | none | NaN | 0 |
| 5 | 14 | 15 | 11 | 13 | 14 | 12 | premium | 0.75 | 1 |
| 6 | 16 | 15 | 11 | 13 | 14 | 12 | premium | 1 | 1 |
| 7 | 15 | 17 | 11 | 14 | 15.5 | 12.5 | equilibrium | 0.666667 | 2 |
| 8 | 14 | 17 | 11 | 14 | 15.5 | 12.5 | equilibrium | 0.5 | 2 |
| 9 | 16 | 17 | 13 | 15 | 16 | 14 | premium | 0.75 | 3 |
| 10 | 18 | 17 | 13 | 15 | 16 | 14 | premium | 1 | 3 |
| 11 | 15 | 19 | 13 | 16 | 17.5 | 14.5 | equilibrium | 0.333333 | 4 |
| 12 | 12 | 19 | 13 | 16 | 17.5 | 14.5 | discount | 0 | 5 |
| 13 | 14 | 19 | 11 | 15 | 17 | 13 | equilibrium | 0.375 | 6 |
| 14 | 16 | 19 | 11 | 15 | 17 | 13 | equilibrium | 0.625 | 6 |
| 15 | 13 | 17 | 11 | 14 | 15.5 | 12.5 | equilibrium | 0.333333 | 6 |
| 16 | 10 | 17 | 11 | 14 | 15.5 | 12.5 | discount | 0 | 7 |
| 17 | 12 | 17 | 9 | 13 | 15 | 11 | equilibrium | 0.375 | 8 |
| 18 | 14 | 17 | 9 | 13 | 15 | 11 | equilibrium | 0.625 | 8 |
| 19 | 13 | 15 | 9 | 12 | 13.5 | 10.5 | equilibrium | 0.666667 | 8 |
| 20 | 12 | 15 | 9 | 12 | 13.5 | 10.5 | equilibrium | 0.5 | 8 |
| 21 | 14 | 15 | 11 | 13 | 14 | 12 | premium | 0.75 | 9 |
| 22 | 16 | 15 | 11 | 13 | 14 | 12 | premium | 1 | 9 |
| 23 | 15 | 17 | 11 | 14 | 15.5 | 12.5 | equilibrium | 0.666667 | 10 |
| 24 | 14 | 17 | 11 | 14 | 15.5 | 12.5 | equilibrium | 0.5 | 10 |
| 25 | 15 | 17 | 13 | 15 | 16 | 14 | equilibrium | 0.5 | 10 |
| 26 | 16 | 17 | 13 | 15 | 16 | 14 | premium | 0.75 | 11 |
`;

const RW_S = `
| bar | L | value |
|---|---|---|
| 0 | 9 | 9 |
| 1 | 11 | 9 |
| 2 | 13 | 9 |
| 3 | 12 | 11 |
| 4 | 11 | 11 |
| 5 | 13 | 11 |
| 6 | 15 | 11 |
| 7 | 14 | 13 |
| 8 | 13 | 13 |
| 9 | 15 | 13 |
| 10 | 17 | 13 |
| 11 | 14 | 14 |
| 12 | 11 | 11 |
| 13 | 13 | 11 |
| 14 | 15 | 11 |
| 15 | 12 | 12 |
| 16 | 9 | 9 |
| 17 | 11 | 9 |
| 18 | 13 | 9 |
| 19 | 12 | 11 |
| 20 | 11 | 11 |
| 21 | 13 | 11 |
| 22 | 15 | 11 |
| 23 | 14 | 13 |
| 24 | 13 | 13 |
| 25 | 14 | 13 |
| 26 | 15 | 13 |
`;

describe('series S (structures.md §3.3)', () => {
  it('swing 1/1 confirms the listed pivots and pairs', () => {
    const swing = run('swing', { left: 1, right: 1 }, BARS);
    expectPivots(swing, SWING_S, 'pivots confirmed this bar (level@idx)');
    expect(
      expectTable(swing, SWING_S, {
        pair_dir: 'pair_direction',
        pair_high: 'pair_high_level',
        pair_low: 'pair_low_level',
        pair_ver: 'pair_version',
      }),
    ).toBe(27);
  });

  it('trend reproduces every row', () => {
    const series = run('trend', {}, BARS, SWING_1_1);
    const rows = expectTable(series, TREND_S, {
      direction: 'direction',
      strength: 'strength',
      bars_in_trend: 'bars_in_trend',
      wave_count: 'wave_count',
      last_wave_dir: 'last_wave_direction',
      last_hh: 'last_hh',
      last_hl: 'last_hl',
      last_lh: 'last_lh',
      last_ll: 'last_ll',
      version: 'version',
    });
    expect(rows).toBe(27);
  });

  it('market_structure reproduces every row', () => {
    const series = run('market_structure', {}, BARS, SWING_1_1);
    const rows = expectTable(series, MS_S, {
      bias: 'bias',
      bos_this_bar: 'bos_this_bar',
      choch_this_bar: 'choch_this_bar',
      bos_dir: 'bos_direction',
      choch_dir: 'choch_direction',
      last_bos_idx: 'last_bos_idx',
      last_bos_level: 'last_bos_level',
      last_choch_idx: 'last_choch_idx',
      last_choch_level: 'last_choch_level',
      break_level_high: 'break_level_high',
      break_level_low: 'break_level_low',
      version: 'version',
    });
    expect(rows).toBe(27);
  });

  it('zone (demand, width_atr 0.25, ATR NaN on bars 0–5) reproduces every row', () => {
    const atr = Float64Array.from(CLOSES, (_, i) => (i <= 5 ? Number.NaN : 2));
    const series = run('zone', { zone_type: 'demand', width_atr: 0.25 }, BARS, SWING_1_1, atr);
    const rows = expectTable(series, ZONE_S, {
      state: 'state',
      lower: 'lower',
      upper: 'upper',
      anchor_idx: 'anchor_idx',
      version: 'version',
    });
    expect(rows).toBe(27);
  });

  it('fibonacci (paired retracement) reproduces every row and carries the pair hash', () => {
    const series = run('fibonacci', { levels: [0.382, 0.5, 0.618, 1] }, BARS, SWING_1_1);
    const rows = expectTable(series, FIB_S, {
      anchor_high: 'anchor_high',
      anchor_low: 'anchor_low',
      range: 'range',
      anchor_dir: 'anchor_direction',
      'level_0.382': 'level_0.382',
      'level_0.5': 'level_0.5',
      'level_0.618': 'level_0.618',
      level_1: 'level_1',
    });
    expect(rows).toBe(27);
    expect(series.hashes.anchor_hash![4]).toBe('');
    expect(series.hashes.anchor_hash![5]).toBe('fbf93585b6cbc3e6');
    expect(series.hashes.anchor_hash![6]).toBe('fbf93585b6cbc3e6');
    expect(series.hashes.anchor_hash![7]).toBe('d5fab6c7954e7737');
  });

  it('premium_discount reproduces every row', () => {
    const series = run('premium_discount', {}, BARS, SWING_1_1);
    const rows = expectTable(series, PD_S, {
      range_high: 'range_high',
      range_low: 'range_low',
      equilibrium: 'equilibrium',
      premium_level: 'premium_level',
      discount_level: 'discount_level',
      zone: 'zone',
      depth_pct: 'depth_pct',
      version: 'version',
    });
    expect(rows).toBe(27);
  });

  it('rolling_window (size 3, low, min) reproduces every row', () => {
    const series = run('rolling_window', { size: 3, source: 'low', mode: 'min' }, BARS);
    expect(expectTable(series, RW_S, { value: 'value' })).toBe(27);
  });
});
