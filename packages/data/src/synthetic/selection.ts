import type { SyntheticPatternName } from './catalogue';
import { SyntheticError } from './errors';
import { DEFAULT_SYNTHETIC_START_MS, SYNTHETIC_DEFAULTS } from './options';
import { assertPatternName, type PatternConfigOverrides } from './pattern-config';

/** What a caller asked for in one place (`synthetic-data.md` §7.1). Every field optional. */
export interface SyntheticRequest {
  readonly pattern?: string;
  readonly bars?: number;
  readonly seed?: number;
  readonly config?: PatternConfigOverrides;
}

/** A play's `synthetic:` block (`play-dsl.md` §16); `start` in epoch ms. */
export interface SyntheticBlock extends SyntheticRequest {
  readonly start?: number;
}

/** The legacy `validation:` keys that select synthetic data. */
export interface LegacyValidationSelection {
  readonly pattern?: string;
  readonly bars?: number;
  readonly seed?: number;
}

export interface SyntheticSelectionInput {
  /** `trade backtest run --synthetic` flags: `--pattern --bars --seed --synthetic-config` (highest precedence). */
  readonly cli?: SyntheticRequest;
  /** The play's `synthetic:` block. */
  readonly synthetic?: SyntheticBlock;
  /** The play's legacy `validation.pattern/.bars/.seed`, merged into `synthetic` (a different value is E_CONFLICT). */
  readonly validation?: LegacyValidationSelection;
}

export interface SyntheticSelection {
  readonly pattern: SyntheticPatternName;
  readonly seed: number;
  readonly startMs: number;
  /** Explicit bar count, or undefined: then the bar-count rule applies (`syntheticWindowBars`). */
  readonly bars: number | undefined;
  /** Play config overridden key by key by the CLI config. */
  readonly config: Readonly<Record<string, number>>;
  /** True when neither the play nor the CLI selected anything (the CLI warns, §7.1). */
  readonly defaulted: boolean;
}

/**
 * Resolves which synthetic data a run uses (§7.1): CLI flags over the play's `synthetic:` block (with the legacy
 * `validation:` keys merged into it) over the defaults. Throws `E_CONFLICT` when `synthetic.X` and
 * `validation.X` disagree, `E_PATTERN_UNKNOWN` for an unknown pattern. Ranges are checked by the generator.
 */
export function resolveSyntheticSelection(input: SyntheticSelectionInput): SyntheticSelection {
  const block = input.synthetic ?? {};
  const legacy = input.validation ?? {};
  for (const key of ['pattern', 'bars', 'seed'] as const) {
    const a = block[key];
    const b = legacy[key];
    if (a !== undefined && b !== undefined && a !== b) {
      throw new SyntheticError('E_CONFLICT', `synthetic.${key} (${a}) and validation.${key} (${b}) differ`, {
        hint: `keep one: remove the legacy validation.${key} or make both equal`,
        path: `synthetic.${key}`,
      });
    }
  }
  const cli = input.cli ?? {};
  const pattern = cli.pattern ?? block.pattern ?? legacy.pattern;
  const seed = cli.seed ?? block.seed ?? legacy.seed;
  const bars = cli.bars ?? block.bars ?? legacy.bars;
  const defaulted =
    input.synthetic === undefined &&
    input.validation === undefined &&
    cli.pattern === undefined &&
    cli.bars === undefined &&
    cli.seed === undefined &&
    cli.config === undefined;
  return {
    pattern: assertPatternName(pattern ?? SYNTHETIC_DEFAULTS.pattern),
    seed: seed ?? SYNTHETIC_DEFAULTS.seed,
    startMs: block.start ?? DEFAULT_SYNTHETIC_START_MS,
    bars,
    config: { ...block.config, ...cli.config },
    defaulted,
  };
}
