/**
 * Rejection and cancellation reason codes of sim-exchange.md §16–17 with the Bybit retCode each maps to
 * (`paper` mode and the mock Bybit server answer with the same numbers).
 */
export const REJECT_RET_CODES = {
  INVALID_PARAMS: 10001,
  SIM_STOPPED: undefined,
  DUPLICATE_ORDER_LINK_ID: 110072,
  QTY_TRUNCATED_TO_ZERO: 110017,
  QTY_BELOW_MIN: 10001,
  QTY_ABOVE_MAX: 10001,
  PRICE_OUT_OF_RANGE: 110003,
  NOTIONAL_BELOW_MIN: 110094,
  TRIGGER_ALREADY_MET_RISING: 110092,
  TRIGGER_ALREADY_MET_FALLING: 110093,
  TPSL_ON_REDUCE_ONLY: 10001,
  TPSL_INVALID: 10001,
  TOO_MANY_PARTIAL_TPSL: 110061,
  REDUCE_ONLY_WRONG_SIDE: 110017,
  REDUCE_ONLY_NO_POSITION: 110017,
  RISK_LIMIT_EXCEEDED: 110090,
  LEVERAGE_EXCEEDS_TIER: 110086,
  INSUFFICIENT_AVAILABLE_BALANCE: 110007,
  POST_ONLY_WOULD_TAKE: undefined,
  IOC_NOT_FILLED: undefined,
  FOK_NOT_FILLED: undefined,
  NO_POSITION: 110033,
  MARGIN_REDUCE_TOO_MUCH: 110078,
  WOULD_LIQUIDATE: 110046,
  LEVERAGE_NOT_MODIFIED: 110043,
  LEVERAGE_INVALID: 10001,
  ORDER_NOT_FOUND: 110001,
  ORDER_ALREADY_FINAL: 110008,
} as const;

export type RejectReason = keyof typeof REJECT_RET_CODES;

/** Why an order left the book without filling (§16). */
export type CancelReason =
  | 'USER'
  | 'EXPIRED'
  | 'REPLACED'
  | 'IOC_NOT_FILLED'
  | 'FOK_NOT_FILLED'
  | 'POST_ONLY_WOULD_TAKE'
  | 'REDUCE_ONLY_NO_POSITION'
  | 'INSUFFICIENT_AVAILABLE_BALANCE'
  | 'RISK_LIMIT_EXCEEDED'
  | 'LEVERAGE_EXCEEDS_TIER'
  | 'NOTIONAL_BELOW_MIN'
  | 'LIQUIDATION'
  | 'POSITION_CLOSED'
  | 'STOPPED';

/** Result of every command: never throws for business rejections (§3.3). */
export interface Ack {
  readonly ok: boolean;
  readonly id?: string;
  readonly reason?: RejectReason;
  readonly retCode?: number;
}

export function rejected(reason: RejectReason, retCodeOverride?: number): Ack {
  const retCode = retCodeOverride ?? REJECT_RET_CODES[reason];
  return retCode === undefined ? { ok: false, reason } : { ok: false, reason, retCode };
}
