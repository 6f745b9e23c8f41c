import { describe, expect, it } from 'vitest';
import {
  assertValidCandles,
  type CandleDataError,
  candleAt,
  candlesFromRows,
  candlesToCsv,
  lowerBoundTs,
  parseCandlesCsv,
  sliceCandles,
  sliceCandlesByTime,
  validateCandles,
} from '../src/index';

const rows = [
  { ts: 0, open: 10, high: 12, low: 9, close: 11, volume: 5 },
  { ts: 60_000, open: 11, high: 13, low: 10, close: 12, volume: 6 },
  { ts: 120_000, open: 12, high: 12.5, low: 11, close: 11.5, volume: 0 },
];

describe('candles', () => {
  it('builds columns from rows and reads a row back', () => {
    const c = candlesFromRows(rows);
    expect(c.length).toBe(3);
    expect(c.close).toBeInstanceOf(Float64Array);
    expect(Array.from(c.high)).toEqual([12, 13, 12.5]);
    expect(candleAt(c, 1)).toEqual(rows[1]);
  });

  it('round-trips through CSV, with columns in any order', () => {
    const c = candlesFromRows(rows);
    expect(parseCandlesCsv(candlesToCsv(c))).toEqual(c);
    const shuffled = 'volume,ts,close,low,high,open,extra\r\n5,0,11,9,12,10,x\r\n';
    expect(candleAt(parseCandlesCsv(shuffled), 0)).toEqual(rows[0]);
  });

  it('names file, line and column of a bad cell', () => {
    const bad = 'ts,open,high,low,close,volume\n0,1,2,0.5,1.5,3\n60000,1,abc,0.5,1.5,3\n';
    try {
      parseCandlesCsv(bad, { file: 'bars.csv' });
      expect.unreachable();
    } catch (e) {
      const err = e as CandleDataError;
      expect(err.code).toBe('E_CSV_VALUE');
      expect(err.file).toBe('bars.csv');
      expect(err.line).toBe(3);
      expect(err.row).toBe(2);
      expect(err.path).toBe('high');
      expect(err.message).toContain("column 'high'");
    }
    expect(() => parseCandlesCsv('ts,open,high,close\n')).toThrow(/missing column\(s\) low, volume/);
  });

  it('slices zero-copy by index and by time', () => {
    const c = candlesFromRows(rows);
    const s = sliceCandles(c, 1);
    expect(s.length).toBe(2);
    expect(s.ts.buffer).toBe(c.ts.buffer);
    expect(Array.from(sliceCandlesByTime(c, 30_000, 120_000).ts)).toEqual([60_000]);
    expect(lowerBoundTs(c, 60_000)).toBe(1);
    expect(sliceCandles(c, 5, 9).length).toBe(0);
  });

  it('reports each kind of defect with its row', () => {
    const c = candlesFromRows([
      rows[0]!,
      { ...rows[1]!, high: 9 },
      { ...rows[2]!, ts: 60_000 },
      { ...rows[2]!, ts: 180_000, close: Number.NaN },
      { ...rows[2]!, ts: 120_000 },
      { ...rows[2]!, ts: 200_001 },
    ]);
    const issues = validateCandles(c, { stepMs: 60_000 });
    expect(issues.map((i) => [i.kind, i.index])).toEqual([
      ['ohlc_inconsistent', 1],
      ['duplicate_ts', 2],
      ['not_finite', 3],
      ['not_increasing', 4],
      ['misaligned', 5],
    ]);
    expect(issues[0]!.message).toMatch(/^row 2 /);
    expect(() => assertValidCandles(c, { file: 'x.csv' })).toThrow(/row 2 .*and 3 more issue/);
    expect(validateCandles(candlesFromRows(rows), { stepMs: 60_000 })).toEqual([]);
  });
});
