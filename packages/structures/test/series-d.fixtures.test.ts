import { describe, expect, it } from 'vitest';
import { candles, expectCell, expectTable, parseTable, run } from './helpers';

// structures.md §3.4 — series D: H = C + 0.5, L = C − 0.5, O = previous C; swing fractal 1/1.
const CLOSES = [
  12.5, 11.5, 10.5, 12, 14, 17, 19.5, 19, 17, 15.1, 15, 14, 12.5, 13.5, 14, 15, 16, 17.5, 17, 15, 12.2,
];
const BARS = candles({
  open: CLOSES.map((c, i) => (i === 0 ? c : CLOSES[i - 1]!)),
  high: CLOSES.map((c) => c + 0.5),
  low: CLOSES.map((c) => c - 0.5),
  close: CLOSES,
});
const PARAMS = {
  levels: [0.5, 0.75],
  max_active: 3,
  mode: 'retracement',
  width_pct: 0.02,
  break_tolerance_pct: 0.001,
};

const DZ_D = `
| bar | C | pair_dir | source_version | zone0 | zone1 | zone2 | active_count | any_touched | first_active_idx |
|---|---|---|---|---|---|---|---|---|---|
| 0 | 12.5 | none | 0 | empty | empty | empty | 0 | F | -1 |
| 1 | 11.5 | none | 0 | empty | empty | empty | 0 | F | -1 |
| 2 | 10.5 | none | 0 | empty | empty | empty | 0 | F | -1 |
| 3 | 12 | none | 0 | empty | empty | empty | 0 | F | -1 |
| 4 | 14 | none | 0 | empty | empty | empty | 0 | F | -1 |
| 5 | 17 | none | 0 | empty | empty | empty | 0 | F | -1 |
| 6 | 19.5 | none | 0 | empty | empty | empty | 0 | F | -1 |
| 7 | 19 | bullish | 1 | 0.75: 12.375–12.625 active a7 tc0 | 0.5: 14.85–15.15 active a7 tc0 | empty | 2 | F | 0 |
| 8 | 17 | bullish | 1 | 0.75: 12.375–12.625 active a7 tc0 | 0.5: 14.85–15.15 active a7 tc0 | empty | 2 | F | 0 |
| 9 | 15.1 | bullish | 1 | 0.75: 12.375–12.625 active a7 tc0 | 0.5: 14.85–15.15 active a7 IN tc1 | empty | 2 | T | 0 |
| 10 | 15 | bullish | 1 | 0.75: 12.375–12.625 active a7 tc0 | 0.5: 14.85–15.15 active a7 IN tc2 | empty | 2 | T | 0 |
| 11 | 14 | bullish | 1 | 0.75: 12.375–12.625 active a7 tc0 | 0.5: 14.85–15.15 broken a7 tc2 | empty | 1 | F | 0 |
| 12 | 12.5 | bullish | 1 | 0.75: 12.375–12.625 active a7 IN tc1 | 0.5: 14.85–15.15 broken a7 tc2 | empty | 1 | T | 0 |
| 13 | 13.5 | bearish | 2 | 0.75: 13.86–14.14 active a13 tc0 | 0.5: 15.84–16.16 active a13 tc0 | 0.75: 12.375–12.625 active a7 tc1 | 3 | F | 0 |
| 14 | 14 | bearish | 2 | 0.75: 13.86–14.14 active a13 IN tc1 | 0.5: 15.84–16.16 active a13 tc0 | 0.75: 12.375–12.625 active a7 tc1 | 3 | T | 0 |
| 15 | 15 | bearish | 2 | 0.75: 13.86–14.14 broken a13 tc1 | 0.5: 15.84–16.16 active a13 tc0 | 0.75: 12.375–12.625 active a7 tc1 | 2 | F | 1 |
| 16 | 16 | bearish | 2 | 0.75: 13.86–14.14 broken a13 tc1 | 0.5: 15.84–16.16 active a13 IN tc1 | 0.75: 12.375–12.625 active a7 tc1 | 2 | T | 1 |
| 17 | 17.5 | bearish | 2 | 0.75: 13.86–14.14 broken a13 tc1 | 0.5: 15.84–16.16 broken a13 tc1 | 0.75: 12.375–12.625 active a7 tc1 | 1 | F | 2 |
| 18 | 17 | bullish | 3 | 0.75: 13.365–13.635 active a18 tc0 | 0.5: 14.85–15.15 active a18 tc0 | 0.75: 13.86–14.14 broken a13 tc1 | 2 | F | 0 |
| 19 | 15 | bullish | 3 | 0.75: 13.365–13.635 active a18 tc0 | 0.5: 14.85–15.15 active a18 IN tc1 | 0.75: 13.86–14.14 broken a13 tc1 | 2 | T | 0 |
| 20 | 12.2 | bullish | 3 | 0.75: 13.365–13.635 broken a18 tc0 | 0.5: 14.85–15.15 broken a18 tc1 | 0.75: 13.86–14.14 broken a13 tc1 | 0 | F | -1 |
`;

const SLOT_CELL = /^([\d.]+): ([\d.]+)–([\d.]+) (active|broken) a(\d+)( IN)? tc(\d+)$/;

describe('derived_zone on series D (structures.md §3.4)', () => {
  const series = run('derived_zone', PARAMS, BARS, { swing: { params: { left: 1, right: 1 } } });

  it('reproduces the aggregate columns of every row', () => {
    const rows = expectTable(series, DZ_D, {
      source_version: 'source_version',
      active_count: 'active_count',
      any_touched: 'any_touched',
      first_active_idx: 'first_active_idx',
    });
    expect(rows).toBe(21);
  });

  it('reproduces every slot cell (bounds, state, anchor, inside, touch count)', () => {
    let cells = 0;
    for (const row of parseTable(DZ_D)) {
      const bar = Number(row.bar);
      for (const slot of [0, 1, 2]) {
        const cell = row[`zone${slot}`]!;
        const f = (name: string) => `zone${slot}_${name}`;
        if (cell === 'empty') {
          expectCell(series, f('state'), bar, 'none');
          expectCell(series, f('lower'), bar, 'NaN');
          expectCell(series, f('upper'), bar, 'NaN');
          expectCell(series, f('anchor_idx'), bar, '-1');
          expectCell(series, f('age_bars'), bar, '-1');
          expectCell(series, f('touch_count'), bar, '0');
          expectCell(series, f('instance_id'), bar, '0');
        } else {
          const m = SLOT_CELL.exec(cell);
          expect(m, `cell '${cell}'`).not.toBeNull();
          const [, , lower, upper, state, anchor, inside, touches] = m!;
          expectCell(series, f('lower'), bar, lower!);
          expectCell(series, f('upper'), bar, upper!);
          expectCell(series, f('state'), bar, state!);
          expectCell(series, f('anchor_idx'), bar, anchor!);
          expectCell(series, f('age_bars'), bar, String(bar - Number(anchor)));
          expectCell(series, f('inside'), bar, inside === undefined ? 'F' : 'T');
          expectCell(series, f('touched_this_bar'), bar, inside === undefined ? 'F' : 'T');
          expectCell(series, f('touch_count'), bar, touches!);
        }
        cells++;
      }
    }
    expect(cells).toBe(63);
  });

  it('gives the listed instance_id to every zone created', () => {
    const ids = series.columns;
    // bar 7 and 13: level 0.75 in slot 0, level 0.5 in slot 1; bar 18 likewise.
    expect([ids.zone0_instance_id![7], ids.zone1_instance_id![7]]).toEqual([3574544788, 1124109552]);
    expect([ids.zone0_instance_id![13], ids.zone1_instance_id![13]]).toEqual([1709563382, 2566959266]);
    expect([ids.zone0_instance_id![18], ids.zone1_instance_id![18]]).toEqual([2789386418, 2415704798]);
    // Zones keep their id while they age into older slots.
    expect(ids.zone2_instance_id![13]).toBe(3574544788);
  });

  it('reports the last touch age of a touched slot and −1 for a never-touched one', () => {
    expect(series.columns.zone1_last_touch_age![10]).toBe(0);
    expect(series.columns.zone1_last_touch_age![12]).toBe(2);
    expect(series.columns.zone0_last_touch_age![8]).toBe(-1);
  });
});
