import type { ExposureSample, MarginSample } from './input';
import { RATIO_CAP } from './metrics';

const NO_LIQUIDATION_SAMPLES = 100;

/** Leverage and exposure over exposure samples (metrics.md §4 #59–60). */
export interface ExposureStats {
  readonly avg_leverage_used: number;
  readonly max_gross_exposure_pct: number;
}

/**
 * Effective leverage `positionValue / equity` per sample. A sample with equity ≤ 0 has no meaningful leverage and
 * is skipped, as returns skip periods with a non-positive base (metrics.md §2).
 */
export function exposureStats(samples: readonly ExposureSample[]): ExposureStats {
  let count = 0;
  let sum = 0;
  let max = 0;
  for (const sample of samples) {
    if (sample.equity <= 0) continue;
    const leverage = sample.positionValue / sample.equity;
    sum += leverage;
    count++;
    const exposurePct = leverage * 100;
    if (exposurePct > max) max = exposurePct;
  }
  return { avg_leverage_used: count === 0 ? 0 : sum / count, max_gross_exposure_pct: max };
}

/** Margin stress over margin samples (metrics.md §4 #52–53). */
export interface MarginStats {
  readonly min_margin_ratio: number;
  readonly margin_calls: number;
}

/**
 * `min_margin_ratio` = lowest coverage clamped to ≤ 100 (100 without samples). A margin-call episode starts at a
 * sample at or below `1 / marginCallMmRate` whose previous sample of the same trade was above it, or which is that
 * trade's first sample; samples of different trades may interleave.
 */
export function marginStats(samples: readonly MarginSample[], marginCallMmRate: number): MarginStats {
  const threshold = 1 / marginCallMmRate;
  let minCoverage: number = RATIO_CAP;
  let calls = 0;
  // Samples of one trade are contiguous in a one-way account, so the map is consulted only when the trade changes.
  const belowByTrade = new Map<string, boolean>();
  let currentTrade: string | undefined;
  let currentBelow = false;
  for (const sample of samples) {
    if (sample.coverage < minCoverage) minCoverage = sample.coverage;
    const below = sample.coverage <= threshold;
    if (sample.tradeId !== currentTrade) {
      if (currentTrade !== undefined) belowByTrade.set(currentTrade, currentBelow);
      currentTrade = sample.tradeId;
      const previous = belowByTrade.get(currentTrade);
      if (below && previous !== true) calls++;
    } else if (below && !currentBelow) {
      calls++;
    }
    currentBelow = below;
  }
  return { min_margin_ratio: minCoverage, margin_calls: calls };
}

/**
 * Smallest liquidation distance in % (`≥ 0`; 0 = liquidated); 100 without samples (metrics.md §4 #54). Not
 * clamped: a short with extra margin can sit more than 100 % away from its liquidation price.
 */
export function closestLiquidationPct(samples: ArrayLike<number>): number {
  if (samples.length === 0) return NO_LIQUIDATION_SAMPLES;
  let closest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < samples.length; i++) {
    const distance = samples[i]!;
    if (distance < closest) closest = distance;
  }
  return closest;
}
