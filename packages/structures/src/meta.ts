import type { z } from 'zod';
import type { StructureDetector } from './detector';
import type { FieldMeta } from './fields';
import type { ParamWarning } from './params';

/** Catalogue of structure types (structures.md §2), in catalogue order. */
export const STRUCTURE_TYPES = [
  'swing',
  'trend',
  'market_structure',
  'zone',
  'fibonacci',
  'derived_zone',
  'rolling_window',
  'displacement',
  'fair_value_gap',
  'order_block',
  'liquidity_zones',
  'premium_discount',
  'breaker_block',
] as const;
export type StructureType = (typeof STRUCTURE_TYPES)[number];

export interface DependencyMeta {
  readonly type: StructureType;
  /** Always required (`true`), optional (`false`); see `requiredWhen` for params that make it required. */
  readonly required: boolean;
  /** Name of a BOOL param that makes this optional dependency required when true (fibonacci `use_trend_anchor`). */
  readonly requiredWhen?: string;
}

/** How a detector uses the ATR feature named by its `atr_key` param (structures.md §1.1). */
export type AtrUse = 'required' | 'optional' | 'none';

/** Swing params as seen by warm-up formulas (structures.md §1.6). */
export interface WarmupSwing {
  readonly mode: 'fractal' | 'atr_zigzag';
  readonly left?: number | undefined;
  readonly right?: number | undefined;
}

export interface WarmupContext {
  /** The swing this detector depends on, directly or through its dependencies. */
  readonly swing?: WarmupSwing;
  /** Warm-up bars of the ATR feature named by `atr_key` (added by displacement / fair_value_gap when ATR is used). */
  readonly atrWarmup?: number;
}

/** Dependencies handed to a detector's constructor, by type (at most one of each type). */
export type BoundDependencies = Partial<Record<StructureType, StructureDetector>>;

export interface CreateContext {
  readonly key: string;
  /** False when the TF has no feature named `atr_key` (then optional ATR is treated as missing on every bar). */
  readonly atrAvailable: boolean;
}

/** One catalogue entry (`listStructures()`). */
export interface StructureMeta<P = Record<string, unknown>> {
  readonly type: StructureType;
  readonly summary: string;
  /** True for the six detectors of the second step (displacement … breaker_block). */
  readonly later: boolean;
  /** Strict zod schema; parsing applies defaults. Prefer `validateStructureParams`, which maps issues to E_PARAM_*. */
  readonly paramsSchema: z.ZodType<P>;
  /** Fields for validated params (fibonacci and derived_zone fields depend on params). */
  fields(params: P): FieldMeta[];
  readonly dependencies: readonly DependencyMeta[];
  /**
   * ATR use for validated params and the types bound in `uses` (order_block needs ATR only without a bound
   * displacement), and the feature id it reads.
   */
  atr(params: P, boundTypes?: readonly string[]): { readonly use: AtrUse; readonly key: string | undefined };
  /** Catalogue warm-up (structures.md §1.6). */
  warmupBars(params: P, context: WarmupContext): number;
  /** Non-fatal diagnostics for validated params (W_PARAM_IGNORED). */
  warnings(raw: Readonly<Record<string, unknown>>, params: P): ParamWarning[];
  /** Builds a detector; dependencies are already checked by `createStructure`. */
  create(params: P, deps: BoundDependencies, context: CreateContext): StructureDetector;
}

export function defineMeta<P>(meta: StructureMeta<P>): StructureMeta<P> {
  return meta;
}

/** The L + R + 1 window of the bound swing (an ATR zigzag counts as 10), structures.md §1.6. */
export function swingWindow(swing: WarmupSwing | undefined): number {
  if (swing === undefined) return 0;
  if (swing.mode === 'atr_zigzag') return 10;
  return (swing.left ?? 0) + (swing.right ?? 0) + 1;
}
