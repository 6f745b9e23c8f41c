import type { FieldInfo, ValueType } from '../catalog';
import type { ActionName, EntryPolicy, Play, RiskModel } from '../model';
import type { PlayTimeframe } from '../timeframes';
import type { CompiledCondition, CompiledValue } from './eval-context';

/** Which series a slot reads (see `EvalContext.valueAt`). */
export type SlotSource =
  | 'feature'
  | 'structure'
  | 'bar'
  | 'last_price'
  | 'mark_price'
  | 'funding_rate'
  | 'open_interest';

/** One numeric series a compiled play reads, addressed by `index` in `EvalContext.valueAt`. */
export interface SlotInfo {
  readonly index: number;
  readonly source: SlotSource;
  /** Feature id, structure key, or the built-in name (`close`, `last_price`, …). */
  readonly id: string;
  /** Output key (feature), field name (structure), `open`…`volume` (bar), `value` otherwise. */
  readonly field: string;
  /** Index of `field` in the feature's outputs / the structure's field table (`values[i]`); 0 for built-ins. */
  readonly fieldIndex: number;
  /** Series TF: feature/structure TF, the exec TF for `bar`/`open_interest`, `1m` for prices, null for funding. */
  readonly tf: PlayTimeframe | null;
  readonly type: ValueType;
  /** ENUM domain (value code = index), else null. */
  readonly domain: readonly string[] | null;
  /**
   * History needed behind the visible bar, in bars of `tf` (`engine.md` §2.3 LB for this series):
   * max over references of offset + ceil(lookback_minutes / minutes(tf)).
   */
  readonly lookbackBars: number;
}

export interface FeatureLayout {
  readonly id: string;
  readonly indicator: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly source: string;
  readonly tf: PlayTimeframe;
  readonly outputs: readonly FieldInfo[];
  /** Catalogue warmup (`indicators.md` §2) in bars of `tf`. */
  readonly warmupBars: number;
}

export interface StructureLayout {
  readonly key: string;
  readonly type: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly uses: readonly string[];
  readonly tf: PlayTimeframe;
  readonly fields: readonly FieldInfo[];
  /** Catalogue warmup (`structures.md` §1.6) in bars of `tf`. */
  readonly warmupBars: number;
}

/** Everything the engine steps on one TF, in declaration order (`engine.md` §4.1 C2). */
export interface TimeframeLayout {
  readonly tf: PlayTimeframe;
  readonly features: readonly FeatureLayout[];
  readonly structures: readonly StructureLayout[];
  /** LB(T): max lookbackBars of the slots on this TF. */
  readonly lookbackBars: number;
  /** W(T) = max catalogue warmup on T + LB(T) (`engine.md` §2.3). */
  readonly warmupBars: number;
}

/** An intent metadata value: a literal, or a ref read at the tick (NaN → null; ENUM → its domain string). */
export type CompiledMetadata =
  | { readonly key: string; readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | {
      readonly key: string;
      readonly kind: 'ref';
      readonly read: CompiledValue;
      readonly type: ValueType;
      readonly domain: readonly string[] | null;
    };

export interface CompiledIntent {
  readonly action: ActionName;
  /** Exits: percent of the quantity (0, 100]. */
  readonly percent: number;
  readonly metadata: readonly CompiledMetadata[];
}

export interface CompiledCase {
  readonly when: CompiledCondition;
  readonly intents: readonly CompiledIntent[];
}

export interface CompiledBlock {
  readonly id: string;
  readonly cases: readonly CompiledCase[];
  readonly else: readonly CompiledIntent[] | null;
}

/** A price level for a long and a short position (NaN = unavailable at the tick). */
export interface SidedLevel {
  readonly long: CompiledValue;
  readonly short: CompiledValue;
}

export interface CompiledStopLoss {
  /** ATR reader for `atr_multiple`/`trailing_atr`. */
  readonly atr: CompiledValue | null;
  /** Absolute level for `structure` (long: swing low or ref_long; short: swing high or ref_short). */
  readonly level: SidedLevel | null;
}

export interface CompiledTakeProfitLeg {
  readonly atr: CompiledValue | null;
  /** Absolute level for `structure` (long: swing high or ref_long; short: swing low or ref_short). */
  readonly level: SidedLevel | null;
}

export interface CompiledRisk {
  /** The normalized risk model (kinds, values, ladder). */
  readonly model: RiskModel;
  readonly stopLoss: CompiledStopLoss | null;
  /** One per `model.take_profit` leg. */
  readonly takeProfit: readonly CompiledTakeProfitLeg[];
  readonly trailingAtr: CompiledValue | null;
}

export interface CompiledEntry extends Omit<EntryPolicy, 'price_ref'> {
  /** Reference price at the tick (`price_ref`, default `last_price`). */
  readonly priceRef: CompiledValue;
}

/** The result of `compilePlay`: the slot layout, what to step per TF, and closures over slots. */
export interface CompiledPlay {
  readonly play: Play;
  readonly playHash: string;
  /** `engine.md` §6.1: `1m` when any expression reachable from actions reads last_price/mark_price. */
  readonly evalClock: 'exec' | '1m';
  /** Clock step in ms (exec TF or 60 000): the `t − step` of top-level `cross_*`. */
  readonly clockStepMs: number;
  readonly execTf: PlayTimeframe;
  readonly slots: readonly SlotInfo[];
  /** Every distinct TF the play uses (roles, exec, feature/structure TFs, anchor_tf), ascending. */
  readonly timeframes: readonly TimeframeLayout[];
  /** LB(1m): minutes of 1m closes needed behind the visible minute (last/mark price refs). */
  readonly minuteLookback: number;
  readonly blocks: readonly CompiledBlock[];
  readonly entry: CompiledEntry;
  readonly risk: CompiledRisk;
}
