import { floorToTf, isTfAligned, TF_MINUTES, type Timeframe, validateCandles } from '@trade/core';
import { describe, expect, it } from 'vitest';
import {
  generateSynthetic,
  SYNTHETIC_PATTERN_NAMES,
  type SyntheticCandles,
  type SyntheticOptions,
  type SyntheticTimeframe,
} from '../src/synthetic/index';

const SMALL: SyntheticOptions = {
  bars: 300,
  leadInBars: 30,
  patternTf: '15m',
  tfs: ['1m', '5m', '15m', '1h', '4h', 'D'],
  startMs: Date.UTC(2025, 0, 1),
};

/** Reference aggregation written from the spec text (§6.5), independent of core's rollup. */
function referenceAggregate(m1: SyntheticCandles, minutes: number, bucketTs: Float64Array): number[][] {
  const cols: number[][] = [[], [], [], [], [], [], []];
  for (const start of bucketTs) {
    const j = (start - m1.ts[0]!) / 60_000;
    let h = -Infinity;
    let l = Infinity;
    let v = 0;
    let t = 0;
    for (let g = j; g < j + minutes; g++) {
      h = Math.max(h, m1.high[g]!);
      l = Math.min(l, m1.low[g]!);
      v += m1.volume[g]!;
      t += m1.turnover[g]!;
    }
    const row = [start, m1.open[j]!, h, l, m1.close[j + minutes - 1]!, v, t];
    for (let k = 0; k < row.length; k++) cols[k]!.push(row[k]!);
  }
  return cols;
}

const columns = (c: SyntheticCandles): ArrayLike<number>[] => [
  c.ts,
  c.open,
  c.high,
  c.low,
  c.close,
  c.volume,
  c.turnover,
];
const NAMES = ['ts', 'open', 'high', 'low', 'close', 'volume', 'turnover'];

/** The first cell where two column sets differ (exact, Object.is), or null; far cheaper than deep equality. */
function firstDifference(actual: ArrayLike<number>[], expected: ArrayLike<number>[]): string | null {
  for (let k = 0; k < expected.length; k++) {
    const a = actual[k]!;
    const e = expected[k]!;
    if (a.length !== e.length) return `${NAMES[k]}: length ${a.length} != ${e.length}`;
    for (let i = 0; i < e.length; i++)
      if (!Object.is(a[i], e[i])) return `${NAMES[k]}[${i}]: ${a[i]} != ${e[i]}`;
  }
  return null;
}

/** §6.5 invariants: OHLC order, volume > 0, timestamps strictly increasing and on the TF grid. */
function expectInvariants(c: SyntheticCandles, tf: SyntheticTimeframe): void {
  expect(validateCandles(c)).toEqual([]);
  const bad = Array.from(c.ts).findIndex((ts, i) => !(c.volume[i]! > 0) || !isTfAligned(ts, tf as Timeframe));
  expect(bad).toBe(-1);
}

describe('generateSynthetic, every pattern', () => {
  it.each(SYNTHETIC_PATTERN_NAMES.map((p) => [p]))(
    '%s: deterministic, seed-sensitive, valid on every TF and every TF equals the aggregated 1m path',
    (pattern) => {
      const a = generateSynthetic({ ...SMALL, pattern, seed: 11 });
      const b = generateSynthetic({ ...SMALL, pattern, seed: 11 });
      const other = generateSynthetic({ ...SMALL, pattern, seed: 12 });
      expect(b.dataHash).toBe(a.dataHash);
      expect(firstDifference(columns(b.candles1m), columns(a.candles1m))).toBeNull();
      expect(other.dataHash).not.toBe(a.dataHash);
      expect(firstDifference(columns(other.candles1m), columns(a.candles1m))).not.toBeNull();
      expect([...a.tfs.keys()]).toEqual(['1m', '5m', '15m', '1h', '4h', 'D']);
      for (const [tf, candles] of a.tfs) {
        expectInvariants(candles, tf);
        if (tf !== '1m') {
          const reference = referenceAggregate(a.candles1m, TF_MINUTES[tf as Timeframe], candles.ts);
          expect(firstDifference(columns(candles), reference), tf).toBeNull();
        }
      }
      // The pattern TF's closes are the pattern output, and every open is the previous close (no gaps).
      const m15 = a.tfs.get('15m')!;
      expect(firstDifference([m15.close], [a.patternCloses])).toBeNull();
      expect(firstDifference([m15.open.subarray(1)], [m15.close.subarray(0, -1)])).toBeNull();
    },
  );
});

describe('generateSynthetic, bar counts and spans (§6.2)', () => {
  it('spans leadInBars + bars pattern bars of 1m, lead-in before startMs', () => {
    const d = generateSynthetic({
      bars: 100,
      leadInBars: 20,
      patternTf: '15m',
      tfs: ['15m'],
      startMs: Date.UTC(2025, 0, 1),
    });
    expect(d.candles1m.length).toBe(120 * 15);
    expect(d.dataStartMs).toBe(Date.UTC(2025, 0, 1) - 20 * 15 * 60_000);
    expect(d.candles1m.ts[0]).toBe(d.dataStartMs);
    expect(d.endMs).toBe(Date.UTC(2025, 0, 1) + 100 * 15 * 60_000);
    expect(d.candles1m.ts[d.candles1m.length - 1]).toBe(d.endMs - 60_000);
    expect(d.tfs.get('15m')!.length).toBe(120);
    expect(d.patternCloses.length).toBe(120);
  });

  it('floors an unaligned startMs to the pattern-TF grid', () => {
    const raw = Date.UTC(2025, 2, 3, 10, 37, 12);
    const d = generateSynthetic({ bars: 10, patternTf: '1h', tfs: ['1h'], startMs: raw });
    expect(d.startMs).toBe(Date.UTC(2025, 2, 3, 10));
    expect(d.descriptor.start_ms).toBe(d.startMs);
    expect(d.tfs.get('1h')!.ts[0]).toBe(d.startMs);
  });

  it('drops partial first and last buckets of TFs that do not divide the span (4h + 6h)', () => {
    // 1h pattern bars from 02:00 for 20 hours: 4h buckets 04–08 … 16–20 complete, 6h buckets 06–12, 12–18.
    const d = generateSynthetic({
      bars: 20,
      patternTf: '1h',
      tfs: ['4h', '6h'],
      startMs: Date.UTC(2025, 0, 1, 2),
    });
    expect(Array.from(d.tfs.get('4h')!.ts)).toEqual([4, 8, 12, 16].map((h) => Date.UTC(2025, 0, 1, h)));
    expect(Array.from(d.tfs.get('6h')!.ts)).toEqual([6, 12].map((h) => Date.UTC(2025, 0, 1, h)));
  });

  it('aggregates 3m and 5m from a 1m pattern TF on the epoch grid, dropping partial edges', () => {
    const start = Date.UTC(2025, 0, 1, 0, 1);
    const d = generateSynthetic({ bars: 30, patternTf: '1m', tfs: ['3m', '5m'], startMs: start });
    expect(d.patternTf).toBe('1m');
    // 00:01 … 00:30 (exclusive 00:31): 3m buckets 00:03 … 00:27, 5m buckets 00:05 … 00:25.
    expect(d.tfs.get('3m')!.length).toBe(9);
    expect(d.tfs.get('3m')!.ts[0]).toBe(Date.UTC(2025, 0, 1, 0, 3));
    expect(d.tfs.get('5m')!.length).toBe(5);
    expect(d.tfs.get('5m')!.ts[4]).toBe(Date.UTC(2025, 0, 1, 0, 25));
  });

  it('starts weekly bars on Monday 00:00 UTC and keeps only complete weeks', () => {
    // 2025-01-01 is a Wednesday; 39 days of D end 2025-02-09 (exclusive), so the week of 02-03 is partial.
    const d = generateSynthetic({ bars: 39, patternTf: 'D', tfs: ['D', 'W'], startMs: Date.UTC(2025, 0, 1) });
    const weeks = Array.from(d.tfs.get('W')!.ts);
    expect(weeks).toEqual([6, 13, 20, 27].map((day) => Date.UTC(2025, 0, day)));
    expect(weeks.every((t) => new Date(t).getUTCDay() === 1)).toBe(true);
    expect(floorToTf(d.startMs, 'D')).toBe(d.startMs);
  });
});

describe('generateSynthetic, options', () => {
  it('defaults: BTCUSDT, tfs 1m 5m 15m 1h 4h, pattern TF 5m, trend_up_clean, seed 42, 1000 bars from 2025-01-01', () => {
    const d = generateSynthetic();
    expect(d.symbol).toBe('BTCUSDT');
    expect([...d.tfs.keys()]).toEqual(['1m', '5m', '15m', '1h', '4h']);
    expect(d.patternTf).toBe('5m');
    expect(d.pattern).toBe('trend_up_clean');
    expect(d.options.seed).toBe(42);
    expect(d.candles1m.length).toBe(5000);
    expect(d.startMs).toBe(Date.UTC(2025, 0, 1));
    expect(d.candles1m.open[0]).toBe(50_000);
  });

  it('always adds 1m, sorts TFs by length and uses 1m as pattern TF when only 1m is requested', () => {
    expect([...generateSynthetic({ bars: 20, tfs: ['1h', '15m', '1h'] }).tfs.keys()]).toEqual([
      '1m',
      '15m',
      '1h',
    ]);
    expect(generateSynthetic({ bars: 20, tfs: ['1m'] }).patternTf).toBe('1m');
  });

  it('rounds every price to priceTick with high rounded up and low rounded down', () => {
    const d = generateSynthetic({
      bars: 200,
      patternTf: '5m',
      tfs: ['1m', '1h'],
      basePrice: 100,
      priceTick: 0.01,
    });
    for (const c of d.tfs.values()) {
      expect(validateCandles(c)).toEqual([]);
      for (const col of [c.open, c.high, c.low, c.close]) {
        for (const p of col) expect(Math.abs(p * 100 - Math.round(p * 100))).toBeLessThan(1e-7);
      }
    }
    expect(d.candles1m.turnover[7]).toBe(d.candles1m.volume[7]! * d.candles1m.close[7]!);
  });

  it('with openGapSigma > 0 opens differ from the previous close but OHLC stays valid', () => {
    const d = generateSynthetic({ bars: 200, patternTf: '5m', tfs: ['1m', '5m'], openGapSigma: 0.001 });
    const m1 = d.candles1m;
    let gaps = 0;
    for (let i = 1; i < m1.length; i++) if (m1.open[i] !== m1.close[i - 1]) gaps++;
    expect(gaps).toBe(m1.length - 1);
    for (const c of d.tfs.values()) expect(validateCandles(c)).toEqual([]);
  });

  it('draws the pattern on 1m directly when the pattern TF is 1m (closes = pattern output)', () => {
    const d = generateSynthetic({ bars: 20_000, patternTf: '1m', tfs: ['1m', '1h'], pattern: 'volatile' });
    expect(d.candles1m.length).toBe(20_000);
    expect(d.candles1m.close).toEqual(d.patternCloses);
    expect(validateCandles(d.candles1m, { stepMs: 60_000 })).toEqual([]);
  });
});
