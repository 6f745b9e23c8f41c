import { describe, expect, it } from 'vitest';
import { computeMetrics, type MarginSample } from '../src/index';
import { makeInput } from './fixtures';

function margin(samples: Array<[string, number]>, marginCallMmRate?: number) {
  const marginSamples: MarginSample[] = samples.map(([tradeId, coverage]) => ({ tradeId, coverage }));
  return computeMetrics(
    makeInput([1000, 1000], {
      marginSamples,
      ...(marginCallMmRate === undefined ? {} : { marginCallMmRate }),
    }),
  );
}

describe('margin metrics', () => {
  it('count one margin call per episode at or below 1.25, per trade', () => {
    const m = margin([
      ['T1', 2],
      ['T1', 1.25],
      ['T1', 1.1],
      ['T1', 1.3],
      ['T1', 1.2],
      ['T2', 1.0],
      ['T2', 0.9],
    ]);
    expect(m.margin_calls).toBe(3);
    expect(m.min_margin_ratio).toBe(0.9);
  });

  it('keep each trade episode state when samples of two trades interleave', () => {
    const m = margin([
      ['T1', 1.1],
      ['T2', 1.1],
      ['T1', 1.0],
      ['T2', 2.0],
      ['T1', 1.2],
      ['T2', 1.2],
    ]);
    // T1: one episode throughout; T2: below, above, below again → 2
    expect(m.margin_calls).toBe(3);
  });

  it('derive the threshold from marginCallMmRate', () => {
    expect(margin([['T1', 1.9]], 0.5).margin_calls).toBe(1);
    expect(margin([['T1', 1.9]]).margin_calls).toBe(0);
  });

  it('report min_margin_ratio 100 without samples and clamp it to at most 100', () => {
    expect(margin([]).min_margin_ratio).toBe(100);
    expect(margin([['T1', 250]]).min_margin_ratio).toBe(100);
  });
});

describe('liquidation distance', () => {
  it('is the smallest sample, 100 without samples', () => {
    expect(computeMetrics(makeInput([1000, 1000])).closest_liquidation_pct).toBe(100);
    expect(
      computeMetrics(makeInput([1000, 1000], { liqDistanceSamples: [7, 0, 3] })).closest_liquidation_pct,
    ).toBe(0);
  });

  it('is not clamped when every sample is farther than 100 %', () => {
    const m = computeMetrics(makeInput([1000, 1000], { liqDistanceSamples: new Float64Array([180, 150]) }));
    expect(m.closest_liquidation_pct).toBe(150);
  });
});

describe('exposure', () => {
  it('averages effective leverage and takes the largest exposure percentage', () => {
    const m = computeMetrics(
      makeInput([1000, 1000], {
        exposureSamples: [
          { positionValue: 2000, equity: 1000 },
          { positionValue: 500, equity: 1000 },
        ],
      }),
    );
    expect(m.avg_leverage_used).toBe(1.25);
    expect(m.max_gross_exposure_pct).toBe(200);
  });

  it('skips samples without positive equity', () => {
    const m = computeMetrics(
      makeInput([1000, 1000], {
        exposureSamples: [
          { positionValue: 2000, equity: 0 },
          { positionValue: 500, equity: 1000 },
        ],
      }),
    );
    expect(m.avg_leverage_used).toBe(0.5);
  });
});

describe('counters and benchmark', () => {
  it('compute the entry rejection rate as a 0–1 fraction, 0 without attempts', () => {
    expect(
      computeMetrics(makeInput([1000], { entryAttempts: 8, entryRejections: 2 })).entry_rejection_rate,
    ).toBe(0.25);
    expect(computeMetrics(makeInput([1000])).entry_rejection_rate).toBe(0);
  });

  it('pass liquidation events through', () => {
    expect(computeMetrics(makeInput([1000], { liquidationEvents: 2 })).liquidation_events).toBe(2);
  });

  it('set the benchmark return to 0 without prices, so alpha equals the net return', () => {
    const m = computeMetrics(makeInput([1000, 1100]));
    expect(m.benchmark_return_pct).toBe(0);
    expect(m.alpha_pct).toBe(m.net_return_pct);
  });

  it('compute buy-and-hold return from the benchmark prices', () => {
    const m = computeMetrics(makeInput([1000, 1100], { benchmark: { firstPrice: 200, lastPrice: 150 } }));
    expect(m.benchmark_return_pct).toBe(-25);
    expect(m.alpha_pct).toBeCloseTo(35, 12);
  });
});
