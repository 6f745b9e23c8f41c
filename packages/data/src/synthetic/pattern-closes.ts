import { createPrng } from '@trade/core';
import type { ResolvedSyntheticOptions } from './options';
import { syntheticTfMinutes } from './options';
import { DEFAULT_PATTERN_CONFIG, type PatternConfig } from './pattern-config';
import { PATTERN_FORMULAS } from './patterns/index';
import { ranging } from './patterns/legacy';
import type { PatternContext } from './patterns/path';

/** PRNG stream numbers of `synthetic-data.md` §4. */
export const SYNTHETIC_STREAMS = { closes: 1, bridge: 2, ohlc: 3, volume: 4 } as const;

/**
 * The pattern-TF closes `C` (length `leadInBars + bars`): the `ranging` lead-in, then the selected pattern with
 * its own `P[0]`, both drawn from the pattern stream, lead-in first (§6.2).
 */
export function drawPatternCloses(o: ResolvedSyntheticOptions): Float64Array {
  const volScale = Math.sqrt(syntheticTfMinutes(o.patternTf) / 1440);
  const cfg: PatternConfig = { ...DEFAULT_PATTERN_CONFIG, ...o.config };
  const rng = createPrng(o.seed, SYNTHETIC_STREAMS.closes);
  const out = new Float64Array(o.leadInBars + o.bars);
  const base = { B: o.basePrice, sigmaB: o.dailyVol * volScale * o.basePrice, volScale, cfg, rng, out };
  if (o.leadInBars > 0) {
    const leadIn: PatternContext = { ...base, n: o.leadInBars, offset: 0 };
    ranging(leadIn);
  }
  PATTERN_FORMULAS[o.pattern]({ ...base, n: o.bars, offset: o.leadInBars });
  return out;
}
