import { TradeError, type TradeErrorDetails } from '@trade/core';

/**
 * Stable codes of `@trade/structures` (play-dsl.md §18 catalogue plus the runtime codes of structures.md §1).
 * Callers branch on `code`, never on message text.
 */
export const StructureErrorCode = {
  /** Unknown param name. */
  ParamUnknown: 'E_PARAM_UNKNOWN',
  /** Required param missing. */
  ParamRequired: 'E_PARAM_REQUIRED',
  /** Param of the wrong type, out of range, or in conflict with another param. */
  ParamInvalid: 'E_PARAM_INVALID',
  /** Unknown structure type. */
  TypeUnknown: 'E_STRUCT_TYPE_UNKNOWN',
  /** A dependency of a type the detector does not accept, or an instance of the wrong type. */
  UsesType: 'E_STRUCT_USES_TYPE',
  /** A required dependency is not bound. */
  UsesMissing: 'E_STRUCT_USES_MISSING',
  /** `atr_key` does not name an ATR feature on the timeframe although the detector requires ATR. */
  AtrKey: 'E_STRUCT_ATR_KEY',
  /** `update` called with an idx that is not the previous idx + 1. */
  Idx: 'E_STRUCT_IDX',
  /** A snapshot of another schema, type or params. */
  Snapshot: 'E_STRUCT_SNAPSHOT',
} as const;
export type StructureErrorCode = (typeof StructureErrorCode)[keyof typeof StructureErrorCode];

/** Any failure raised by `@trade/structures`. */
export class StructureError extends TradeError {
  declare readonly code: StructureErrorCode;

  constructor(code: StructureErrorCode, message: string, details: TradeErrorDetails = {}) {
    super(code, message, details);
  }
}

/** Bad `params` of a structure (E_PARAM_*); `path` is the param name. */
export class StructureParamError extends StructureError {}

/** Bad wiring: unknown type, dependencies, ATR feature (E_STRUCT_TYPE_UNKNOWN, E_STRUCT_USES_*, E_STRUCT_ATR_KEY). */
export class StructureBindingError extends StructureError {}

/** Misuse of an instance at run time (E_STRUCT_IDX, E_STRUCT_SNAPSHOT). */
export class StructureStateError extends StructureError {}
