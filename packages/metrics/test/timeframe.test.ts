import { describe, expect, it } from 'vitest';
import { BARS_PER_YEAR, barsPerYear, normalizeTimeframe, UnknownTimeframeError } from '../src/index';

// metrics.md §3, row by row: accepted spellings, canonical name, bars per year.
const TABLE: ReadonlyArray<readonly [readonly string[], string, number]> = [
  [['1m', '1'], '1m', 525_600],
  [['3m', '3'], '3m', 175_200],
  [['5m', '5'], '5m', 105_120],
  [['15m', '15'], '15m', 35_040],
  [['30m', '30'], '30m', 17_520],
  [['1h', '60'], '1h', 8_760],
  [['2h', '120'], '2h', 4_380],
  [['4h', '240'], '4h', 2_190],
  [['6h', '360'], '6h', 1_460],
  [['12h', '720'], '12h', 730],
  [['D'], 'D', 365],
  [['W'], 'W', 52],
  [['M'], 'M', 12],
];

describe('timeframes (metrics.md §3)', () => {
  it.each(TABLE)('accepts %j as %s with %i bars per year', (spellings, canonical, bpy) => {
    for (const spelling of spellings) {
      expect(normalizeTimeframe(spelling)).toBe(canonical);
      expect(barsPerYear(spelling)).toBe(bpy);
    }
  });

  it('covers every canonical timeframe in BARS_PER_YEAR', () => {
    expect(Object.keys(BARS_PER_YEAR).sort()).toEqual(TABLE.map(([, canonical]) => canonical).sort());
  });

  it.each(['1d', '1D', 'd', '7m', '', '1H', 'h1', ' 1h', '60m', 'w', '1M', 'D '])(
    'rejects %j in both helpers',
    (spelling) => {
      expect(() => normalizeTimeframe(spelling)).toThrow(UnknownTimeframeError);
      expect(() => barsPerYear(spelling)).toThrow(UnknownTimeframeError);
    },
  );

  it('quotes the rejected text in the message', () => {
    expect(() => barsPerYear('7m')).toThrow("unknown timeframe '7m'");
  });
});
