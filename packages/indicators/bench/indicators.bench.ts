import { afterAll, bench, describe } from 'vitest';
import { computeMany, computeSeries, createIndicator, listIndicators } from '../src/index';
import { datasetSoak } from '../test/datasets';

/**
 * Throughput of the incremental classes (docs/benchmarks.md, indicators section). One iteration = 1,000,000
 * bars of a 1m random walk near 50 000 (the soak dataset), so updates/s = hz × 1e6. Per-indicator benches feed
 * the columns through `push` (the path computeSeries and the engine use); `sma update(bar)` measures the
 * object-taking `update` on prebuilt bars. Because the project machine is shared, every case also records the
 * process CPU time (user + system) of its fastest iteration, printed at the end as updates per CPU-second: the
 * one-core figure.
 */
const BARS = 1_000_000;
const candles = datasetSoak(BARS);
const { ts, open, high, low, close, volume } = candles;
const OPTIONS = { time: 0, iterations: 3, warmupIterations: 1 } as const;

const fastestCpuSeconds = new Map<string, number>();

function timed(name: string, fn: () => void): () => void {
  return () => {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    const seconds = (used.user + used.system) / 1e6;
    fastestCpuSeconds.set(name, Math.min(fastestCpuSeconds.get(name) ?? Number.POSITIVE_INFINITY, seconds));
  };
}

afterAll(() => {
  const rows = [...fastestCpuSeconds].map(([name, s]) =>
    name.startsWith('all ')
      ? `${name}: ${s.toFixed(2)} CPU-s`
      : `${name}: ${(BARS / s / 1e6).toFixed(1)} M updates per CPU-second`,
  );
  console.log(`\nCPU-time figures (fastest iteration)\n${rows.join('\n')}`);
});

describe('per indicator, default params, 1,000,000 bars per iteration', () => {
  for (const meta of listIndicators()) {
    bench(
      meta.name,
      timed(meta.name, () => {
        const inst = createIndicator(meta.name);
        for (let i = 0; i < BARS; i++) inst.push(ts[i]!, open[i]!, high[i]!, low[i]!, close[i]!, volume[i]!);
      }),
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
    timed('sma update(bar)', () => {
      const inst = createIndicator('sma');
      for (let i = 0; i < BARS; i++) inst.update(bars[i]!);
    }),
    OPTIONS,
  );
});

describe('whole catalogue over 1,000,000 bars', () => {
  const specs = listIndicators().map((m) => ({ name: m.name }));
  const once = { time: 0, iterations: 2, warmupIterations: 0 } as const;
  const many = `all ${specs.length} indicators, computeMany (one blocked pass, output columns)`;
  bench(
    many,
    timed(many, () => void computeMany(specs, candles)),
    once,
  );
  const series = `all ${specs.length} indicators, computeSeries one after another`;
  bench(
    series,
    timed(series, () => {
      for (const s of specs) computeSeries(s.name, {}, candles);
    }),
    once,
  );
});
