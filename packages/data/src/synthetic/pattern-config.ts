import { didYouMean } from '@trade/core';
import {
  PATTERN_CONFIG_KEYS,
  type PatternConfigKey,
  patternInfo,
  SYNTHETIC_PATTERN_NAMES,
  type SyntheticPatternName,
} from './catalogue';
import { SyntheticError } from './errors';

/** A full PatternConfig (`synthetic-data.md` §3). "Vol" fields are daily volatilities. */
export type PatternConfig = Readonly<Record<PatternConfigKey, number>>;

/** Caller overrides: only keys the pattern's schema contains are accepted. */
export type PatternConfigOverrides = Readonly<Record<string, number>>;

/** Defaults of `synthetic-data.md` §3. */
export const DEFAULT_PATTERN_CONFIG: PatternConfig = {
  trend_magnitude: 0.2,
  pullback_depth: 0.3,
  stairs_steps: 4,
  volatility_base: 0.02,
  volatility_spike: 0.1,
  volatility_squeeze: 0.005,
  range_width: 0.08,
  noise_level: 0.3,
  hunt_depth: 0.02,
};

interface KeyRange {
  readonly min: number;
  readonly max: number;
  /** Whether `min` itself is allowed. */
  readonly minInclusive: boolean;
  readonly integer?: boolean;
  readonly why: string;
}

/**
 * Accepted ranges. The spec fixes only `stairs_steps` (integer ≥ 1); the other bounds keep every price
 * positive and every phase meaningful (see the package README, "Decisions").
 */
const RANGES: Readonly<Record<PatternConfigKey, KeyRange>> = {
  trend_magnitude: { min: 0, max: 10, minInclusive: false, why: 'a fraction of the base price' },
  pullback_depth: { min: 0, max: 1, minInclusive: true, why: 'a fraction of the trend move' },
  stairs_steps: { min: 1, max: 1000, minInclusive: true, integer: true, why: 'a step count' },
  volatility_base: { min: 0, max: 1, minInclusive: false, why: 'a daily volatility' },
  volatility_spike: {
    min: 0,
    max: 0.45,
    minInclusive: false,
    why: 'a daily volatility and crash size (2x of B)',
  },
  volatility_squeeze: { min: 0, max: 1, minInclusive: false, why: 'a daily volatility' },
  range_width: { min: 0, max: 1, minInclusive: false, why: 'a fraction of the base price' },
  noise_level: { min: 0, max: 10, minInclusive: true, why: 'a multiple of the pattern-TF volatility' },
  hunt_depth: { min: 0, max: 0.5, minInclusive: true, why: 'a fraction of the level' },
};

function rangeText(r: KeyRange): string {
  return `${r.integer ? 'an integer ' : ''}${r.minInclusive ? '≥' : '>'} ${r.min} and ≤ ${r.max}`;
}

/** `E_PATTERN_UNKNOWN` unless `name` is one of the 34 public patterns. */
export function assertPatternName(name: string): SyntheticPatternName {
  if (patternInfo(name) !== undefined) return name as SyntheticPatternName;
  throw new SyntheticError(
    'E_PATTERN_UNKNOWN',
    `unknown pattern '${name}' (patterns: ${SYNTHETIC_PATTERN_NAMES.join(', ')})`,
    {
      hint: `${didYouMean(name, SYNTHETIC_PATTERN_NAMES)} (run \`trade data synthetic --list\`)`,
      path: 'pattern',
    },
  );
}

/**
 * The resolved parameters of `pattern`: its schema keys with defaults, overridden by `overrides`.
 * A key outside the schema or a value out of range is `E_SYNTHETIC_CONFIG`.
 */
export function resolvePatternConfig(
  pattern: string,
  overrides: PatternConfigOverrides = {},
): Partial<PatternConfig> {
  const info = patternInfo(assertPatternName(pattern))!;
  const schema: readonly string[] = info.params;
  const resolved: Record<string, number> = {};
  for (const key of info.params) resolved[key] = DEFAULT_PATTERN_CONFIG[key];
  for (const [key, value] of Object.entries(overrides)) {
    if (!schema.includes(key)) {
      const accepted =
        schema.length === 0 ? `pattern '${pattern}' accepts no parameters` : `accepted: ${schema.join(', ')}`;
      const near = (PATTERN_CONFIG_KEYS as readonly string[]).includes(key)
        ? ''
        : `${didYouMean(key, schema.length > 0 ? schema : PATTERN_CONFIG_KEYS)}; `;
      throw new SyntheticError('E_SYNTHETIC_CONFIG', `pattern '${pattern}' has no parameter '${key}'`, {
        hint: `${near}${accepted}`,
        path: `config.${key}`,
      });
    }
    const range = RANGES[key as PatternConfigKey];
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (range.minInclusive ? value >= range.min : value > range.min) &&
      value <= range.max &&
      (!range.integer || Number.isInteger(value));
    if (!ok) {
      throw new SyntheticError(
        'E_SYNTHETIC_CONFIG',
        `pattern '${pattern}': parameter '${key}' = ${String(value)} is out of range`,
        {
          hint: `'${key}' is ${range.why}: use ${rangeText(range)} (default ${DEFAULT_PATTERN_CONFIG[key as PatternConfigKey]})`,
          path: `config.${key}`,
        },
      );
    }
    resolved[key] = value;
  }
  return resolved;
}

/**
 * Parses `key=value` assignments (the CLI's repeatable `--config` / `--synthetic-config`) into overrides.
 * Values must be numbers; a repeated key keeps the last value. Malformed text is `E_SYNTHETIC_CONFIG`.
 */
export function parsePatternConfigAssignments(assignments: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const text of assignments) {
    const eq = text.indexOf('=');
    const key = eq < 0 ? '' : text.slice(0, eq).trim();
    const raw = eq < 0 ? '' : text.slice(eq + 1).trim();
    const value = raw === '' ? Number.NaN : Number(raw);
    if (key === '' || !Number.isFinite(value)) {
      throw new SyntheticError('E_SYNTHETIC_CONFIG', `'${text}' is not a key=number assignment`, {
        hint: 'write e.g. trend_magnitude=0.3 (one assignment per flag)',
        path: 'config',
      });
    }
    out[key] = value;
  }
  return out;
}
