import { type ErrorKind, TradeError, type TradeErrorDetails } from '@trade/core';

/** Preflight and run errors of the engine (`engine.md` §12). */
export const ENGINE_ERROR_KIND: Readonly<Record<string, ErrorKind>> = {
  E_DATA_NO_1M: 'data',
  E_DATA_INVALID: 'data',
  E_DATA_GAPS: 'data',
  E_DATA_INSUFFICIENT: 'data',
  E_WINDOW_INVALID: 'input',
  E_INSTRUMENT_UNKNOWN: 'data',
  E_LEVERAGE_EXCEEDS: 'input',
  E_FUNDING_SOURCE: 'data',
};

export type EngineErrorCode = keyof typeof ENGINE_ERROR_KIND;

export class EngineError extends TradeError {
  constructor(code: EngineErrorCode, message: string, details: TradeErrorDetails = {}) {
    super(code, message, { kind: ENGINE_ERROR_KIND[code] ?? 'internal', ...details });
  }
}
