import { TradeError, type TradeErrorDetails } from '@trade/core';

/**
 * Why a run folder could not be verified at all (as opposed to a failing check): a missing folder or file is an
 * input error (exit 3), an artifact that does not parse is a data error (exit 4).
 */
export const VERIFY_ERROR_KIND = {
  E_VERIFY_MISSING: 'input',
  E_VERIFY_MALFORMED: 'data',
} as const;

export type VerifyErrorCode = keyof typeof VERIFY_ERROR_KIND;

export class VerifyError extends TradeError {
  constructor(code: VerifyErrorCode, message: string, details: TradeErrorDetails = {}) {
    super(code, message, { kind: VERIFY_ERROR_KIND[code], ...details });
  }
}
