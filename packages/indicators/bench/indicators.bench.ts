import { bench, describe } from 'vitest';
import { computeMany, computeSeries, createIndicator, listIndicators } from '../src/index';
import { datasetSoak } from '../test/datasets';

/**
 * Throughput of the incremental classes (docs/benchmarks.md, indicators section). One iteration = 1,000,000
 * bars, so updates/s = hz × 1e6. The per-indicator benches feed columns through `push` (the path computeSeries
 * and the engine use); `sma update(bar)` measures the object-taking `update` on prebuilt bars.
 */
const BARS = 1_000_000;
const candles = datasetSoak(BARS);
const { ts, open, high, low, close, volume } = candles;
const OPTIONS = { time: 0, iterations: 3, warmupIterations: 1 } as const;

describe('per indicator, default params, 1,000,000 bars per iteration', () => {
  for (const meta of listIndicators()) {
    bench(
      meta.name,
      () => {
        const inst = createIndicator(meta.name);
        for (let i = 0; i < BARS; i++) inst.push(ts[i]!, open[i]!, high[i]!, low[i]!, close[i]!, volume[i]!);
      },
      OPTIONS,
    );
  }

  const bars = Array.from({ length: BARS }, (_, i) => ({
    ts: ts[i]!,
    open: open[i]!,
    high: high[i]!,
    low: low[i]!,
    close: close[i]!,
    volume: volume[i]!,
  }));
  bench(
    'sma update(bar)',
    () => {
      const inst = createIndicator('sma');
      for (let i = 0; i < BARS; i++) inst.update(bars[i]!);
    },
    OPTIONS,
  );
});

describe('whole catalogue over 1,000,000 bars', () => {
  const specs = listIndicators().map((m) => ({ name: m.name }));
  const once = { time: 0, iterations: 2, warmupIterations: 0 } as const;
  bench(
    `all ${specs.length} indicators, computeMany (one blocked pass, output columns)`,
    () => {
      computeMany(specs, candles);
    },
    once,
  );
  bench(
    `all ${specs.length} indicators, computeSeries one after another`,
    () => {
      for (const s of specs) computeSeries(s.name, {}, candles);
    },
    once,
  );
});
