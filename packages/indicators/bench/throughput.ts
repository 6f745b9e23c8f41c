import { getHeapSpaceStatistics } from 'node:v8';
import { computeMany, computeSeries, createIndicator, listIndicators } from '../src/index';
import { datasetSoak } from '../test/datasets';

/**
 * Plain-node throughput run (`pnpm bench:node`): the same cases as bench/indicators.bench.ts, but bundled by
 * tsup and run by node directly, so hot paths see production-shaped modules (vitest's module runner turns
 * every imported binding into a getter call). Prints updates per CPU-second (process user + system time) of
 * the fastest of 3 runs per indicator, CPU and wall seconds of the whole catalogue over 1,000,000 bars, and
 * the heap bytes allocated per bar by each warmed-up instance (exit code 1 if any allocates; see below).
 */
const BARS = 1_000_000;
const candles = datasetSoak(BARS);
const { ts, open, high, low, close, volume } = candles;

function cpuSeconds(fn: () => void): { cpu: number; wall: number } {
  const start = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const used = process.cpuUsage(start);
  return { cpu: (used.user + used.system) / 1e6, wall: (performance.now() - t0) / 1e3 };
}

const rows: string[] = ['| indicator | M updates per CPU-second | M updates/s wall |', '|---|---|---|'];
// ONLY=stoch,squeeze restricts the per-indicator table (for profiling one kernel); the rest always runs.
const only = process.env.ONLY?.split(',');
for (const meta of listIndicators()) {
  if (only !== undefined && !only.includes(meta.name)) continue;
  let best = { cpu: Number.POSITIVE_INFINITY, wall: Number.POSITIVE_INFINITY };
  for (let run = 0; run < 4; run++) {
    const r = cpuSeconds(() => {
      const inst = createIndicator(meta.name);
      for (let i = 0; i < BARS; i++) inst.push(ts[i]!, open[i]!, high[i]!, low[i]!, close[i]!, volume[i]!);
    });
    if (run > 0 && r.cpu < best.cpu) best = r;
  }
  rows.push(
    `| ${meta.name} | ${(BARS / best.cpu / 1e6).toFixed(1)} | ${(BARS / best.wall / 1e6).toFixed(1)} |`,
  );
}
console.log(rows.join('\n'));

const specs = listIndicators().map((m) => ({ name: m.name }));
for (let run = 0; run < 2; run++) {
  const many = cpuSeconds(() => void computeMany(specs, candles));
  const series = cpuSeconds(() => {
    for (const s of specs) computeSeries(s.name, {}, candles);
  });
  console.log(
    `all ${specs.length}, computeMany: ${many.cpu.toFixed(2)} CPU-s (${many.wall.toFixed(2)} s wall); ` +
      `computeSeries one after another: ${series.cpu.toFixed(2)} CPU-s (${series.wall.toFixed(2)} s wall)`,
  );
}

// Allocation per bar after warm-up (spec §5.3), a regression check: young-generation growth over windows of
// 10,000 bars; a window in which a scavenge ran (negative growth) is discarded and the smallest kept growth
// counts, so one window of JIT activity does not report a false allocation. Exits 1 when any indicator
// allocates ≥ 1 B/bar. Only meaningful in this bundled run: under vitest's module runner imported helpers are
// not inlined and box their doubles (measured 16–200 B/bar there), so this is not a vitest test.
const youngUsed = (): number =>
  getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_used_size ?? 0;
const warmed = listIndicators().map((m) => createIndicator(m.name));
const feed = (inst: (typeof warmed)[number], from: number, to: number): void => {
  for (let i = from; i < to; i++) inst.push(ts[i]!, open[i]!, high[i]!, low[i]!, close[i]!, volume[i]!);
};
for (const inst of warmed) feed(inst, 0, 300_000);
const allocating: string[] = [];
for (const inst of warmed) {
  let best = Number.POSITIVE_INFINITY;
  for (let from = 300_000; from < 340_000; from += 10_000) {
    const before = youngUsed();
    feed(inst, from, from + 10_000);
    const grown = youngUsed() - before;
    if (grown >= 0) best = Math.min(best, grown / 10_000);
  }
  if (Number.isFinite(best) && best >= 1) allocating.push(`${inst.name} ${best.toFixed(1)} B/bar`);
}
console.log(
  `heap allocation per bar after warm-up: ${allocating.length === 0 ? 'none' : allocating.join(', ')}`,
);
if (allocating.length > 0) process.exitCode = 1;
