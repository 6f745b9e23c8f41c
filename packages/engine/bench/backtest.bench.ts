import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BTCUSDT_INSTRUMENT, type Candles } from '@trade/core';
import { type CompiledPlay, compilePlay, loadPlay } from '@trade/play';
import { afterAll, bench, describe } from 'vitest';
import { clearDigestCache } from '../src/hashes/series-digest';
import { type BacktestResult, runBacktest } from '../src/index';
import { yearOfBars } from './year-of-bars';

/**
 * Throughput of `runBacktest` over one year of synthetic 1m bars (525,600 simulated minutes plus the warmup
 * lead-in), excluding data generation: preflight, the minute loop (simulator + engine), metrics, every hash and
 * the artifact texts (no files written). Targets (issue #8): EMA cross on 15m exec ≥ 2M 1m-bars/s, RSI on the
 * 1m clock ≥ 500k, 10 indicators + 2 structures + 3 timeframes ≥ 500k; peak RSS < 500 MB.
 */

const here = dirname(fileURLToPath(import.meta.url));
const examples = join(here, '..', '..', '..', 'plays', 'examples');

const CASES = [
  { name: 'EMA cross + RSI filter, 15m exec (01)', path: join(examples, '01_ema_cross_rsi_filter.yml') },
  { name: 'RSI fade on the 1m clock (08)', path: join(examples, '08_rsi_fade_short_1m_clock.yml') },
  {
    name: '10 indicators, 2 structures, 3 TFs',
    path: join(here, 'plays', 'mtf_10_indicators_2_structures.yml'),
  },
] as const;

interface Prepared {
  readonly compiled: CompiledPlay;
  readonly candles1m: Candles;
}

function prepare(path: string): Prepared {
  return { compiled: compilePlay(loadPlay(path)), candles1m: yearOfBars() };
}

function run(p: Prepared): BacktestResult {
  return runBacktest({
    compiled: p.compiled,
    candles1m: p.candles1m,
    instrument: { ...BTCUSDT_INSTRUMENT, symbol: p.compiled.play.symbol },
    funding: { source: 'constant', rate: 0.0001 },
    dataMode: 'synthetic',
    window: null,
    playSource: readFileSync(CASES[0].path, 'utf8'),
  });
}

/**
 * vitest reports wall-clock hz; on a shared machine the process gets only part of a core, so each case also
 * accumulates its CPU time (user + system) and reports 1m bars per CPU-second, the one-core estimate.
 */
interface Totals {
  runs: number;
  bars: number;
  cpuMs: number;
  wallMs: number;
  trades: number;
}
const totals = new Map<string, Totals>();
/** Peak RSS (KiB) after data generation: the part of the process peak that no run caused. */
let rssAfterData = 0;

/**
 * The first run of a case formats and hashes every consumed bar ("cold"); later runs over the same bars take
 * `data_hash`'s bar digest from the process cache ("warm", what a validation run of many plays sees).
 */
function measured(name: string, p: Prepared): () => void {
  let first = true;
  return () => {
    if (first) clearDigestCache();
    const key = `${name} [${first ? 'cold' : 'warm'}]`;
    first = false;
    const wall0 = performance.now();
    const cpu0 = process.cpuUsage();
    const r = run(p);
    const cpu = process.cpuUsage(cpu0);
    const e = totals.get(key) ?? { runs: 0, bars: 0, cpuMs: 0, wallMs: 0, trades: 0 };
    e.runs++;
    e.bars += (r.result.run as { one_minute_bars: number }).one_minute_bars;
    e.cpuMs += (cpu.user + cpu.system) / 1000;
    e.wallMs += performance.now() - wall0;
    e.trades = r.trades.length;
    totals.set(key, e);
  };
}

afterAll(() => {
  for (const [name, e] of totals) {
    const perCpu = e.bars / (e.cpuMs / 1000);
    const perWall = e.bars / (e.wallMs / 1000);
    console.log(
      `${name}: ${(perCpu / 1e6).toFixed(2)}M 1m-bars per CPU-second, ${(perWall / 1e6).toFixed(2)}M bars/s wall ` +
        `(${e.runs} runs of ${e.bars / e.runs} bars, ${e.trades} trades)`,
    );
  }
  console.log(
    `peak RSS once the datasets were generated, before any run: ${(rssAfterData / 1024).toFixed(0)} MB`,
  );
  console.log(`peak RSS of the bench process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
});

describe('runBacktest over one year of synthetic 1m bars', () => {
  const prepared = CASES.map((c) => prepare(c.path));
  rssAfterData = process.resourceUsage().maxRSS;
  for (const [i, c] of CASES.entries()) {
    const p = prepared[i]!;
    bench(c.name, measured(c.name, p), { iterations: 2, warmupIterations: 1, time: 0, warmupTime: 0 });
  }
});
