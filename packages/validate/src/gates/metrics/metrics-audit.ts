import {
  barsPerYear,
  cagr,
  calmar,
  drawdownStats,
  normalizeTimeframe,
  UnknownTimeframeError,
} from '@trade/metrics';
import type { GateDef, GateFailure, GateOutcome } from '../../runner/types';

/** Tolerance the gate applies to real-valued expectations (`metrics.md` §6). */
const TOL = 1e-9;

interface Scenario {
  readonly name: string;
  /** Returns [expected, got] pairs that differ; empty when correct. */
  readonly check: () => [string, string][];
}

function near(expected: number, got: number): [string, string][] {
  return Math.abs(got - expected) <= TOL ? [] : [[String(expected), String(got)]];
}

function throwsUnknownTf(fn: () => unknown): [string, string][] {
  try {
    const v = fn();
    return [['UnknownTimeframeError', `returned ${String(v)}`]];
  } catch (error) {
    return error instanceof UnknownTimeframeError ? [] : [['UnknownTimeframeError', String(error)]];
  }
}

const CAGR_INPUT = { initialEquity: 10_000, finalEquity: 12_100, periods: 365, timeframe: 'D' } as const;

/** The six scenarios of `metrics.md` §6, called through `@trade/metrics`. */
export const G11_SCENARIOS: readonly Scenario[] = [
  {
    name: 'drawdown independent maxima',
    check: () => {
      const s = drawdownStats([10, 1, 1000, 900]);
      return [...near(100, s.maxDrawdownAbs), ...near(0.9, s.maxDrawdownFraction)];
    },
  },
  { name: 'CAGR geometric', check: () => near(0.21, cagr(10_000, 12_100, 365, 365)) },
  { name: 'Calmar uses CAGR', check: () => near(2.1, calmar({ ...CAGR_INPUT, maxDrawdownFraction: 0.1 })) },
  { name: 'unknown TF throws', check: () => throwsUnknownTf(() => barsPerYear('7m')) },
  {
    name: 'TF normalisation',
    check: () => {
      const out: [string, string][] = [];
      for (const [input, want] of [
        ['60', '1h'],
        ['240', '4h'],
        ['D', 'D'],
        ['1h', '1h'],
      ] as const) {
        const got = normalizeTimeframe(input);
        if (got !== want) out.push([`${input}→${want}`, String(got)]);
      }
      return [...out, ...throwsUnknownTf(() => normalizeTimeframe('1d'))];
    },
  },
  {
    name: 'Calmar zero-drawdown cap',
    check: () => {
      const got = calmar({ ...CAGR_INPUT, maxDrawdownFraction: 0 });
      return got === 100 ? [] : [['100', String(got)]];
    },
  },
];

/** G11 Metrics Audit: a thrown error fails that scenario only. */
export const metricsAuditGate: GateDef = {
  id: 'G11',
  name: 'Metrics Audit',
  module: 'metrics',
  async run(): Promise<GateOutcome> {
    const failures: GateFailure[] = [];
    G11_SCENARIOS.forEach((s, i) => {
      let diffs: [string, string][];
      try {
        diffs = s.check();
      } catch (error) {
        diffs = [['no error', error instanceof Error ? `${error.name}: ${error.message}` : String(error)]];
      }
      for (const [x, y] of diffs)
        failures.push({ message: `scenario ${i + 1} ${s.name}: expected ${x}, got ${y}` });
    });
    const n = G11_SCENARIOS.length;
    return { passed: failures.length === 0, checked: n, detail: `${n} scenarios`, failures };
  },
};
