import { describe, expect, it } from 'vitest';
import { computeStructureSeries, type StructureSeries } from '../src/index';
import { DETECTOR_CASES, refBars } from './cases';
import { atr14, btcCandles, type NamedDataset, syntheticDatasets } from './datasets';
import type { RefRows } from './reference/common';

/** Same value within 1e-10 (relative to magnitudes above 1); NaN only equals NaN. */
function same(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return Math.abs(a - b) <= 1e-10 * Math.max(1, Math.abs(b));
}

/** Compares every field at every bar; returns the number of cells compared. */
function compare(series: StructureSeries, reference: RefRows, label: string): number {
  let cells = 0;
  for (const field of series.fields) {
    const expected = reference[field.name];
    expect(expected, `${label}: reference has field ${field.name}`).toBeDefined();
    if (field.type === 'HASH') {
      expect(series.hashes[field.name], `${label}: ${field.name}`).toEqual(expected);
      cells += expected!.length;
      continue;
    }
    const actual = series.columns[field.name]!;
    expect(actual.length).toBe(expected!.length);
    for (let i = 0; i < actual.length; i++) {
      if (!same(actual[i]!, expected![i] as number)) {
        expect.fail(`${label}: ${field.name} at bar ${i}: ${actual[i]} vs reference ${expected![i]}`);
      }
    }
    cells += actual.length;
  }
  return cells;
}

/** Cells whose value differs from the field's empty value. */
function nonEmptyCells(series: StructureSeries): number {
  let n = 0;
  for (const f of series.fields) {
    if (f.type === 'HASH') continue;
    for (const x of series.columns[f.name]!) if (!same(x, f.empty as number)) n++;
  }
  return n;
}

function datasets(): NamedDataset[] {
  const list = syntheticDatasets();
  const hourly = btcCandles('60m');
  const minute = btcCandles('1m', 1000);
  if (hourly !== undefined) list.push({ name: 'BTCUSDT 60m', candles: hourly, atr: atr14(hourly) });
  if (minute !== undefined)
    list.push({ name: 'BTCUSDT 1m (1000 bars)', candles: minute, atr: atr14(minute) });
  return list;
}

describe('parity with the naive references (flat, gaps, rapid swings, monotonic rise/fall, real BTCUSDT)', () => {
  const sets = datasets();
  for (const c of DETECTOR_CASES) {
    it(`${c.name} equals its reference on every dataset`, () => {
      let events = 0;
      for (const set of sets) {
        const series = computeStructureSeries(c.type, c.params, set.candles, c.deps, {
          features: { atr: set.atr },
        });
        const reference = c.reference(refBars(set.candles, set.atr));
        expect(compare(series, reference, `${c.name} on ${set.name}`)).toBeGreaterThan(0);
        events += nonEmptyCells(series);
      }
      // The comparison is not vacuous: the detector produced non-empty outputs on the datasets.
      expect(events).toBeGreaterThan(0);
    });
  }
});
