/**
 * What the play loader needs to know about indicators and structures. `registries.ts` builds this from
 * `@trade/indicators` and `@trade/structures`; tests may pass their own catalogue.
 */

/** Runtime value types of §9.3 (HASH fields exist but cannot be read by conditions). */
export type ValueType = 'FLOAT' | 'INT' | 'BOOL' | 'ENUM';
export type FieldType = ValueType | 'HASH';

export interface FieldInfo {
  /** Canonical name, e.g. `value`, `histogram`, `level_0.618`, `zone0_state`. */
  readonly name: string;
  readonly type: FieldType;
  /** ENUM only: the closed domain; a value's runtime code is its index in this list. */
  readonly domain?: readonly string[];
}

/** One problem found in a `params` map; `param` is the key path inside `params` (e.g. `length`). */
export interface ParamIssue {
  readonly code: 'E_PARAM_UNKNOWN' | 'E_PARAM_REQUIRED' | 'E_PARAM_INVALID' | 'W_PARAM_IGNORED';
  readonly param: string;
  readonly message: string;
  readonly hint?: string;
}

export type ParamCheck =
  | {
      readonly ok: true;
      readonly params: Readonly<Record<string, unknown>>;
      readonly warnings: readonly ParamIssue[];
    }
  | { readonly ok: false; readonly issues: readonly ParamIssue[] };

export interface IndicatorInfo {
  readonly name: string;
  /** True when the indicator reads one series chosen by `source` (§7); false for fixed OHLC inputs. */
  readonly singleSource: boolean;
  readonly outputs: readonly FieldInfo[];
  /** Validates and normalizes params (catalogue defaults applied). */
  checkParams(raw: Readonly<Record<string, unknown>>): ParamCheck;
  /** Catalogue warmup in bars of the feature's TF (`engine.md` §2.3). */
  warmupBars(params: Readonly<Record<string, unknown>>): number;
}

/** What a structure's warmup depends on (`structures.md` §1.6): the swing reached through `uses`, the ATR warmup. */
export interface StructureWarmupContext {
  readonly swing?: {
    readonly mode: 'fractal' | 'atr_zigzag';
    readonly left?: number;
    readonly right?: number;
  };
  readonly atrWarmup?: number;
}

export interface StructureInfo {
  readonly type: string;
  checkParams(raw: Readonly<Record<string, unknown>>): ParamCheck;
  /** Output fields for these (normalized) params. */
  fields(params: Readonly<Record<string, unknown>>): readonly FieldInfo[];
  readonly requiredDeps: readonly string[];
  readonly optionalDeps: readonly string[];
  /** Dependency types required only when a BOOL param is true (fibonacci `use_trend_anchor` → trend). */
  requiredWhen(params: Readonly<Record<string, unknown>>): readonly string[];
  /**
   * The ATR feature this structure reads (`atr_key`), whether it must exist, and whether the play wrote the
   * key explicitly; undefined when the structure reads no ATR with these params and dependencies.
   */
  atrKey(
    params: Readonly<Record<string, unknown>>,
    boundTypes: readonly string[],
    raw: Readonly<Record<string, unknown>>,
  ): { readonly id: string; readonly required: boolean; readonly explicit: boolean } | undefined;
  warmupBars(params: Readonly<Record<string, unknown>>, context: StructureWarmupContext): number;
}

export interface Catalog {
  readonly indicators: ReadonlyMap<string, IndicatorInfo>;
  readonly structures: ReadonlyMap<string, StructureInfo>;
}
