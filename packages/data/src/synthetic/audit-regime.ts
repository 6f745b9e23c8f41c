import { AUDIT_REGIME_PATTERN } from './catalogue';
import { generateFromResolved, type SyntheticDataset } from './generate';
import { resolveSyntheticOptions } from './options';

/** 2024-01-01T00:00:00Z, the start of the audit frame. */
export const AUDIT_REGIME_START_MS = Date.UTC(2024, 0, 1);

/**
 * The audit regime frame of `synthetic-data.md` §9, used by validation gates G2/G3 and as dataset D1 of
 * `indicators.md`: 2000 bars of 15m (trend, range, spikes, mean reversion), no lead-in, B = 100, from
 * 2024-01-01, dailyVol 0.02, tfs [1m, 15m], then §6.3–§6.5 as for any pattern.
 */
export function generateAuditRegime(seed: number): SyntheticDataset {
  // Validate the frame through the public path (the pattern name is swapped in after: it is not public).
  const frame = resolveSyntheticOptions({
    pattern: 'ranging',
    seed,
    bars: 2000,
    leadInBars: 0,
    patternTf: '15m',
    tfs: ['1m', '15m'],
    basePrice: 100,
    dailyVol: 0.02,
    startMs: AUDIT_REGIME_START_MS,
  });
  return generateFromResolved({ ...frame, pattern: AUDIT_REGIME_PATTERN, config: {} });
}
