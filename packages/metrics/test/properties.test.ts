import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeMetrics,
  drawdownStats,
  METRIC_NAMES,
  type Metrics,
  type MetricsInput,
  metricsConsistencyViolations,
  type TradeRecord,
} from '../src/index';

const RATIO_FIELDS = [
  'sharpe',
  'sortino',
  'calmar',
  'omega_ratio',
  'profit_factor',
  'payoff_ratio',
  'recovery_factor',
] as const satisfies readonly (keyof Metrics)[];

const positiveEquity = fc.array(fc.double({ min: 1, max: 1e7, noNaN: true }), {
  minLength: 1,
  maxLength: 120,
});

/** Money in whole cents, as the simulator books it (to 1e-8, here coarser to keep sums readable). */
const cents = (max: number) => fc.integer({ min: -max * 100, max: max * 100 }).map((c) => c / 100);

interface Run {
  readonly input: MetricsInput;
}

/**
 * A run that ends flat: trades inside the curve's bars, funding flows, and a final equity point equal to
 * E₀ + Σ netPnl + Σ funding (intermediate points are free, as unrealised PnL would make them).
 */
const flatRun: fc.Arbitrary<Run> = fc
  .record({
    bars: fc.integer({ min: 1, max: 80 }),
    start: fc.integer({ min: 1_000, max: 1_000_000 }),
    path: fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { minLength: 80, maxLength: 80 }),
    trades: fc.array(
      fc.record({
        side: fc.constantFrom('long' as const, 'short' as const),
        entry: fc.integer({ min: 1, max: 80 }),
        length: fc.integer({ min: 0, max: 10 }),
        netPnl: cents(500),
        fees: cents(5),
        notional: fc.integer({ min: 10, max: 100_000 }),
        mae: fc.double({ min: 0, max: 50, noNaN: true }),
        mfe: fc.double({ min: 0, max: 50, noNaN: true }),
      }),
      { maxLength: 30 },
    ),
    funding: fc.array(cents(20), { maxLength: 20 }),
    attempts: fc.integer({ min: 0, max: 50 }),
    rejectedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    timeframe: fc.constantFrom('1m', '5m', '1h', '240', 'D', 'W', 'M'),
  })
  .map((r) => {
    const trades: TradeRecord[] = r.trades.map((t, i) => {
      const entryBarIndex = Math.min(t.entry, r.bars);
      return {
        tradeId: `T${String(i + 1).padStart(6, '0')}`,
        side: t.side,
        entryBarIndex,
        exitBarIndex: Math.min(entryBarIndex + t.length, r.bars),
        entryNotional: t.notional,
        fees: t.fees,
        netPnl: t.netPnl,
        maePct: t.mae,
        mfePct: t.mfe,
      };
    });
    const equity = [r.start];
    for (let i = 1; i < r.bars; i++) equity.push(equity[i - 1]! * (1 + r.path[i]!));
    let final = r.start;
    for (const t of trades) final += t.netPnl;
    for (const f of r.funding) final += f;
    equity.push(final);
    const input: MetricsInput = {
      timeframe: r.timeframe,
      equity,
      trades,
      funding: r.funding,
      entryAttempts: r.attempts,
      entryRejections: Math.floor(r.attempts * r.rejectedShare),
    };
    return { input };
  });

/** drawdownStats written straight from the definitions of metrics.md §2 and §4, with explicit arrays. */
function referenceDrawdown(equity: number[]) {
  const peaks = equity.map((_, i) => Math.max(...equity.slice(0, i + 1)));
  const abs = equity.map((e, i) => peaks[i]! - e);
  const frac = abs.map((a, i) => a / peaks[i]!);
  let longest = 0;
  for (let start = 0; start < equity.length; start++) {
    let end = start;
    while (end < equity.length && equity[end]! < peaks[end]!) end++;
    longest = Math.max(longest, end - start);
  }
  const ulcer = Math.sqrt(frac.reduce((s, f) => s + (f * 100) ** 2, 0) / equity.length);
  return {
    maxDrawdownAbs: Math.max(...abs),
    maxDrawdownFraction: Math.max(...frac),
    maxDrawdownDurationBars: longest,
    ulcerIndex: ulcer,
  };
}

describe('computeMetrics properties', () => {
  it('returns every field as a finite number (or the mode string) with ratios inside ±100', () => {
    fc.assert(
      fc.property(flatRun, ({ input }) => {
        const m = computeMetrics(input);
        expect(Object.keys(m)).toEqual([...METRIC_NAMES]);
        for (const [field, value] of Object.entries(m)) {
          if (field === 'profit_factor_mode') expect(['finite', 'infinite', 'undefined']).toContain(value);
          else expect(Number.isFinite(value), field).toBe(true);
        }
        for (const field of RATIO_FIELDS) expect(Math.abs(m[field])).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('keeps percentages and fractions inside their ranges on a positive curve', () => {
    fc.assert(
      fc.property(flatRun, ({ input }) => {
        fc.pre((input.equity as number[]).every((e) => e > 0));
        const m = computeMetrics(input);
        expect(m.max_drawdown_pct).toBeGreaterThanOrEqual(0);
        expect(m.max_drawdown_pct).toBeLessThanOrEqual(100);
        for (const rate of [m.win_rate, m.long_win_rate, m.short_win_rate, m.time_in_market_pct]) {
          expect(rate).toBeGreaterThanOrEqual(0);
          expect(rate).toBeLessThanOrEqual(100);
        }
        expect(m.entry_rejection_rate).toBeGreaterThanOrEqual(0);
        expect(m.entry_rejection_rate).toBeLessThanOrEqual(1);
        expect(m.ulcer_index).toBeLessThanOrEqual(m.max_drawdown_pct + 1e-9);
        expect(m.max_drawdown_duration_bars).toBeLessThanOrEqual(m.total_bars);
        expect(m.cvar_95_pct).toBeGreaterThanOrEqual(m.var_95_pct);
        expect(m.var_95_pct).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('satisfies the consistency identities of metrics.md §4.2 for runs that end flat', () => {
    fc.assert(
      fc.property(flatRun, ({ input }) => {
        expect(metricsConsistencyViolations(computeMetrics(input))).toEqual([]);
      }),
    );
  });

  it('sums net PnL: expectancy × trades = gross profit − gross loss = long + short PnL', () => {
    fc.assert(
      fc.property(flatRun, ({ input }) => {
        const m = computeMetrics(input);
        const sum = input.trades.reduce((s, t) => s + t.netPnl, 0);
        const tolerance = 1e-9 * Math.max(1, m.gross_profit + m.gross_loss);
        expect(Math.abs(m.expectancy_usdt * m.total_trades - sum)).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(m.gross_profit - m.gross_loss - sum)).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(m.long_pnl + m.short_pnl - sum)).toBeLessThanOrEqual(tolerance);
      }),
    );
  });

  it('does not depend on the order of the trades or on number[] versus Float64Array equity', () => {
    fc.assert(
      fc.property(flatRun, ({ input }) => {
        const reference = computeMetrics(input);
        const reordered = computeMetrics({
          ...input,
          trades: [...input.trades].reverse(),
          equity: Float64Array.from(input.equity as number[]),
        });
        expect(reordered).toEqual(reference);
      }),
    );
  });
});

describe('drawdownStats properties', () => {
  it('matches a direct implementation of the definitions', () => {
    fc.assert(
      fc.property(positiveEquity, (equity) => {
        const actual = drawdownStats(equity);
        const expected = referenceDrawdown(equity);
        expect(actual.maxDrawdownAbs).toBe(expected.maxDrawdownAbs);
        expect(actual.maxDrawdownFraction).toBe(expected.maxDrawdownFraction);
        expect(actual.maxDrawdownDurationBars).toBe(expected.maxDrawdownDurationBars);
        expect(actual.ulcerIndex).toBeCloseTo(expected.ulcerIndex, 9);
      }),
    );
  });

  it('is scale-invariant in fraction and duration and scales the absolute drawdown', () => {
    fc.assert(
      fc.property(positiveEquity, fc.integer({ min: -8, max: 8 }), (equity, exponent) => {
        const factor = 2 ** exponent; // a power of two scales doubles exactly
        const base = drawdownStats(equity);
        const scaled = drawdownStats(equity.map((e) => e * factor));
        expect(scaled.maxDrawdownFraction).toBe(base.maxDrawdownFraction);
        expect(scaled.maxDrawdownDurationBars).toBe(base.maxDrawdownDurationBars);
        expect(scaled.maxDrawdownAbs).toBe(base.maxDrawdownAbs * factor);
      }),
    );
  });
});
