import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPlayBacktest, verifyBacktestResult, verifyLine } from '../src/index';

const examples = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'plays', 'examples');
const PLAYS = readdirSync(examples)
  .filter((f) => f.endsWith('.yml'))
  .sort();
/** Patterns that exercise trends both ways, ranges, reversals, breakouts and volatility bursts. */
const PATTERNS = [
  'trend_up_clean',
  'trend_down_clean',
  'range_wide',
  'reversal_v_top',
  'breakout_false',
  'vol_spike_continue',
  'liquidity_hunt_lows',
  'choppy_whipsaw',
  'mtf_pullback_bear',
] as const;

describe('run invariants (engine.md §13) on random plays, patterns and seeds', () => {
  it('every check of verify passes on the in-memory result', async () => {
    let trades = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PLAYS),
        fc.constantFrom(...PATTERNS),
        fc.integer({ min: 1, max: 1_000_000 }),
        async (play, pattern, seed) => {
          const r = await runPlayBacktest({
            playPath: join(examples, play),
            source: { kind: 'synthetic', pattern, seed, bars: 240 },
          });
          trades += r.trades.length;
          const failed = verifyBacktestResult(r)
            .filter((c) => !c.pass)
            .map(verifyLine);
          expect(failed, `${play} ${pattern} seed ${seed}`).toEqual([]);
        },
      ),
      { numRuns: 8, seed: 20261124 },
    );
    // The sample must exercise trades, or the trade invariants would hold vacuously.
    expect(trades).toBeGreaterThan(0);
  }, 240_000);
});

describe('run invariants on terminal stops', () => {
  it('a liquidated run (3x short into a parabolic rally, no stop loss) passes every check', async () => {
    for (const seed of [1, 2]) {
      const r = await runPlayBacktest({
        playPath: join(examples, '08_rsi_fade_short_1m_clock.yml'),
        source: { kind: 'synthetic', pattern: 'trend_parabolic', seed, bars: 400 },
      });
      expect(r.stopReason).toBe('liquidated');
      expect(r.trades.at(-1)?.exit_reason).toBe('liquidation');
      const failed = verifyBacktestResult(r)
        .filter((c) => !c.pass)
        .map(verifyLine);
      expect(failed, `seed ${seed}`).toEqual([]);
    }
  }, 120_000);
});

describe('known engine deviations (each test flips to a failure once the engine is fixed)', () => {
  // engine.md §11.6: `ts` = the instant, events in phase order. Regression: at the end-of-data close the engine
  // used to move a trailing stop at T and then stamp the forced close's fill and position_closed T − 1m.
  it('events.jsonl stays in time order when a trailing stop moves at the end-of-data close', async () => {
    const r = await runPlayBacktest({
      playPath: join(examples, '13_keltner_squeeze_durations.yml'),
      source: { kind: 'synthetic', pattern: 'range_wide', seed: 1, bars: 400 },
    });
    const order = verifyBacktestResult(r).find((c) => c.id === 'EVT-01')!;
    expect(order.pass, verifyLine(order)).toBe(true);
  }, 60_000);
});
