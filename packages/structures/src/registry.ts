import { didYouMean } from '@trade/core';
import type { StructureDetector } from './detector';
import { breakerBlockMeta } from './detectors/breaker-block';
import { derivedZoneMeta } from './detectors/derived-zone';
import { displacementMeta } from './detectors/displacement';
import { fairValueGapMeta } from './detectors/fair-value-gap';
import { fibonacciMeta } from './detectors/fibonacci';
import { liquidityZonesMeta } from './detectors/liquidity-zones';
import { marketStructureMeta } from './detectors/market-structure';
import { orderBlockMeta } from './detectors/order-block';
import { premiumDiscountMeta } from './detectors/premium-discount';
import { rollingWindowMeta } from './detectors/rolling-window';
import { swingMeta } from './detectors/swing';
import { trendMeta } from './detectors/trend';
import { zoneMeta } from './detectors/zone';
import { StructureBindingError, StructureErrorCode } from './errors';
import type { FieldMeta } from './fields';
import {
  type BoundDependencies,
  STRUCTURE_TYPES,
  type StructureMeta,
  type StructureType,
  type WarmupContext,
} from './meta';
import { type ParamWarning, parseParams } from './params';

// Registry entries are stored with their params erased; each entry's own functions only ever see params
// produced by its own schema.
const REGISTRY: ReadonlyMap<string, StructureMeta> = new Map(
  (
    [
      swingMeta,
      trendMeta,
      marketStructureMeta,
      zoneMeta,
      fibonacciMeta,
      derivedZoneMeta,
      rollingWindowMeta,
      displacementMeta,
      fairValueGapMeta,
      orderBlockMeta,
      liquidityZonesMeta,
      premiumDiscountMeta,
      breakerBlockMeta,
    ] as unknown as StructureMeta[]
  ).map((m) => [m.type, m]),
);

/** Every structure type, in catalogue order (structures.md §2). */
export function listStructures(): readonly StructureMeta[] {
  return STRUCTURE_TYPES.map((t) => REGISTRY.get(t)!);
}

export function isStructureType(type: string): type is StructureType {
  return REGISTRY.has(type);
}

/** The catalogue entry of `type`; throws E_STRUCT_TYPE_UNKNOWN with a did-you-mean hint. */
export function getStructureMeta(type: string): StructureMeta {
  const meta = REGISTRY.get(type);
  if (meta === undefined) {
    throw new StructureBindingError(StructureErrorCode.TypeUnknown, `unknown structure type '${type}'`, {
      path: 'type',
      hint: didYouMean(type, STRUCTURE_TYPES),
    });
  }
  return meta;
}

export interface ValidatedStructureParams {
  readonly type: StructureType;
  /** Params with defaults applied. */
  readonly params: Record<string, unknown>;
  /** The fields these params produce, in `values` order. */
  readonly fields: readonly FieldMeta[];
  readonly warnings: readonly ParamWarning[];
}

/** Strict param validation (E_PARAM_UNKNOWN / E_PARAM_REQUIRED / E_PARAM_INVALID) plus W_PARAM_IGNORED warnings. */
export function validateStructureParams(type: string, params: unknown): ValidatedStructureParams {
  const meta = getStructureMeta(type);
  const parsed = parseParams(type, meta.paramsSchema, params) as Record<string, unknown>;
  const raw = (params ?? {}) as Readonly<Record<string, unknown>>;
  return {
    type: meta.type,
    params: parsed,
    fields: meta.fields(parsed),
    warnings: meta.warnings(raw, parsed),
  };
}

/** Dependencies as given to `createStructure`: a list (bound by type) or a record keyed by type. */
export type StructureDependencies =
  | readonly StructureDetector[]
  | Readonly<Record<string, StructureDetector>>;

export interface CreateStructureOptions {
  /** Structure key (snapshots, messages); defaults to the type. */
  readonly key?: string;
  /**
   * Ids of the `atr` features declared on the detector's TF. When given, a detector that requires ATR fails
   * with E_STRUCT_ATR_KEY unless its `atr_key` is listed, and a detector with optional ATR whose key is not
   * listed treats ATR as missing. When omitted, `atr_key` is assumed to exist.
   */
  readonly atrFeatures?: Iterable<string>;
}

function bindDependencies(
  meta: StructureMeta,
  params: Record<string, unknown>,
  deps: StructureDependencies | undefined,
  key: string,
): BoundDependencies {
  const list: [string, StructureDetector][] = Array.isArray(deps)
    ? (deps as readonly StructureDetector[]).map((d) => [d.type, d])
    : Object.entries((deps ?? {}) as Readonly<Record<string, StructureDetector>>);
  const accepted = meta.dependencies.map((d) => d.type as string);
  const bound: BoundDependencies = {};
  for (const [type, detector] of list) {
    if (!accepted.includes(type)) {
      throw new StructureBindingError(
        StructureErrorCode.UsesType,
        `structure '${key}' uses '${detector.key}': ${meta.type} does not accept a ${type}`,
        {
          path: 'uses',
          hint:
            accepted.length === 0 ? `${meta.type} takes no dependencies` : `accepted: ${accepted.join(', ')}`,
        },
      );
    }
    if (detector.type !== type) {
      throw new StructureBindingError(
        StructureErrorCode.UsesType,
        `structure '${key}' uses '${detector.key}': must be a ${type}, got a ${detector.type}`,
        { path: 'uses', hint: `bind a ${type} detector under '${type}'` },
      );
    }
    if (bound[type as StructureType] !== undefined) {
      throw new StructureBindingError(
        StructureErrorCode.UsesType,
        `structure '${key}' uses two ${type} detectors; at most one of each type`,
        { path: 'uses', hint: `keep one ${type} in uses` },
      );
    }
    bound[type as StructureType] = detector;
  }
  for (const dep of meta.dependencies) {
    const required = dep.required || (dep.requiredWhen !== undefined && params[dep.requiredWhen] === true);
    if (required && bound[dep.type] === undefined) {
      throw new StructureBindingError(
        StructureErrorCode.UsesMissing,
        `structure '${key}' (${meta.type}) requires a ${dep.type} in uses${dep.requiredWhen === undefined ? '' : ` when ${dep.requiredWhen} is true`}`,
        {
          path: 'uses',
          hint: `declare a ${dep.type} earlier on the same timeframe and list its key in uses`,
        },
      );
    }
  }
  return bound;
}

/**
 * Creates a fresh detector: validates type and params, binds dependencies by type, checks the ATR feature.
 * Feed it with `update(bar)` once per closed bar of its TF, after its dependencies were updated on that bar.
 */
export function createStructure(
  type: string,
  params?: unknown,
  deps?: StructureDependencies,
  options: CreateStructureOptions = {},
): StructureDetector {
  const meta = getStructureMeta(type);
  const parsed = parseParams(type, meta.paramsSchema, params) as Record<string, unknown>;
  const key = options.key ?? type;
  const bound = bindDependencies(meta, parsed, deps, key);
  const atr = meta.atr(parsed, Object.keys(bound));
  let atrAvailable = true;
  if (options.atrFeatures !== undefined && atr.key !== undefined) {
    atrAvailable = new Set(options.atrFeatures).has(atr.key);
    if (!atrAvailable && atr.use === 'required') {
      throw new StructureBindingError(
        StructureErrorCode.AtrKey,
        `structure '${key}' (${type}): atr_key '${atr.key}' must be an atr feature on its timeframe`,
        {
          path: 'params.atr_key',
          hint: `declare an atr feature with id '${atr.key}' on the same timeframe, or set atr_key`,
        },
      );
    }
  }
  return meta.create(parsed, bound, { key, atrAvailable });
}

/** Catalogue warm-up of a detector (structures.md §1.6); `context` names the swing reached through its uses. */
export function structureWarmupBars(type: string, params: unknown, context: WarmupContext = {}): number {
  const meta = getStructureMeta(type);
  return meta.warmupBars(parseParams(type, meta.paramsSchema, params), context);
}
