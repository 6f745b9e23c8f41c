import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BTCUSDT_INSTRUMENT, type Candles, MINUTE_MS, tfDurationMs } from '@trade/core';
import { generateSynthetic } from '@trade/data';
import { compilePlay, loadPlay } from '@trade/play';
import { build } from 'tsup';
import { describe, expect, it } from 'vitest';
import { type BacktestHashes, runBacktest, warmupMinutes } from '../src/index';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..');
const playPath = join(repo, 'plays', 'examples', '02_mtf_bos_pullback_flips.yml');

interface RunInput {
  readonly playPath: string;
  readonly candles: Candles;
  readonly window: { readonly start: number; readonly end: number };
}

/** The main-thread run; the worker entry below makes exactly the same calls. */
function runForHashes(input: RunInput): BacktestHashes {
  const compiled = compilePlay(loadPlay(input.playPath));
  return runBacktest({
    compiled,
    candles1m: input.candles,
    instrument: { ...BTCUSDT_INSTRUMENT, symbol: compiled.play.symbol },
    funding: { source: 'none' },
    dataMode: 'synthetic',
    window: input.window,
  }).hashes;
}

const src = (pkg: string, file = 'index.ts') => JSON.stringify(join(repo, 'packages', pkg, 'src', file));

const WORKER_ENTRY = `
import { parentPort, workerData } from 'node:worker_threads';
import { BTCUSDT_INSTRUMENT } from ${src('core')};
import { compilePlay, loadPlay } from ${src('play')};
import { runBacktest } from ${src('engine', 'backtest/run-backtest.ts')};
const compiled = compilePlay(loadPlay(workerData.playPath));
const result = runBacktest({
  compiled,
  candles1m: workerData.candles,
  instrument: { ...BTCUSDT_INSTRUMENT, symbol: compiled.play.symbol },
  funding: { source: 'none' },
  dataMode: 'synthetic',
  window: workerData.window,
});
parentPort.postMessage(result.hashes);
`;

/**
 * Bundles the worker from the TypeScript sources (workspace packages through their `@trade/source` export
 * condition), so the worker runs exactly the code under test, never a stale dist.
 */
async function bundleWorker(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'engine-worker-'));
  writeFileSync(join(dir, 'entry.ts'), WORKER_ENTRY);
  await build({
    entry: { worker: join(dir, 'entry.ts') },
    outDir: dir,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    noExternal: [/.*/],
    dts: false,
    sourcemap: false,
    silent: true,
    config: false,
    // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __workerRequire } from 'node:module'; const require = __workerRequire(import.meta.url);",
    },
    esbuildOptions(options) {
      options.conditions = ['@trade/source'];
    },
  });
  return join(dir, 'worker.js');
}

function runInWorker(file: string, input: RunInput): Promise<BacktestHashes> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(pathToFileURL(file), { workerData: input });
    worker.once('message', (m: BacktestHashes) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('determinism across threads (engine.md §10.1)', () => {
  it('a play run in a worker thread yields every hash of the main-thread run', async () => {
    const compiled = compilePlay(loadPlay(playPath));
    const execMs = tfDurationMs(compiled.execTf);
    const start = Date.UTC(2025, 0, 1);
    const bars = 400;
    const candles = generateSynthetic({
      pattern: 'choppy_whipsaw',
      bars,
      leadInBars: Math.ceil((warmupMinutes(compiled) * MINUTE_MS) / execMs) + 1,
      seed: 1,
      tfs: [compiled.execTf],
      patternTf: compiled.execTf,
      startMs: start,
      symbol: compiled.play.symbol,
    }).candles1m;
    const input: RunInput = { playPath, candles, window: { start, end: start + bars * execMs } };
    const file = await bundleWorker();
    const main = runForHashes(input);
    const inWorker = await runInWorker(file, input);
    expect(main.run_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(inWorker).toEqual(main);
  }, 120_000);
});
