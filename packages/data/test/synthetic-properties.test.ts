import { isTfAligned, type Timeframe, validateCandles } from '@trade/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateSynthetic, SYNTHETIC_PATTERN_NAMES, SYNTHETIC_TIMEFRAMES } from '../src/synthetic/index';

const fastTfs = SYNTHETIC_TIMEFRAMES.filter((tf) => ['1m', '3m', '5m', '15m', '30m', '1h'].includes(tf));

describe('synthetic generator properties (random options)', () => {
  it('every TF of every dataset satisfies the §6.5 invariants and starts inside the span', () => {
    fc.assert(
      fc.property(
        fc.record({
          pattern: fc.constantFrom(...SYNTHETIC_PATTERN_NAMES),
          seed: fc.integer({ min: 0, max: 0xffffffff }),
          bars: fc.integer({ min: 10, max: 120 }),
          leadInBars: fc.integer({ min: 0, max: 30 }),
          patternTf: fc.constantFrom(...fastTfs),
          tfs: fc.subarray([...SYNTHETIC_TIMEFRAMES.filter((tf) => tf !== 'W')], { maxLength: 4 }),
          dailyVol: fc.double({ min: 0.001, max: 0.5, noNaN: true }),
          wickFactor: fc.double({ min: 0, max: 5, noNaN: true }),
          openGapSigma: fc.constantFrom(0, 0.0001, 0.01),
          basePrice: fc.double({ min: 0.5, max: 200_000, noNaN: true }),
          startMs: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
        }),
        (options) => {
          const d = generateSynthetic(options);
          expect(d.candles1m.length).toBe((options.leadInBars + options.bars) * minutesOf(d.patternTf));
          for (const [tf, c] of d.tfs) {
            expect(validateCandles(c)).toEqual([]);
            for (let i = 0; i < c.length; i++) {
              if (
                !(c.volume[i]! > 0) ||
                !isTfAligned(c.ts[i]!, tf as Timeframe) ||
                c.ts[i]! < d.dataStartMs
              ) {
                throw new Error(`${tf} bar ${i} breaks an invariant`);
              }
            }
          }
        },
      ),
      { numRuns: 40, seed: 20261124 },
    );
  });
});

function minutesOf(tf: string): number {
  return { '1m': 1, '3m': 3, '5m': 5, '15m': 15, '30m': 30, '1h': 60 }[tf] ?? Number.NaN;
}
