import { TradeError, type TradeErrorDetails } from '@trade/core';

/**
 * Failures of the mock itself (bad options, unreadable data files), as opposed to the Bybit-style
 * `retCode` answers it serves. Codes are `E_MOCK_*`.
 */
export class MockBybitError extends TradeError {
  constructor(code: `E_MOCK_${string}`, message: string, details: TradeErrorDetails = {}) {
    super(code, message, details);
  }
}
