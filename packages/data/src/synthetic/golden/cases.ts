/**
 * The golden-hash cases of `synthetic-data.md` §10: every public pattern with the spec's fixed parameters, plus
 * three option variants. `golden.json` beside this file pins their `dataHash`; the test regenerates and compares,
 * `scripts/regenerate-synthetic-golden.mjs` rewrites the file (only with a stated reason).
 */
import { generateAuditRegime } from '../audit-regime';
import { SYNTHETIC_PATTERN_NAMES } from '../catalogue';
import type { SYNTHETIC_KIND } from '../data-hash';
import { generateSynthetic } from '../generate';
import type { SyntheticOptions } from '../options';

/** tfs [1m, 15m, 1h, D], 2880 bars (30 days of 15m), 96 lead-in bars, seed 42, pattern TF 15m. */
export const GOLDEN_BASE = {
  tfs: ['1m', '15m', '1h', 'D'],
  bars: 2880,
  leadInBars: 96,
  seed: 42,
  patternTf: '15m',
} as const satisfies SyntheticOptions;

/** Option variants: each exercises generator options the pattern cases leave at their defaults. */
export const GOLDEN_VARIANTS: Readonly<Record<string, SyntheticOptions>> = {
  /** Open gaps, wider wicks, uncorrelated volume, another volume base. */
  gaps_wicks_volume: {
    ...GOLDEN_BASE,
    pattern: 'range_wide',
    openGapSigma: 0.0002,
    wickFactor: 1.5,
    correlateVolume: false,
    volumeBase: 3,
  },
  /** Tick rounding on a low-priced, high-volatility market. */
  tick_rounding: {
    ...GOLDEN_BASE,
    pattern: 'vol_spike_recover',
    basePrice: 100,
    dailyVol: 0.05,
    priceTick: 0.01,
  },
  /** PatternConfig overrides, a damped bridge, another symbol and an unaligned start on a 1h pattern TF. */
  config_overrides: {
    tfs: ['1m', '5m', '1h', '4h'],
    bars: 1000,
    leadInBars: 50,
    seed: 7,
    patternTf: '1h',
    pattern: 'trend_stairs',
    config: { trend_magnitude: 0.35, stairs_steps: 6, noise_level: 0.5 },
    bridgeFactor: 0.5,
    symbol: 'ETHUSDT',
    startMs: Date.UTC(2024, 1, 29, 13, 7),
  },
};

export interface GoldenFile {
  readonly kind: typeof SYNTHETIC_KIND;
  /** Why the file was last regenerated. */
  readonly reason: string;
  /** Node version that produced it (hashes rely on V8's Math functions, §4). */
  readonly node: string;
  readonly base: typeof GOLDEN_BASE;
  readonly patterns: Readonly<Record<string, string>>;
  readonly variants: Readonly<Record<string, string>>;
  /** The §9 audit frame at the seed validation gate G2 uses. */
  readonly audit_regime: { readonly seed: number; readonly dataHash: string };
}

/** Seed of the audit frame in validation gate G2 (`validation.md`). */
export const GOLDEN_AUDIT_SEED = 1337;

/** Computes every golden `dataHash` (pattern name or variant name → hash). */
export function computeGoldenHashes(): {
  patterns: Record<string, string>;
  variants: Record<string, string>;
  audit_regime: { seed: number; dataHash: string };
} {
  const patterns: Record<string, string> = {};
  for (const pattern of SYNTHETIC_PATTERN_NAMES)
    patterns[pattern] = generateSynthetic({ ...GOLDEN_BASE, pattern }).dataHash;
  const variants: Record<string, string> = {};
  for (const [name, options] of Object.entries(GOLDEN_VARIANTS))
    variants[name] = generateSynthetic(options).dataHash;
  const audit_regime = { seed: GOLDEN_AUDIT_SEED, dataHash: generateAuditRegime(GOLDEN_AUDIT_SEED).dataHash };
  return { patterns, variants, audit_regime };
}
