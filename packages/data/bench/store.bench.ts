/**
 * Questions: how long does importing 1M 1m rows from CSV take (target < 3 s), and how long does loading one
 * year of 1m bars into core's `Candles` take (target < 1 s)? Figures go to docs/benchmarks.md (data section).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { importFile, loadCandles, type MarketStore, openReader, openWriter } from '../src/index';

const MINUTE = 60_000;
const T0 = Date.UTC(2024, 0, 1);

/** Writes `count` plausible 1m bars as CSV (deterministic walk, no PRNG dependency). */
function writeBars(file: string, count: number): void {
  const parts: string[] = ['ts,open,high,low,close,volume\n'];
  let price = 40_000;
  for (let i = 0; i < count; i++) {
    const open = price;
    const close = Math.round((price + Math.sin(i * 0.37) * 12) * 10) / 10;
    const high = Math.max(open, close) + (i % 7) * 0.5;
    const low = Math.min(open, close) - (i % 5) * 0.5;
    parts.push(`${T0 + i * MINUTE},${open},${high},${low},${close},${((i * 7919) % 1000) / 100}\n`);
    price = close;
  }
  writeFileSync(file, parts.join(''));
}

const root = mkdtempSync(join(tmpdir(), 'trade-data-bench-'));
const millionCsv = join(root, 'million.csv');
const yearCsv = join(root, 'year.csv');
const YEAR_BARS = 365 * 1440;
// vitest bench runs no hooks, so the inputs are written when the module loads.
writeBars(millionCsv, 1_000_000);
writeBars(yearCsv, YEAR_BARS);

/** The one-year store, built once; the warm-up iteration of the load bench absorbs this cost. */
let yearReader: Promise<MarketStore> | undefined;
function yearStore(): Promise<MarketStore> {
  yearReader ??= (async () => {
    const dataDir = join(root, 'year');
    const writer = await openWriter({ dataDir, env: {} }, 'import');
    await importFile(writer, { file: yearCsv, kind: 'candles', symbol: 'BTCUSDT' });
    await writer.close();
    return openReader({ dataDir, env: {} });
  })();
  return yearReader;
}
process.once('exit', () => rmSync(root, { recursive: true, force: true }));

describe('import', () => {
  let run = 0;
  bench(
    'import 1M 1m rows from CSV into a fresh store (one transaction)',
    async () => {
      const dataDir = join(root, `import-${run++}`);
      const cpu = process.cpuUsage();
      const store = await openWriter({ dataDir, env: {} }, 'import');
      try {
        await importFile(store, { file: millionCsv, kind: 'candles', symbol: 'BTCUSDT' });
      } finally {
        await store.close();
      }
      // CPU time of the run (user + system, every thread: DuckDB's and the checksum's); other jobs on a shared
      // machine stretch wall time far more than CPU time. Printed to stderr, which vitest bench passes through.
      const used = process.cpuUsage(cpu);
      process.stderr.write(`import run ${run}: ${((used.user + used.system) / 1000).toFixed(0)} ms CPU\n`);
    },
    { iterations: 3, warmupIterations: 0, time: 0, warmupTime: 0 },
  );
});

describe('load', () => {
  bench(
    'load one year of 1m bars (525,600) into Candles',
    async () => {
      const reader = await yearStore();
      const c = await loadCandles(reader, {
        symbol: 'BTCUSDT',
        tf: '1m',
        start: T0,
        end: T0 + YEAR_BARS * MINUTE,
      });
      if (c.length !== YEAR_BARS) throw new Error(`loaded ${c.length} bars`);
    },
    { iterations: 5, warmupIterations: 1, time: 0, warmupTime: 0 },
  );
});
