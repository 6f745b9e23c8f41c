import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findSharedDir } from '@trade/core';
import { describe, expect, it } from 'vitest';
import {
  barsPerYear,
  cagr,
  calmar,
  computeMetrics,
  drawdownStats,
  METRIC_NAMES,
  type MetricsInput,
  metricsConsistencyViolations,
  normalizeTimeframe,
  UnknownTimeframeError,
} from '../src/index';
import { type VectorTolerance, withinTolerance } from './tolerance';

interface MetricsVector {
  readonly id: string;
  readonly function: string;
  readonly inputs: Record<string, unknown>;
  readonly expected: Record<string, unknown>;
  readonly intermediate?: Record<string, unknown>;
  readonly tolerance: VectorTolerance & { readonly check?: string };
}

const shared = findSharedDir();

function loadVectors(): MetricsVector[] {
  const file = join(shared!, 'specs', 'sim-vectors.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { metricsVectors: MetricsVector[] }).metricsVectors;
}

function expectNumber(id: string, field: string, actual: unknown, expected: unknown, tol: VectorTolerance) {
  expect(typeof actual, `${id} ${field} type`).toBe('number');
  const ok = withinTolerance(actual as number, expected as number, tol);
  expect(ok, `${id} ${field}: expected ${String(expected)}, got ${String(actual)}`).toBe(true);
}

function expectThrowsUnknownTf(run: () => unknown): void {
  expect(run).toThrow(UnknownTimeframeError);
}

/** Runs one vector through the public API; every `function` named by a vector has a runner here. */
const runners: Record<string, (vector: MetricsVector) => void> = {
  computeMetrics(vector) {
    const { firstPrice, lastPrice, ...rest } = vector.inputs as Record<string, unknown> & {
      firstPrice?: number;
      lastPrice?: number;
    };
    const input = {
      ...rest,
      ...(firstPrice === undefined || lastPrice === undefined
        ? {}
        : { benchmark: { firstPrice, lastPrice } }),
    } as unknown as MetricsInput;
    const metrics = computeMetrics(input);
    // The vector lists every field of metrics.md §4, and the result has exactly those fields.
    expect(Object.keys(vector.expected).sort()).toEqual([...METRIC_NAMES].sort());
    expect(Object.keys(metrics).sort()).toEqual([...METRIC_NAMES].sort());
    for (const [field, expected] of Object.entries(vector.expected)) {
      const actual = metrics[field as keyof typeof metrics];
      if (typeof expected === 'string') expect(actual, `${vector.id} ${field}`).toBe(expected);
      else expectNumber(vector.id, field, actual, expected, vector.tolerance);
    }
    expect(metricsConsistencyViolations(metrics)).toEqual([]);
    const growth = vector.intermediate?.cagr;
    if (typeof growth === 'number') {
      const equity = input.equity;
      const computed = cagr(
        equity[0]!,
        equity[equity.length - 1]!,
        equity.length - 1,
        barsPerYear(input.timeframe),
      );
      expectNumber(vector.id, 'intermediate.cagr', computed, growth, vector.tolerance);
    }
  },
  drawdownStats(vector) {
    const stats = drawdownStats(vector.inputs.equity as number[]);
    const e = vector.expected as Record<string, number>;
    expectNumber(vector.id, 'maxDrawdownAbs', stats.maxDrawdownAbs, e.maxDrawdownAbs, vector.tolerance);
    expectNumber(
      vector.id,
      'maxDrawdownFraction',
      stats.maxDrawdownFraction,
      e.maxDrawdownFraction,
      vector.tolerance,
    );
    expectNumber(
      vector.id,
      'max_drawdown_pct',
      stats.maxDrawdownFraction * 100,
      e.max_drawdown_pct,
      vector.tolerance,
    );
    expect(stats.maxDrawdownDurationBars).toBe(e.maxDrawdownDurationBars);
  },
  cagr(vector) {
    const i = vector.inputs as Record<string, number>;
    const value = cagr(i.initialEquity!, i.finalEquity!, i.periods!, i.barsPerYear!);
    expectNumber(vector.id, 'cagr', value, vector.expected.cagr, vector.tolerance);
  },
  calmar(vector) {
    const i = vector.inputs as {
      initialEquity: number;
      finalEquity: number;
      periods: number;
      timeframe: string;
      maxDrawdownFraction: number;
    };
    const value = calmar(i);
    if (vector.tolerance.check === 'exact') expect(value).toBe(vector.expected.calmar);
    else expectNumber(vector.id, 'calmar', value, vector.expected.calmar, vector.tolerance);
  },
  barsPerYear(vector) {
    expect(vector.expected).toEqual({ throws: 'UnknownTimeframeError' });
    expectThrowsUnknownTf(() => barsPerYear(vector.inputs.timeframe as string));
  },
  normalizeTimeframe(vector) {
    for (const tf of vector.inputs.cases as string[]) {
      const expected = vector.expected[tf];
      if (typeof expected === 'string') expect(normalizeTimeframe(tf)).toBe(expected);
      else {
        expect(expected).toEqual({ throws: 'UnknownTimeframeError' });
        expectThrowsUnknownTf(() => normalizeTimeframe(tf));
      }
    }
  },
};

describe.skipIf(shared === undefined)('sim-vectors.json metricsVectors', () => {
  const vectors = shared === undefined ? [] : loadVectors();
  let ran = 0;

  it.each(vectors.map((v) => [v.id, v] as const))(
    'vector %s matches through the public API',
    (_id, vector) => {
      const run = runners[vector.function];
      expect(run, `no runner for function ${vector.function}`).toBeDefined();
      run!(vector);
      ran++;
    },
  );

  it('ran every metrics vector of the file', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(8);
    expect(ran).toBe(vectors.length);
  });
});
