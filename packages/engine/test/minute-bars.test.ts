import { candlesFromRows, type TradeError } from '@trade/core';
import { describe, expect, it } from 'vitest';
import { prepareMinuteBars } from '../src/index';

const bar = (
  minute: number,
  close: number,
  extra: Partial<{ open: number; high: number; low: number; volume: number }> = {},
) => ({
  ts: minute * 60_000,
  open: extra.open ?? close,
  high: extra.high ?? close + 1,
  low: extra.low ?? close - 1,
  close,
  volume: extra.volume ?? 2,
});

describe('prepareMinuteBars', () => {
  it('returns contiguous input unchanged', () => {
    const c = candlesFromRows([bar(0, 10), bar(1, 11), bar(2, 12)]);
    const p = prepareMinuteBars(c);
    expect(p.candles).toBe(c);
    expect(p.gapsFilled).toBe(0);
  });

  it('fills each missing minute with a flat bar at the previous close and zero volume', () => {
    const rows = [bar(0, 10)];
    for (let m = 1; m < 300; m++) if (m !== 5 && m !== 6 && m !== 100) rows.push(bar(m, 10 + m));
    const p = prepareMinuteBars(candlesFromRows(rows));
    expect(p.candles.length).toBe(300);
    expect(p.gapsFilled).toBe(3);
    expect(p.gaps).toEqual([
      { fromTs: 5 * 60_000, minutes: 2 },
      { fromTs: 100 * 60_000, minutes: 1 },
    ]);
    for (const i of [5, 6]) {
      expect([
        p.candles.open[i],
        p.candles.high[i],
        p.candles.low[i],
        p.candles.close[i],
        p.candles.volume[i],
      ]).toEqual([14, 14, 14, 14, 0]);
    }
    expect(p.candles.ts[100]).toBe(100 * 60_000);
    expect(p.candles.close[100]).toBe(109);
    for (let i = 1; i < 300; i++) expect(p.candles.ts[i]! - p.candles.ts[i - 1]!).toBe(60_000);
  });

  it('rejects more than 1 % filled minutes with E_DATA_GAPS unless allowed', () => {
    const rows = [bar(0, 10), bar(50, 11)];
    expect(() => prepareMinuteBars(candlesFromRows(rows))).toThrow(/49 of 51 minutes are missing/);
    expect(prepareMinuteBars(candlesFromRows(rows), { maxGapShare: 1 }).gapsFilled).toBe(49);
  });

  it('names the row of a malformed bar with E_DATA_INVALID (kind data)', () => {
    const cases = [
      [bar(0, 10), bar(1, 11, { high: 5 })],
      [bar(0, 10), { ...bar(1, 11), ts: 90_000 }],
      [bar(0, 10), bar(0, 11)],
      [bar(0, 10), bar(1, -3, { low: -4, open: -3 })],
      [bar(0, 10), bar(1, 11, { volume: -1 })],
    ];
    for (const rows of cases) {
      try {
        prepareMinuteBars(candlesFromRows(rows));
        expect.unreachable();
      } catch (e) {
        expect((e as TradeError).code).toBe('E_DATA_INVALID');
        expect((e as TradeError).kind).toBe('data');
        expect((e as TradeError).row).toBe(2);
      }
    }
    // Mark bars carry no volume rule.
    expect(
      prepareMinuteBars(candlesFromRows([bar(0, 10), bar(1, 11, { volume: -1 })]), { series: 'mark' })
        .gapsFilled,
    ).toBe(0);
  });
});
