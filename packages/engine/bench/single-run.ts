/**
 * One backtest in its own process, for what vitest bench cannot show: CPU time of a single first run (no digest
 * cache) and the process's peak RSS (issue #8: < 500 MB). The bench's year of exchange-shaped synthetic 1m bars
 * (`year-of-bars.ts`), generated before the clock starts. Usage: `pnpm --filter @trade/engine bench:single [play.yml]`.
 */
import { resolve } from 'node:path';
import { BTCUSDT_INSTRUMENT } from '@trade/core';
import { compilePlay, loadPlay } from '@trade/play';
import { runBacktest } from '../src/index';
import { yearOfBars } from './year-of-bars';

const path = resolve(process.argv[2] ?? 'bench/plays/mtf_10_indicators_2_structures.yml');
const compiled = compilePlay(loadPlay(path));
const candles1m = yearOfBars();

const before = process.cpuUsage();
const result = runBacktest({
  compiled,
  candles1m,
  instrument: { ...BTCUSDT_INSTRUMENT, symbol: compiled.play.symbol },
  funding: { source: 'constant', rate: 0.0001 },
  dataMode: 'synthetic',
  window: null,
});
const used = process.cpuUsage(before);
const cpuSec = (used.user + used.system) / 1e6;
const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(
  `${compiled.play.id}: ${candles1m.length} 1m bars, ${result.trades.length} trades, ` +
    `${cpuSec.toFixed(2)} CPU-s = ${(candles1m.length / cpuSec / 1e6).toFixed(2)} M bars/CPU-s, ` +
    `peak RSS ${peakMb.toFixed(0)} MB`,
);
