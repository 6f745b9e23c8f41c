import { TradeError, type TradeErrorDetails } from '@trade/core';

/**
 * Stable error codes of `@trade/indicators` (indicators.md §1.1, §1.5, §5.2; play-dsl.md error table).
 * Callers branch on `code`, never on the message.
 */
export const IndicatorErrorCode = {
  /** Unknown indicator name. */
  Unknown: 'E_INDICATOR_UNKNOWN',
  /** A param the indicator does not accept (or a pass-through param of the predecessor). */
  ParamUnknown: 'E_PARAM_UNKNOWN',
  /** Wrong type, out of range, non-integer, or a violated relation between params. */
  ParamInvalid: 'E_PARAM_INVALID',
  /** `source` is not one of close/open/high/low/volume/hl2/hlc3/ohlc4. */
  SourceInvalid: 'E_SOURCE_INVALID',
  /** A non-default `source` on an indicator with fixed inputs. */
  SourceNotApplicable: 'E_SOURCE_NOT_APPLICABLE',
  /** Non-finite bar field or negative volume. */
  Input: 'E_IND_INPUT',
  /** Bar ts not strictly increasing. */
  TsOrder: 'E_IND_TS_ORDER',
  /** Snapshot of another schema, indicator or param set. */
  Snapshot: 'E_IND_SNAPSHOT',
} as const;
export type IndicatorErrorCode = (typeof IndicatorErrorCode)[keyof typeof IndicatorErrorCode];

/** Every failure this package throws: a TradeError with one of the codes above and a hint. */
export class IndicatorError extends TradeError {
  declare readonly code: IndicatorErrorCode;

  constructor(code: IndicatorErrorCode, message: string, details: TradeErrorDetails = {}) {
    super(code, message, details);
  }
}

/** A non-fatal remark about params (play-dsl.md `W_PARAM_IGNORED`). */
export interface ParamWarning {
  readonly code: 'W_PARAM_IGNORED';
  readonly message: string;
  readonly path: string;
  readonly hint: string;
}
