import { describe, expect, it } from 'vitest';
import { candles, constant, expectCell, expectTable, parseTable, run } from './helpers';

// structures.md §3.1 — series A, fractal left = right = 2.
const SERIES_A = `
| bar | H | L | high_level | high_idx | low_level | low_idx | version | high_version | low_version | last_pivot_idx | last_pivot_type | high_acc | low_acc | pair_dir | pair_high | pair_hidx | pair_low | pair_lidx | pair_ver | pair_anchor_hash (when changed) |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
| 0 | 10 | 9 | NaN | -1 | NaN | -1 | 0 | 0 | 0 | -1 | none | F | F | none | NaN | -1 | NaN | -1 | 0 | "" |
| 1 | 11 | 10 | NaN | -1 | NaN | -1 | 0 | 0 | 0 | -1 | none | F | F | none | NaN | -1 | NaN | -1 | 0 | "" |
| 2 | 12 | 11 | NaN | -1 | NaN | -1 | 0 | 0 | 0 | -1 | none | F | F | none | NaN | -1 | NaN | -1 | 0 | "" |
| 3 | 11 | 10 | NaN | -1 | NaN | -1 | 0 | 0 | 0 | -1 | none | F | F | none | NaN | -1 | NaN | -1 | 0 | "" |
| 4 | 10 | 9 | 12 | 2 | NaN | -1 | 1 | 1 | 0 | 2 | high | T | F | none | NaN | -1 | NaN | -1 | 0 | "" |
| 5 | 11 | 8 | 12 | 2 | NaN | -1 | 1 | 1 | 0 | 2 | high | F | F | none | NaN | -1 | NaN | -1 | 0 | "" |
| 6 | 12 | 9 | 12 | 2 | NaN | -1 | 1 | 1 | 0 | 2 | high | F | F | none | NaN | -1 | NaN | -1 | 0 | "" |
| 7 | 13 | 10 | 12 | 2 | 8 | 5 | 2 | 1 | 1 | 5 | low | F | T | bearish | 12 | 2 | 8 | 5 | 1 | 289c8b7afa0a0082 |
| 8 | 12 | 10 | 12 | 2 | 8 | 5 | 2 | 1 | 1 | 5 | low | F | F | bearish | 12 | 2 | 8 | 5 | 1 | same |
| 9 | 14 | 11 | 12 | 2 | 8 | 5 | 2 | 1 | 1 | 5 | low | F | F | bearish | 12 | 2 | 8 | 5 | 1 | same |
| 10 | 13 | 12 | 12 | 2 | 8 | 5 | 2 | 1 | 1 | 5 | low | F | F | bearish | 12 | 2 | 8 | 5 | 1 | same |
| 11 | 12 | 10 | 14 | 9 | 8 | 5 | 3 | 2 | 1 | 9 | high | T | F | bullish | 14 | 9 | 8 | 5 | 2 | 88b9f0ff759862ff |
| 12 | 13 | 11 | 14 | 9 | 8 | 5 | 3 | 2 | 1 | 9 | high | F | F | bullish | 14 | 9 | 8 | 5 | 2 | same |
| 13 | 16 | 12 | 14 | 9 | 10 | 11 | 4 | 2 | 2 | 11 | low | F | T | bearish | 14 | 9 | 10 | 11 | 3 | 5478ab4b9fe3979a |
| 14 | 15 | 13 | 14 | 9 | 10 | 11 | 4 | 2 | 2 | 11 | low | F | F | bearish | 14 | 9 | 10 | 11 | 3 | same |
| 15 | 16 | 14 | 14 | 9 | 10 | 11 | 4 | 2 | 2 | 11 | low | F | F | bearish | 14 | 9 | 10 | 11 | 3 | same |
| 16 | 15 | 13 | 14 | 9 | 10 | 11 | 4 | 2 | 2 | 11 | low | F | F | bearish | 14 | 9 | 10 | 11 | 3 | same |
| 17 | 17 | 14 | 14 | 9 | 10 | 11 | 4 | 2 | 2 | 11 | low | F | F | bearish | 14 | 9 | 10 | 11 | 3 | same |
| 18 | 16 | 15 | 14 | 9 | 10 | 11 | 4 | 2 | 2 | 11 | low | F | F | bearish | 14 | 9 | 10 | 11 | 3 | same |
| 19 | 20 | 11 | 14 | 9 | 10 | 11 | 4 | 2 | 2 | 11 | low | F | F | bearish | 14 | 9 | 10 | 11 | 3 | same |
| 20 | 18 | 14 | 14 | 9 | 10 | 11 | 4 | 2 | 2 | 11 | low | F | F | bearish | 14 | 9 | 10 | 11 | 3 | same |
| 21 | 19 | 15 | 20 | 19 | 11 | 19 | 6 | 3 | 3 | 19 | low | T | T | bearish | 20 | 19 | 11 | 19 | 5 | 08b1e0b1f2915f53 |
| 22 | 21 | 16 | 20 | 19 | 11 | 19 | 6 | 3 | 3 | 19 | low | F | F | bearish | 20 | 19 | 11 | 19 | 5 | same |
| 23 | 20 | 17 | 20 | 19 | 11 | 19 | 6 | 3 | 3 | 19 | low | F | F | bearish | 20 | 19 | 11 | 19 | 5 | same |
| 24 | 19 | 16 | 21 | 22 | 11 | 19 | 7 | 4 | 3 | 22 | high | T | F | bullish | 21 | 22 | 11 | 19 | 6 | 0fd6736d29b82c0e |
| 25 | 22 | 18 | 21 | 22 | 11 | 19 | 7 | 4 | 3 | 22 | high | F | F | bullish | 21 | 22 | 11 | 19 | 6 | same |
| 26 | 21 | 19 | 21 | 22 | 11 | 19 | 7 | 4 | 3 | 22 | high | F | F | bullish | 21 | 22 | 11 | 19 | 6 | same |
| 27 | 20 | 18 | 22 | 25 | 11 | 19 | 8 | 5 | 3 | 25 | high | T | F | bullish | 21 | 22 | 11 | 19 | 6 | same |
| 28 | 19 | 17 | 22 | 25 | 11 | 19 | 8 | 5 | 3 | 25 | high | F | F | bullish | 21 | 22 | 11 | 19 | 6 | same |
| 29 | 18 | 16 | 22 | 25 | 11 | 19 | 8 | 5 | 3 | 25 | high | F | F | bullish | 21 | 22 | 11 | 19 | 6 | same |
`;

const A_COLUMNS = {
  high_level: 'high_level',
  high_idx: 'high_idx',
  low_level: 'low_level',
  low_idx: 'low_idx',
  version: 'version',
  high_version: 'high_version',
  low_version: 'low_version',
  last_pivot_idx: 'last_confirmed_pivot_idx',
  last_pivot_type: 'last_confirmed_pivot_type',
  high_acc: 'high_accepted',
  low_acc: 'low_accepted',
  pair_dir: 'pair_direction',
  pair_high: 'pair_high_level',
  pair_hidx: 'pair_high_idx',
  pair_low: 'pair_low_level',
  pair_lidx: 'pair_low_idx',
  pair_ver: 'pair_version',
};

// structures.md §3.2 — series Z, atr_zigzag with atr_multiplier 2 and ATR = 1.
const SERIES_Z = `
| bar | H | L | high_level | high_idx | high_significance | high_is_major | low_level | low_idx | low_significance | low_is_major | version | pair_dir | pair_ver |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
| 0 | 10.5 | 9.5 | NaN | -1 | NaN | F | NaN | -1 | NaN | F | 0 | none | 0 |
| 1 | 11.5 | 10.5 | NaN | -1 | NaN | F | NaN | -1 | NaN | F | 0 | none | 0 |
| 2 | 12.5 | 11 | NaN | -1 | NaN | F | NaN | -1 | NaN | F | 0 | none | 0 |
| 3 | 12 | 10.8 | NaN | -1 | NaN | F | NaN | -1 | NaN | F | 0 | none | 0 |
| 4 | 11.5 | 10.2 | 12.5 | 2 | NaN | F | NaN | -1 | NaN | F | 1 | none | 0 |
| 5 | 11 | 9.8 | 12.5 | 2 | NaN | F | NaN | -1 | NaN | F | 1 | none | 0 |
| 6 | 11.5 | 10.5 | 12.5 | 2 | NaN | F | NaN | -1 | NaN | F | 1 | none | 0 |
| 7 | 12 | 11 | 12.5 | 2 | NaN | F | 9.8 | 5 | NaN | F | 2 | bearish | 1 |
| 8 | 13 | 12 | 12.5 | 2 | NaN | F | 9.8 | 5 | NaN | F | 2 | bearish | 1 |
| 9 | 14 | 12.5 | 12.5 | 2 | NaN | F | 9.8 | 5 | NaN | F | 2 | bearish | 1 |
| 10 | 13.5 | 12.2 | 12.5 | 2 | NaN | F | 9.8 | 5 | NaN | F | 2 | bearish | 1 |
| 11 | 13 | 11.9 | 14 | 9 | 1.5 | T | 9.8 | 5 | NaN | F | 3 | bullish | 2 |
| 12 | 12.5 | 11.5 | 14 | 9 | 1.5 | T | 9.8 | 5 | NaN | F | 3 | bullish | 2 |
| 13 | 12.8 | 11.6 | 14 | 9 | 1.5 | T | 9.8 | 5 | NaN | F | 3 | bullish | 2 |
| 14 | 13.6 | 12.4 | 14 | 9 | 1.5 | T | 11.5 | 12 | 1.7 | T | 4 | bearish | 3 |
`;

function barsOf(table: string) {
  const rows = parseTable(table);
  return candles({ high: rows.map((r) => Number(r.H)), low: rows.map((r) => Number(r.L)) });
}

describe('swing on series A (fractal 2/2, structures.md §3.1)', () => {
  const bars = barsOf(SERIES_A);
  const rows = parseTable(SERIES_A);

  it('reproduces every row of the table', () => {
    const series = run('swing', { left: 2, right: 2 }, bars);
    expect(expectTable(series, SERIES_A, A_COLUMNS)).toBe(30);
  });

  it('reproduces the pair_anchor_hash column', () => {
    const series = run('swing', { left: 2, right: 2 }, bars);
    let previous = '';
    for (const row of rows) {
      const bar = Number(row.bar);
      const cell = row['pair_anchor_hash (when changed)']!;
      const expected = cell === 'same' ? previous : cell.replace(/"/g, '');
      expect(series.hashes.pair_anchor_hash![bar], `bar ${bar}`).toBe(expected);
      previous = expected;
    }
  });

  it('with strict_alternation differs only by high_replaced_pending on bar 27', () => {
    const plain = run('swing', { left: 2, right: 2 }, bars);
    const strict = run('swing', { left: 2, right: 2, strict_alternation: true }, bars);
    for (const f of plain.fields) {
      if (f.type === 'HASH') {
        expect(strict.hashes[f.name]).toEqual(plain.hashes[f.name]);
      } else if (f.name !== 'high_replaced_pending') {
        expect(Array.from(strict.columns[f.name]!), f.name).toEqual(Array.from(plain.columns[f.name]!));
      }
    }
    const replaced = Array.from(strict.columns.high_replaced_pending!);
    expect(replaced.map((x, i) => (x === 1 ? i : -1)).filter((i) => i >= 0)).toEqual([27]);
  });

  it('with min_pct_move 10 rejects 21@22 and accepts 22@25 on bar 27', () => {
    const plain = run('swing', { left: 2, right: 2 }, bars);
    const filtered = run('swing', { left: 2, right: 2, min_pct_move: 10 }, bars);
    for (const f of plain.fields) {
      if (f.type === 'HASH') continue;
      for (let bar = 0; bar <= 23; bar++) {
        expect(filtered.columns[f.name]![bar], `${f.name} bar ${bar}`).toBe(plain.columns[f.name]![bar]);
      }
      for (let bar = 24; bar <= 26; bar++) {
        if (f.name.endsWith('_accepted') || f.name.endsWith('_replaced_pending')) continue;
        expect(filtered.columns[f.name]![bar], `${f.name} bar ${bar}`).toEqual(filtered.columns[f.name]![23]);
      }
    }
    for (const [field, cell] of Object.entries({
      version: '7',
      high_version: '4',
      high_level: '22',
      high_idx: '25',
      high_accepted: 'T',
      pair_direction: 'bullish',
      pair_low_level: '11',
      pair_low_idx: '19',
      pair_high_level: '22',
      pair_high_idx: '25',
      pair_version: '6',
    })) {
      expectCell(filtered, field, 27, cell);
    }
    expect(filtered.columns.high_accepted![24]).toBe(0);
  });
});

describe('swing on series Z (atr_zigzag, structures.md §3.2)', () => {
  it('reproduces every row of the table', () => {
    const bars = barsOf(SERIES_Z);
    const series = run(
      'swing',
      { mode: 'atr_zigzag', atr_multiplier: 2 },
      bars,
      {},
      constant(bars.length, 1),
    );
    const columns: Record<string, string> = {};
    for (const h of Object.keys(parseTable(SERIES_Z)[0]!)) {
      if (h !== 'bar' && h !== 'H' && h !== 'L') columns[h] = h;
    }
    columns.pair_dir = 'pair_direction';
    columns.pair_ver = 'pair_version';
    expect(expectTable(series, SERIES_Z, columns)).toBe(15);
  });
});
