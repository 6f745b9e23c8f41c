import { allocateCandles, type Candles } from '@trade/core';
import { expect } from 'vitest';
import { computeStructureSeries, type DependencySpecs, type StructureSeries } from '../src/index';

/** Parses a markdown table (as copied from structures.md §3) into rows keyed by header. */
export function parseTable(text: string): Record<string, string>[] {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('|'));
  const cells = (line: string) =>
    line
      .slice(1, line.endsWith('|') ? -1 : undefined)
      .split('|')
      .map((c) => c.trim());
  const header = cells(lines[0]!);
  return lines
    .slice(1)
    .filter((l) => !/^\|[\s|:-]+\|?$/.test(l))
    .map((line) => {
      const row: Record<string, string> = {};
      cells(line).forEach((c, i) => {
        row[header[i]!] = c;
      });
      return row;
    });
}

export interface BarColumns {
  readonly open?: readonly number[];
  readonly high: readonly number[];
  readonly low: readonly number[];
  readonly close?: readonly number[];
  readonly volume?: readonly number[];
}

/** Candles from columns; missing open/close default to the bar's mid, volume to 1000, ts to idx minutes. */
export function candles(cols: BarColumns): Candles {
  const n = cols.high.length;
  const c = allocateCandles(n);
  for (let i = 0; i < n; i++) {
    const mid = (cols.high[i]! + cols.low[i]!) / 2;
    c.ts[i] = i * 60_000;
    c.high[i] = cols.high[i]!;
    c.low[i] = cols.low[i]!;
    c.open[i] = cols.open?.[i] ?? mid;
    c.close[i] = cols.close?.[i] ?? mid;
    c.volume[i] = cols.volume?.[i] ?? 1000;
  }
  return c;
}

export function constant(n: number, value: number): Float64Array {
  return new Float64Array(n).fill(value);
}

export function run(
  type: string,
  params: unknown,
  bars: Candles,
  deps: DependencySpecs = {},
  atr?: Float64Array,
): StructureSeries {
  return computeStructureSeries(type, params, bars, deps, atr === undefined ? {} : { features: { atr } });
}

/**
 * Asserts one table cell against a series value with the §3 conventions: NaN, T/F, ENUM names, exact FLOATs
 * within 1e-9 and 6-decimal cells within 5e-7.
 */
export function expectCell(series: StructureSeries, field: string, bar: number, cell: string): void {
  const meta = series.fields.find((f) => f.name === field);
  if (meta === undefined) throw new Error(`no field ${field}`);
  const where = `${field} at bar ${bar}`;
  if (meta.type === 'HASH') {
    expect(series.hashes[field]![bar], where).toBe(cell.replace(/"/g, ''));
    return;
  }
  const actual = series.columns[field]![bar]!;
  if (cell === 'NaN') {
    expect(actual, where).toBeNaN();
  } else if (cell === 'T' || cell === 'F') {
    expect(actual, where).toBe(cell === 'T' ? 1 : 0);
  } else if (meta.type === 'ENUM') {
    expect(meta.domain![actual], where).toBe(cell);
  } else {
    const expected = Number(cell);
    expect(Number.isNaN(expected), `cell '${cell}' of ${where} is a number`).toBe(false);
    const decimals = cell.split('.')[1]?.length ?? 0;
    expect(Math.abs(actual - expected), `${where}: ${actual} vs ${cell}`).toBeLessThanOrEqual(
      decimals === 6 ? 5e-7 : 1e-9,
    );
  }
}

/** Checks every row of a table: `columns` maps table headers to field names (unmapped headers are inputs). */
export function expectTable(
  series: StructureSeries,
  table: string,
  columns: Readonly<Record<string, string>>,
): number {
  const rows = parseTable(table);
  for (const row of rows) {
    const bar = Number(row.bar);
    for (const [header, field] of Object.entries(columns)) {
      const cell = row[header];
      if (cell === undefined) throw new Error(`table has no column ${header}`);
      expectCell(series, field, bar, cell);
    }
  }
  return rows.length;
}

/**
 * Checks a "pivots confirmed" column (`H 15@2`, `L 11@4`, `H 20@19, L 11@19`, `–`) against a swing series:
 * exactly the listed pivots are accepted on each bar, with those levels and indices.
 */
export function expectPivots(swing: StructureSeries, table: string, header: string): void {
  for (const row of parseTable(table)) {
    const bar = Number(row.bar);
    const cell = row[header]!;
    const listed = cell === '–' ? [] : cell.split(',').map((p) => p.trim());
    const high = listed.find((p) => p.startsWith('H '));
    const low = listed.find((p) => p.startsWith('L '));
    expect(swing.columns.high_accepted![bar], `high pivot on bar ${bar}`).toBe(high === undefined ? 0 : 1);
    expect(swing.columns.low_accepted![bar], `low pivot on bar ${bar}`).toBe(low === undefined ? 0 : 1);
    for (const [p, side] of [
      [high, 'high'],
      [low, 'low'],
    ] as const) {
      if (p === undefined) continue;
      const [level, idx] = p.slice(2).split('@').map(Number);
      expect(swing.columns[`${side}_level`]![bar], `${side} level on bar ${bar}`).toBeCloseTo(level!, 9);
      expect(swing.columns[`${side}_idx`]![bar], `${side} idx on bar ${bar}`).toBe(idx);
    }
  }
}
