import { describe, expect, it } from 'vitest';
import { candles, constant, expectPivots, expectTable, run } from './helpers';

// structures.md §3.6 — series Q: H = C + 0.5, L = C − 0.5, swing 1/1, ATR = 1, defaults.
const CLOSES = [
  18, 19, 19.5, 18.5, 17.5, 18.5, 19.7, 19, 17.6, 18.2, 19.2, 20, 19, 18, 17.2, 18, 19, 20.2, 19.2, 18.5,
  18.8,
];
const BARS = candles({
  open: CLOSES.map((c, i) => (i === 0 ? c : CLOSES[i - 1]!)),
  high: CLOSES.map((c) => c + 0.5),
  low: CLOSES.map((c) => c - 0.5),
  close: CLOSES,
});

const LZ_Q = `
| bar | C | H | L | pivots confirmed | sweep | sweep_dir | swept_level | new_zone | near_high | near_high_touches | near_low | near_low_touches | high_cnt | low_cnt | version |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
| 0 | 18 | 18.5 | 17.5 | – | F | 0 | NaN | F | NaN | 0 | NaN | 0 | 0 | 0 | 0 |
| 1 | 19 | 19.5 | 18.5 | – | F | 0 | NaN | F | NaN | 0 | NaN | 0 | 0 | 0 | 0 |
| 2 | 19.5 | 20 | 19 | – | F | 0 | NaN | F | NaN | 0 | NaN | 0 | 0 | 0 | 0 |
| 3 | 18.5 | 19 | 18 | H 20@2 | F | 0 | NaN | F | NaN | 0 | NaN | 0 | 0 | 0 | 0 |
| 4 | 17.5 | 18 | 17 | – | F | 0 | NaN | F | NaN | 0 | NaN | 0 | 0 | 0 | 0 |
| 5 | 18.5 | 19 | 18 | L 17@4 | F | 0 | NaN | F | NaN | 0 | NaN | 0 | 0 | 0 | 0 |
| 6 | 19.7 | 20.2 | 19.2 | – | F | 0 | NaN | F | NaN | 0 | NaN | 0 | 0 | 0 | 0 |
| 7 | 19 | 19.5 | 18.5 | H 20.2@6 | F | 0 | NaN | T | 20.1 | 2 | NaN | 0 | 1 | 0 | 1 |
| 8 | 17.6 | 18.1 | 17.1 | – | F | 0 | NaN | F | 20.1 | 2 | NaN | 0 | 1 | 0 | 1 |
| 9 | 18.2 | 18.7 | 17.7 | L 17.1@8 | F | 0 | NaN | T | 20.1 | 2 | 17.05 | 2 | 1 | 1 | 2 |
| 10 | 19.2 | 19.7 | 18.7 | – | F | 0 | NaN | F | 20.1 | 2 | 17.05 | 2 | 1 | 1 | 2 |
| 11 | 20 | 20.5 | 19.5 | – | T | 1 | 20.1 | F | NaN | 0 | 17.05 | 2 | 0 | 1 | 3 |
| 12 | 19 | 19.5 | 18.5 | H 20.5@11 | F | 0 | NaN | F | NaN | 0 | 17.05 | 2 | 0 | 1 | 3 |
| 13 | 18 | 18.5 | 17.5 | – | F | 0 | NaN | F | NaN | 0 | 17.05 | 2 | 0 | 1 | 3 |
| 14 | 17.2 | 17.7 | 16.7 | – | T | -1 | 17.05 | F | NaN | 0 | NaN | 0 | 0 | 0 | 4 |
| 15 | 18 | 18.5 | 17.5 | L 16.7@14 | F | 0 | NaN | F | NaN | 0 | NaN | 0 | 0 | 0 | 4 |
| 16 | 19 | 19.5 | 18.5 | – | F | 0 | NaN | F | NaN | 0 | NaN | 0 | 0 | 0 | 4 |
| 17 | 20.2 | 20.7 | 19.7 | – | F | 0 | NaN | F | NaN | 0 | NaN | 0 | 0 | 0 | 4 |
| 18 | 19.2 | 19.7 | 18.7 | H 20.7@17 | F | 0 | NaN | T | 20.6 | 2 | NaN | 0 | 1 | 0 | 5 |
| 19 | 18.5 | 19 | 18 | – | F | 0 | NaN | F | 20.6 | 2 | NaN | 0 | 1 | 0 | 5 |
| 20 | 18.8 | 19.3 | 18.3 | L 18@19 | F | 0 | NaN | F | 20.6 | 2 | NaN | 0 | 1 | 0 | 5 |
`;

describe('liquidity_zones on series Q (structures.md §3.6)', () => {
  it('swing 1/1 confirms the listed pivots', () => {
    expectPivots(run('swing', { left: 1, right: 1 }, BARS), LZ_Q, 'pivots confirmed');
  });

  it('reproduces every row', () => {
    const series = run(
      'liquidity_zones',
      {},
      BARS,
      { swing: { params: { left: 1, right: 1 } } },
      constant(BARS.length, 1),
    );
    const rows = expectTable(series, LZ_Q, {
      sweep: 'sweep_this_bar',
      sweep_dir: 'sweep_direction',
      swept_level: 'swept_level',
      new_zone: 'new_zone_this_bar',
      near_high: 'nearest_high_level',
      near_high_touches: 'nearest_high_touches',
      near_low: 'nearest_low_level',
      near_low_touches: 'nearest_low_touches',
      high_cnt: 'active_high_count',
      low_cnt: 'active_low_count',
      version: 'version',
    });
    expect(rows).toBe(21);
  });
});
