import { TradeError } from '@trade/core';

/** A bar violated §3.2 (not on the minute grid, not increasing, OHLC inconsistent); nothing was processed. */
export class BarValidationError extends TradeError {
  constructor(message: string, hint: string) {
    super('E_SIM_BAR', message, { kind: 'data', hint });
  }
}

/** The instrument, account or options passed to `new SimExchange` are invalid (a programmer error). */
export class SimConfigError extends TradeError {
  constructor(message: string, path: string, hint: string) {
    super('E_SIM_CONFIG', message, { kind: 'input', path, hint });
  }
}

/** A ledger identity of §5.3 failed: a bug in the simulator, never a business outcome. */
export class InvariantError extends TradeError {
  constructor(message: string) {
    super('E_SIM_INVARIANT', message, {
      kind: 'internal',
      hint: 'this is a simulator bug; please report it with the inputs',
    });
  }
}
