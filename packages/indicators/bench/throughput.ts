import { getHeapStatistics } from 'node:v8';
import { computeMany, computeSeries, createIndicator, listIndicators } from '../src/index';
import { datasetSoak } from '../test/datasets';

/**
 * Plain-node throughput run (`pnpm bench:node`): the same cases as bench/indicators.bench.ts, but bundled by
 * tsup and run by node directly, so hot paths see production-shaped modules (vitest's module runner turns
 * every imported binding into a getter call). Prints updates per CPU-second (process user + system time) of
 * the fastest of 3 runs per indicator, CPU and wall seconds of the whole catalogue over 1,000,000 bars, and
 * the heap bytes allocated per bar by each warmed-up instance (10,000 bars between two heap readings).
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
for (const meta of listIndicators()) {
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

// Allocation per bar after warm-up: used-heap growth over 10,000 bars (too few to trigger a scavenge).
const warmed = listIndicators().map((m) => createIndicator(m.name));
const feed = (inst: (typeof warmed)[number], from: number, to: number): void => {
  for (let i = from; i < to; i++) inst.push(ts[i]!, open[i]!, high[i]!, low[i]!, close[i]!, volume[i]!);
};
for (const inst of warmed) feed(inst, 0, 300_000);
const allocating: string[] = [];
for (const inst of warmed) {
  const before = getHeapStatistics().used_heap_size;
  feed(inst, 300_000, 310_000);
  const perBar = (getHeapStatistics().used_heap_size - before) / 10_000;
  if (perBar >= 1) allocating.push(`${inst.name} ${perBar.toFixed(1)} B/bar`);
}
console.log(
  `heap allocation per bar after warm-up: ${allocating.length === 0 ? 'none' : allocating.join(', ')}`,
);
