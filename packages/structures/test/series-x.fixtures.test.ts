import { describe, expect, it } from 'vitest';
import { candles, constant, expectPivots, expectTable, parseTable, run } from './helpers';

// structures.md §3.5 — series X, ATR = 1 on every bar.
const BARS_X = `
| bar | O | H | L | C | swing(1,1) pivots confirmed | market_structure event |
|---|---|---|---|---|---|---|
| 0 | 10 | 10.5 | 9.5 | 10.2 | – | – |
| 1 | 10.2 | 10.8 | 10 | 10.6 | – | – |
| 2 | 10.6 | 11 | 10.4 | 10.5 | – | – |
| 3 | 10.5 | 10.7 | 10.1 | 10.2 | H 11@2 | – |
| 4 | 10.2 | 10.3 | 9.8 | 10 | – | – |
| 5 | 10 | 12.1 | 9.9 | 12 | L 9.8@4 | BOS bullish |
| 6 | 12 | 13.2 | 11.6 | 13 | – | – |
| 7 | 13 | 13.4 | 12.6 | 12.8 | – | – |
| 8 | 12.8 | 12.9 | 11.2 | 11.4 | H 13.4@7 | – |
| 9 | 11.4 | 11.6 | 10.8 | 11.5 | – | – |
| 10 | 11.5 | 11.9 | 10.1 | 10.3 | – | – |
| 11 | 10.3 | 10.6 | 9 | 9.2 | H 11.9@10 | CHoCH bearish |
| 12 | 9.2 | 9.6 | 8.8 | 9.4 | – | – |
| 13 | 9.4 | 10.1 | 9.3 | 9.9 | L 8.8@12 | – |
| 14 | 9.9 | 10 | 8.1 | 8.2 | H 10.1@13 | BOS bearish |
| 15 | 8.2 | 8.4 | 7.4 | 7.6 | – | – |
| 16 | 7.6 | 8 | 7.2 | 7.9 | – | – |
| 17 | 7.9 | 8.7 | 7.8 | 8.6 | L 7.2@16 | – |
| 18 | 8.6 | 9.5 | 8.5 | 9.45 | – | – |
| 19 | 9.45 | 10.6 | 9.4 | 10.5 | – | CHoCH bullish |
| 20 | 10.5 | 10.7 | 9.8 | 10.1 | – | – |
| 21 | 10.1 | 11 | 10 | 10.9 | – | – |
`;

const DISP_X = `
| bar | is_displacement | direction | body_atr_ratio | wick_ratio | last_idx | last_direction | version |
|---|---|---|---|---|---|---|---|
| 0 | F | 0 | 0.2 | 4 | -1 | 0 | 0 |
| 1 | F | 0 | 0.4 | 1 | -1 | 0 | 0 |
| 2 | F | 0 | 0.1 | 5 | -1 | 0 | 0 |
| 3 | F | 0 | 0.3 | 1 | -1 | 0 | 0 |
| 4 | F | 0 | 0.2 | 1.5 | -1 | 0 | 0 |
| 5 | T | 1 | 2 | 0.1 | 5 | 1 | 1 |
| 6 | F | 0 | 1 | 0.6 | 5 | 1 | 1 |
| 7 | F | 0 | 0.2 | 3 | 5 | 1 | 1 |
| 8 | F | 0 | 1.4 | 0.214286 | 5 | 1 | 1 |
| 9 | F | 0 | 0.1 | 7 | 5 | 1 | 1 |
| 10 | F | 0 | 1.2 | 0.5 | 5 | 1 | 1 |
| 11 | F | 0 | 1.1 | 0.454545 | 5 | 1 | 1 |
| 12 | F | 0 | 0.2 | 3 | 5 | 1 | 1 |
| 13 | F | 0 | 0.5 | 0.6 | 5 | 1 | 1 |
| 14 | T | -1 | 1.7 | 0.117647 | 14 | -1 | 2 |
| 15 | F | 0 | 0.6 | 0.666667 | 14 | -1 | 2 |
| 16 | F | 0 | 0.3 | 1.666667 | 14 | -1 | 2 |
| 17 | F | 0 | 0.7 | 0.285714 | 14 | -1 | 2 |
| 18 | F | 0 | 0.85 | 0.176471 | 14 | -1 | 2 |
| 19 | F | 0 | 1.05 | 0.142857 | 14 | -1 | 2 |
| 20 | F | 0 | 0.4 | 1.25 | 14 | -1 | 2 |
| 21 | F | 0 | 0.8 | 0.25 | 14 | -1 | 2 |
`;

const FVG_X = `
| bar | new | new_dir | new_lower | new_upper | bull_lower | bull_upper | bull_fill | bear_lower | bear_upper | bear_fill | bull_cnt | bear_cnt | any_mitigated | any_invalidated | version |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
| 0 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | 0 |
| 1 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | 0 |
| 2 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | 0 |
| 3 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | 0 |
| 4 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | 0 |
| 5 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | 0 |
| 6 | T | 1 | 10.3 | 11.6 | 10.3 | 11.6 | 0 | NaN | NaN | NaN | 1 | 0 | F | F | 1 |
| 7 | F | 0 | NaN | NaN | 10.3 | 11.6 | 0 | NaN | NaN | NaN | 1 | 0 | F | F | 1 |
| 8 | F | 0 | NaN | NaN | 10.3 | 11.6 | 0.307692 | NaN | NaN | NaN | 1 | 0 | F | F | 1 |
| 9 | T | -1 | 11.6 | 12.6 | NaN | NaN | NaN | 11.6 | 12.6 | 0 | 0 | 1 | T | F | 2 |
| 10 | F | 0 | NaN | NaN | NaN | NaN | NaN | 11.6 | 12.6 | 0.3 | 0 | 1 | F | F | 2 |
| 11 | F | 0 | NaN | NaN | NaN | NaN | NaN | 11.6 | 12.6 | 0.3 | 0 | 1 | F | F | 2 |
| 12 | F | 0 | NaN | NaN | NaN | NaN | NaN | 11.6 | 12.6 | 0.3 | 0 | 1 | F | F | 2 |
| 13 | F | 0 | NaN | NaN | NaN | NaN | NaN | 11.6 | 12.6 | 0.3 | 0 | 1 | F | F | 2 |
| 14 | F | 0 | NaN | NaN | NaN | NaN | NaN | 11.6 | 12.6 | 0.3 | 0 | 1 | F | F | 2 |
| 15 | T | -1 | 8.4 | 9.3 | NaN | NaN | NaN | 8.4 | 9.3 | 0 | 0 | 2 | F | F | 3 |
| 16 | F | 0 | NaN | NaN | NaN | NaN | NaN | 8.4 | 9.3 | 0 | 0 | 2 | F | F | 3 |
| 17 | F | 0 | NaN | NaN | NaN | NaN | NaN | 8.4 | 9.3 | 0.333333 | 0 | 2 | F | F | 3 |
| 18 | F | 0 | NaN | NaN | NaN | NaN | NaN | 11.6 | 12.6 | 0.3 | 0 | 1 | F | T | 4 |
| 19 | T | 1 | 8.7 | 9.4 | 8.7 | 9.4 | 0 | 11.6 | 12.6 | 0.3 | 1 | 1 | F | F | 5 |
| 20 | F | 0 | NaN | NaN | 8.7 | 9.4 | 0 | 11.6 | 12.6 | 0.3 | 1 | 1 | F | F | 5 |
| 21 | F | 0 | NaN | NaN | 8.7 | 9.4 | 0 | 11.6 | 12.6 | 0.3 | 1 | 1 | F | F | 5 |
`;

const OB_X = `
| bar | new | new_dir | new_lower | new_upper | bull_lower | bull_upper | bear_lower | bear_upper | bull_cnt | bear_cnt | any_mitigated | any_invalidated | last_inval_dir | version |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
| 0 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | 0 | 0 |
| 1 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | 0 | 0 |
| 2 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | 0 | 0 |
| 3 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | 0 | 0 |
| 4 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | 0 | 0 |
| 5 | T | 1 | 10 | 10.2 | 10 | 10.2 | NaN | NaN | 1 | 0 | F | F | 0 | 1 |
| 6 | F | 0 | NaN | NaN | 10 | 10.2 | NaN | NaN | 1 | 0 | F | F | 0 | 1 |
| 7 | F | 0 | NaN | NaN | 10 | 10.2 | NaN | NaN | 1 | 0 | F | F | 0 | 1 |
| 8 | F | 0 | NaN | NaN | 10 | 10.2 | NaN | NaN | 1 | 0 | F | F | 0 | 1 |
| 9 | F | 0 | NaN | NaN | 10 | 10.2 | NaN | NaN | 1 | 0 | F | F | 0 | 1 |
| 10 | F | 0 | NaN | NaN | 10 | 10.2 | NaN | NaN | 1 | 0 | T | F | 0 | 2 |
| 11 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | T | 1 | 3 |
| 12 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | 1 | 3 |
| 13 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | 1 | 3 |
| 14 | T | -1 | 9.4 | 9.9 | NaN | NaN | 9.4 | 9.9 | 0 | 1 | F | F | 1 | 4 |
| 15 | F | 0 | NaN | NaN | NaN | NaN | 9.4 | 9.9 | 0 | 1 | F | F | 1 | 4 |
| 16 | F | 0 | NaN | NaN | NaN | NaN | 9.4 | 9.9 | 0 | 1 | F | F | 1 | 4 |
| 17 | F | 0 | NaN | NaN | NaN | NaN | 9.4 | 9.9 | 0 | 1 | F | F | 1 | 4 |
| 18 | F | 0 | NaN | NaN | NaN | NaN | 9.4 | 9.9 | 0 | 1 | T | F | 1 | 5 |
| 19 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | T | -1 | 6 |
| 20 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | -1 | 6 |
| 21 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | -1 | 6 |
`;

const BB_X = `
| bar | new | new_dir | new_lower | new_upper | bull_lower | bull_upper | bear_lower | bear_upper | bull_cnt | bear_cnt | any_mitigated | any_invalidated | last_inval_dir | version |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
| 0 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | 0 | 0 |
| 1 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | 0 | 0 |
| 2 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | 0 | 0 |
| 3 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | 0 | 0 |
| 4 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | 0 | 0 |
| 5 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | 0 | 0 |
| 6 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | 0 | 0 |
| 7 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | 0 | 0 |
| 8 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | 0 | 0 |
| 9 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | 0 | 0 |
| 10 | F | 0 | NaN | NaN | NaN | NaN | NaN | NaN | 0 | 0 | F | F | 0 | 0 |
| 11 | T | -1 | 10 | 10.2 | NaN | NaN | 10 | 10.2 | 0 | 1 | F | F | 0 | 1 |
| 12 | F | 0 | NaN | NaN | NaN | NaN | 10 | 10.2 | 0 | 1 | F | F | 0 | 1 |
| 13 | F | 0 | NaN | NaN | NaN | NaN | 10 | 10.2 | 0 | 1 | T | F | 0 | 2 |
| 14 | F | 0 | NaN | NaN | NaN | NaN | 10 | 10.2 | 0 | 1 | F | F | 0 | 2 |
| 15 | F | 0 | NaN | NaN | NaN | NaN | 10 | 10.2 | 0 | 1 | F | F | 0 | 2 |
| 16 | F | 0 | NaN | NaN | NaN | NaN | 10 | 10.2 | 0 | 1 | F | F | 0 | 2 |
| 17 | F | 0 | NaN | NaN | NaN | NaN | 10 | 10.2 | 0 | 1 | F | F | 0 | 2 |
| 18 | F | 0 | NaN | NaN | NaN | NaN | 10 | 10.2 | 0 | 1 | F | F | 0 | 2 |
| 19 | T | 1 | 9.4 | 9.9 | 9.4 | 9.9 | NaN | NaN | 1 | 0 | F | T | -1 | 3 |
| 20 | F | 0 | NaN | NaN | 9.4 | 9.9 | NaN | NaN | 1 | 0 | T | F | -1 | 4 |
| 21 | F | 0 | NaN | NaN | 9.4 | 9.9 | NaN | NaN | 1 | 0 | F | F | -1 | 4 |
`;

const X_ROWS = parseTable(BARS_X);
const BARS = candles({
  open: X_ROWS.map((r) => Number(r.O)),
  high: X_ROWS.map((r) => Number(r.H)),
  low: X_ROWS.map((r) => Number(r.L)),
  close: X_ROWS.map((r) => Number(r.C)),
});
const ATR = constant(BARS.length, 1);
const SWING_1_1 = { swing: { params: { left: 1, right: 1 } } };

const BLOCK_COLUMNS = {
  new: 'new_this_bar',
  new_dir: 'new_direction',
  new_lower: 'new_lower',
  new_upper: 'new_upper',
  bull_lower: 'nearest_bull_lower',
  bull_upper: 'nearest_bull_upper',
  bear_lower: 'nearest_bear_lower',
  bear_upper: 'nearest_bear_upper',
  bull_cnt: 'active_bull_count',
  bear_cnt: 'active_bear_count',
  any_mitigated: 'any_mitigated_this_bar',
  any_invalidated: 'any_invalidated_this_bar',
  last_inval_dir: 'last_invalidated_direction',
  version: 'version',
};

describe('series X (structures.md §3.5)', () => {
  it('swing 1/1 and market_structure give the listed pivots and events', () => {
    expectPivots(run('swing', { left: 1, right: 1 }, BARS), BARS_X, 'swing(1,1) pivots confirmed');
    const ms = run('market_structure', {}, BARS, SWING_1_1);
    for (const row of X_ROWS) {
      const bar = Number(row.bar);
      const event = row['market_structure event']!;
      const [kind, dir] = event === '–' ? ['', ''] : event.split(' ');
      expect(ms.columns.bos_this_bar![bar], `BOS on bar ${bar}`).toBe(kind === 'BOS' ? 1 : 0);
      expect(ms.columns.choch_this_bar![bar], `CHoCH on bar ${bar}`).toBe(kind === 'CHoCH' ? 1 : 0);
      if (kind !== '') {
        const field = kind === 'BOS' ? 'bos_direction' : 'choch_direction';
        expect(ms.fields.find((f) => f.name === field)!.domain![ms.columns[field]![bar]!]).toBe(dir);
      }
    }
  });

  it('displacement (defaults) reproduces every row', () => {
    const series = run('displacement', {}, BARS, {}, ATR);
    const rows = expectTable(series, DISP_X, {
      is_displacement: 'is_displacement',
      direction: 'direction',
      body_atr_ratio: 'body_atr_ratio',
      wick_ratio: 'wick_ratio',
      last_idx: 'last_idx',
      last_direction: 'last_direction',
      version: 'version',
    });
    expect(rows).toBe(22);
  });

  it('fair_value_gap (min_gap_atr 0.6) reproduces every row', () => {
    const series = run('fair_value_gap', { min_gap_atr: 0.6, max_active: 5 }, BARS, {}, ATR);
    const rows = expectTable(series, FVG_X, {
      new: 'new_this_bar',
      new_dir: 'new_direction',
      new_lower: 'new_lower',
      new_upper: 'new_upper',
      bull_lower: 'nearest_bull_lower',
      bull_upper: 'nearest_bull_upper',
      bull_fill: 'nearest_bull_fill_pct',
      bear_lower: 'nearest_bear_lower',
      bear_upper: 'nearest_bear_upper',
      bear_fill: 'nearest_bear_fill_pct',
      bull_cnt: 'active_bull_count',
      bear_cnt: 'active_bear_count',
      any_mitigated: 'any_mitigated_this_bar',
      any_invalidated: 'any_invalidated_this_bar',
      version: 'version',
    });
    expect(rows).toBe(22);
  });

  it('order_block (swing 1/1, defaults) reproduces every row, with and without a bound displacement', () => {
    const computed = run('order_block', {}, BARS, SWING_1_1, ATR);
    expect(expectTable(computed, OB_X, BLOCK_COLUMNS)).toBe(22);
    const bound = run('order_block', {}, BARS, { ...SWING_1_1, displacement: {} }, ATR);
    expect(expectTable(bound, OB_X, BLOCK_COLUMNS)).toBe(22);
  });

  it('breaker_block (order_block and market_structure bound) reproduces every row', () => {
    const series = run(
      'breaker_block',
      {},
      BARS,
      { order_block: { uses: SWING_1_1 }, market_structure: { uses: SWING_1_1 } },
      ATR,
    );
    expect(expectTable(series, BB_X, BLOCK_COLUMNS)).toBe(22);
  });
});
