import { didYouMean, floorToTf, MINUTE_MS, TF_MINUTES, type Timeframe, timeframeAliasOf } from '@trade/core';
import type { SyntheticPatternId, SyntheticPatternName } from './catalogue';
import { SyntheticError } from './errors';
import {
  assertPatternName,
  type PatternConfig,
  type PatternConfigOverrides,
  resolvePatternConfig,
} from './pattern-config';

/** Timeframes the generator supports (`synthetic-data.md` §6.1): every fixed-length TF; `M` is not. */
export const SYNTHETIC_TIMEFRAMES = [
  '1m',
  '3m',
  '5m',
  '15m',
  '30m',
  '1h',
  '2h',
  '4h',
  '6h',
  '12h',
  'D',
  'W',
] as const;
export type SyntheticTimeframe = (typeof SYNTHETIC_TIMEFRAMES)[number];

/** Generator options of `synthetic-data.md` §2. Every field is optional; defaults below. */
export interface SyntheticOptions {
  /** Label only; never changes the numbers (it is part of the descriptor, so it changes the hash). */
  readonly symbol?: string;
  /** Requested timeframes; `1m` is always added. */
  readonly tfs?: readonly string[];
  /** Pattern-TF bars of the pattern phase, 10 … 2·10^6. */
  readonly bars?: number;
  /** Pattern-TF bars of the `ranging` lead-in before `startMs`, 0 … 2·10^6. */
  readonly leadInBars?: number;
  /** Integer 0 … 2^32−1. */
  readonly seed?: number;
  /** One of the 34 names of `SYNTHETIC_PATTERNS`. */
  readonly pattern?: string;
  /** TF the pattern is drawn on; default the fastest requested TF above 1m (1m if only 1m). */
  readonly patternTf?: string;
  readonly basePrice?: number;
  /** Daily volatility as a fraction, in (0, 1). */
  readonly dailyVol?: number;
  /** First bar of the pattern phase, epoch ms UTC; floored to the pattern-TF grid. */
  readonly startMs?: number;
  readonly correlateVolume?: boolean;
  /** Wick size in units of 1m volatility. */
  readonly wickFactor?: number;
  /** Relative gap between a 1m close and the next open; 0 = continuous. */
  readonly openGapSigma?: number;
  /** Scale of the intrabar (1m) noise of the Brownian bridge. */
  readonly bridgeFactor?: number;
  /** Mean 1m volume in base-coin units. */
  readonly volumeBase?: number;
  /** 0 = no rounding; else prices are rounded to this tick (§6.5). */
  readonly priceTick?: number;
  /** PatternConfig overrides: only keys of the pattern's schema. */
  readonly config?: PatternConfigOverrides;
}

/** Options after defaults and validation. */
export interface ResolvedSyntheticOptions {
  readonly symbol: string;
  /** Ascending by length, `1m` first. */
  readonly tfs: readonly SyntheticTimeframe[];
  readonly bars: number;
  readonly leadInBars: number;
  readonly seed: number;
  /** A public pattern, or `audit_regime` when built by `generateAuditRegime`. */
  readonly pattern: SyntheticPatternId;
  readonly patternTf: SyntheticTimeframe;
  readonly basePrice: number;
  readonly dailyVol: number;
  /** Floored to the pattern-TF grid. */
  readonly startMs: number;
  readonly correlateVolume: boolean;
  readonly wickFactor: number;
  readonly openGapSigma: number;
  readonly bridgeFactor: number;
  readonly volumeBase: number;
  readonly priceTick: number;
  /** The pattern's resolved parameters (its schema keys, defaults included). */
  readonly config: Partial<PatternConfig>;
}

/** 2025-01-01T00:00:00Z. */
export const DEFAULT_SYNTHETIC_START_MS = Date.UTC(2025, 0, 1);

/** Defaults of `synthetic-data.md` §2. */
export const SYNTHETIC_DEFAULTS = {
  symbol: 'BTCUSDT',
  tfs: ['1m', '5m', '15m', '1h', '4h'] as readonly SyntheticTimeframe[],
  bars: 1000,
  leadInBars: 0,
  seed: 42,
  pattern: 'trend_up_clean' as SyntheticPatternName,
  basePrice: 50_000,
  dailyVol: 0.02,
  startMs: DEFAULT_SYNTHETIC_START_MS,
  correlateVolume: true,
  wickFactor: 0.5,
  openGapSigma: 0,
  bridgeFactor: 1,
  volumeBase: 10,
  priceTick: 0,
} as const;

/**
 * Largest 1m path the generator builds: (leadInBars + bars) · pattern-TF minutes. About 19 years of 1m, or
 * 560 MB of columns; beyond that a caller wants a faster pattern TF or fewer bars, not an out-of-memory crash.
 */
export const MAX_SYNTHETIC_1M_BARS = 10_000_000;

const MAX_BARS = 2_000_000;
/** Relative 1m open gaps beyond 10 % σ would let an open cross zero; no market needs them. */
const MAX_OPEN_GAP_SIGMA = 0.1;
const OPTION_KEYS: readonly string[] = [
  'symbol',
  'tfs',
  'bars',
  'leadInBars',
  'seed',
  'pattern',
  'patternTf',
  'basePrice',
  'dailyVol',
  'startMs',
  'correlateVolume',
  'wickFactor',
  'openGapSigma',
  'bridgeFactor',
  'volumeBase',
  'priceTick',
  'config',
];
const TF_SET: ReadonlySet<string> = new Set(SYNTHETIC_TIMEFRAMES);

function bad(key: string, message: string, hint: string): never {
  throw new SyntheticError('E_SYNTH_BAD_OPTION', `option '${key}' ${message}`, { hint, path: key });
}

function integerIn(key: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    bad(
      key,
      `must be an integer in ${min} … ${max}, got ${String(value)}`,
      `use a whole number from ${min} to ${max}${key === 'bars' ? ' (the span is bars × pattern TF)' : ''}`,
    );
  return value;
}

function numberWhere(key: string, value: unknown, ok: (v: number) => boolean, rule: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value))
    bad(key, `must be ${rule}, got ${String(value)}`, `use a number ${rule}`);
  return value;
}

/** `E_SYNTH_UNKNOWN_TF` unless `tf` is one of `SYNTHETIC_TIMEFRAMES`. */
export function assertSyntheticTimeframe(tf: string, path = 'tfs'): SyntheticTimeframe {
  if (TF_SET.has(tf)) return tf as SyntheticTimeframe;
  const alias = timeframeAliasOf(tf);
  const near =
    alias !== undefined && TF_SET.has(alias)
      ? `did you mean \`${alias}\`?`
      : didYouMean(tf, SYNTHETIC_TIMEFRAMES);
  throw new SyntheticError(
    'E_SYNTH_UNKNOWN_TF',
    `'${tf}' is not a synthetic timeframe (valid: ${SYNTHETIC_TIMEFRAMES.join(' ')})`,
    { hint: tf === 'M' ? "calendar months are not fixed-length; use 'W' or 'D'" : near, path },
  );
}

/** Minutes per bar of a synthetic timeframe. */
export function syntheticTfMinutes(tf: SyntheticTimeframe): number {
  return TF_MINUTES[tf as Timeframe];
}

/**
 * Applies the defaults of §2 and validates every option: `E_SYNTH_BAD_OPTION` (unknown key or value out of
 * range), `E_SYNTH_UNKNOWN_TF`, `E_PATTERN_UNKNOWN`, `E_SYNTHETIC_CONFIG`.
 */
export function resolveSyntheticOptions(options: SyntheticOptions = {}): ResolvedSyntheticOptions {
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key) && (options as Record<string, unknown>)[key] !== undefined)
      bad(key, 'is not a generator option', didYouMean(key, OPTION_KEYS));
  }
  const d = SYNTHETIC_DEFAULTS;
  const symbol = options.symbol ?? d.symbol;
  if (typeof symbol !== 'string' || !/^[A-Z0-9]+USDT$/.test(symbol))
    bad(
      'symbol',
      `must match ^[A-Z0-9]+USDT$, got '${String(symbol)}'`,
      'e.g. BTCUSDT (upper case, USDT-quoted)',
    );

  const rawTfs: unknown = options.tfs ?? d.tfs;
  if (!Array.isArray(rawTfs)) bad('tfs', 'must be a list of timeframes', "e.g. ['1m', '15m', '1h']");
  const requested = rawTfs.map((tf) => assertSyntheticTimeframe(String(tf)));
  const tfs = [...new Set<SyntheticTimeframe>(['1m', ...requested])].sort(
    (a, b) => syntheticTfMinutes(a) - syntheticTfMinutes(b),
  );
  const patternTf =
    options.patternTf === undefined
      ? (tfs.find((tf) => tf !== '1m') ?? '1m')
      : assertSyntheticTimeframe(options.patternTf, 'patternTf');

  const pattern = assertPatternName(options.pattern ?? d.pattern);
  const bars = integerIn('bars', options.bars ?? d.bars, 10, MAX_BARS);
  const leadInBars = integerIn('leadInBars', options.leadInBars ?? d.leadInBars, 0, MAX_BARS);
  const seed = integerIn('seed', options.seed ?? d.seed, 0, 0xffffffff);
  const basePrice = numberWhere('basePrice', options.basePrice ?? d.basePrice, (v) => v > 0, '> 0');
  const dailyVol = numberWhere(
    'dailyVol',
    options.dailyVol ?? d.dailyVol,
    (v) => v > 0 && v < 1,
    'in (0, 1)',
  );
  const wickFactor = numberWhere('wickFactor', options.wickFactor ?? d.wickFactor, (v) => v >= 0, '≥ 0');
  const openGapSigma = numberWhere(
    'openGapSigma',
    options.openGapSigma ?? d.openGapSigma,
    (v) => v >= 0 && v <= MAX_OPEN_GAP_SIGMA,
    `in [0, ${MAX_OPEN_GAP_SIGMA}]`,
  );
  const bridgeFactor = numberWhere(
    'bridgeFactor',
    options.bridgeFactor ?? d.bridgeFactor,
    (v) => v >= 0,
    '≥ 0',
  );
  const volumeBase = numberWhere('volumeBase', options.volumeBase ?? d.volumeBase, (v) => v > 0, '> 0');
  const priceTick = numberWhere('priceTick', options.priceTick ?? d.priceTick, (v) => v >= 0, '≥ 0');
  if (priceTick > basePrice * 0.001)
    bad(
      'priceTick',
      `${priceTick} is coarser than 0.1 % of basePrice ${basePrice}`,
      'use a tick ≤ basePrice / 1000 (the lowest price the generator makes)',
    );
  const correlateVolume = options.correlateVolume ?? d.correlateVolume;
  if (typeof correlateVolume !== 'boolean')
    bad('correlateVolume', `must be true or false, got ${String(correlateVolume)}`, 'use a boolean');

  const rawStart = integerIn('startMs', options.startMs ?? d.startMs, 0, 8.64e15);
  const startMs = floorToTf(rawStart, patternTf);
  const patternMinutes = syntheticTfMinutes(patternTf);
  const minutes = (leadInBars + bars) * patternMinutes;
  if (minutes > MAX_SYNTHETIC_1M_BARS)
    bad(
      'bars',
      `with leadInBars and patternTf '${patternTf}' needs ${minutes} 1m bars (limit ${MAX_SYNTHETIC_1M_BARS})`,
      'use fewer bars, a shorter lead-in or a faster pattern TF',
    );
  if (startMs - leadInBars * patternMinutes * MINUTE_MS < 0)
    bad('leadInBars', 'reaches back before 1970-01-01', 'use a later startMs or a shorter lead-in');

  const config = resolvePatternConfig(pattern, options.config ?? {});
  return {
    symbol,
    tfs,
    bars,
    leadInBars,
    seed,
    pattern,
    patternTf,
    basePrice,
    dailyVol,
    startMs,
    correlateVolume,
    wickFactor,
    openGapSigma,
    bridgeFactor,
    volumeBase,
    priceTick,
    config,
  };
}
