import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BTCUSDT_INSTRUMENT,
  type Candles,
  lowerBoundTs,
  MINUTE_MS,
  sliceCandles,
  tfDurationMs,
} from '@trade/core';
import { generateSynthetic } from '@trade/data';
import { type CompiledPlay, compilePlay, loadPlay } from '@trade/play';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BacktestResult, runBacktest, warmupMinutes } from '../src/index';

const examples = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'plays', 'examples');
const EXEC_BARS = 300;
const START = Date.UTC(2025, 0, 1);

/** Plays with higher-timeframe features (02), a 1m evaluation clock (08) and frequent entries (04). */
const CASES = [
  { play: '02_mtf_bos_pullback_flips.yml', pattern: 'choppy_whipsaw', seed: 1 },
  { play: '04_macd_momentum_arith.yml', pattern: 'range_wide', seed: 2 },
  { play: '08_rsi_fade_short_1m_clock.yml', pattern: 'liquidity_hunt_highs', seed: 2 },
] as const;

/** Events that record a decision taken at a tick, and the entry that follows from it. */
const DECISIONS: ReadonlySet<string> = new Set([
  'signal',
  'intent_dropped',
  'order_created',
  'size_capped',
  'position_opened',
]);

interface Fixture {
  readonly compiled: CompiledPlay;
  readonly candles: Candles;
  readonly execMs: number;
  readonly full: BacktestResult;
}

const fixtures = new Map<string, Fixture>();

function run(compiled: CompiledPlay, candles: Candles, end: number): BacktestResult {
  return runBacktest({
    compiled,
    candles1m: candles,
    instrument: { ...BTCUSDT_INSTRUMENT, symbol: compiled.play.symbol },
    funding: { source: 'none' },
    dataMode: 'synthetic',
    window: { start: START, end },
  });
}

/** The same data `runPlayBacktest` builds for a synthetic run, and the full run over it (cached per case). */
function fixture(c: (typeof CASES)[number]): Fixture {
  const cached = fixtures.get(c.play);
  if (cached !== undefined) return cached;
  const compiled = compilePlay(loadPlay(join(examples, c.play)));
  const execMs = tfDurationMs(compiled.execTf);
  const leadIn = Math.ceil((warmupMinutes(compiled) * MINUTE_MS) / execMs) + 1;
  const candles = generateSynthetic({
    pattern: c.pattern,
    bars: EXEC_BARS,
    leadInBars: leadIn,
    seed: c.seed,
    tfs: [compiled.execTf],
    patternTf: compiled.execTf,
    startMs: START,
    symbol: compiled.play.symbol,
  }).candles1m;
  const f = { compiled, candles, execMs, full: run(compiled, candles, START + EXEC_BARS * execMs) };
  fixtures.set(c.play, f);
  return f;
}

const decisionsBefore = (r: BacktestResult, cut: number) =>
  r.events.filter((e) => e.ts < cut && DECISIONS.has(e.type));

const entriesBefore = (r: BacktestResult, cut: number) =>
  r.trades
    .filter((t) => (t.entry_ts_ms as number) < cut)
    .map((t) => ({
      trade_id: t.trade_id,
      side: t.side,
      entry_ts_ms: t.entry_ts_ms,
      entry_price: t.entry_price,
      qty: t.qty,
      entry_order_type: t.entry_order_type,
      initial_sl: t.initial_sl,
      initial_tp: t.initial_tp,
      entry_signal: t.entry_signal,
    }));

describe('no look-ahead (engine.md §5, INV-05)', () => {
  it('cutting the 1m data after an exec close changes no decision taken before it', () => {
    let compared = 0;
    fc.assert(
      fc.property(fc.constantFrom(...CASES), fc.integer({ min: 2, max: EXEC_BARS - 1 }), (c, k) => {
        const f = fixture(c);
        const simStart = f.full.window.simStart;
        const cut = simStart + k * f.execMs;
        // Bars that close at or before the cut: the truncated run sees nothing of the future.
        const truncated = sliceCandles(f.candles, 0, lowerBoundTs(f.candles, cut));
        const short = run(f.compiled, truncated, cut);
        expect(short.window.simStart).toBe(simStart);
        expect(short.window.simEnd).toBe(cut);
        const before = decisionsBefore(f.full, cut);
        compared += before.length;
        expect(decisionsBefore(short, cut), `${c.play} cut at exec bar ${k}`).toEqual(before);
        expect(entriesBefore(short, cut), `${c.play} cut at exec bar ${k}`).toEqual(
          entriesBefore(f.full, cut),
        );
      }),
      { numRuns: 9, seed: 424242 },
    );
    // Decisions must have been compared, or the property held vacuously.
    expect(compared).toBeGreaterThan(0);
  }, 180_000);
});
