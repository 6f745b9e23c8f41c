/** @trade/sim-exchange: Bybit-exact USDT-perpetual simulator and its pure formula helpers (sim-exchange.md). */

export { BarValidationError, InvariantError, SimConfigError } from './errors';
export {
  bankruptcyPrice,
  ceilQty,
  feeToClose,
  floorQty,
  fundingPayment,
  type LiquidationPriceInput,
  type LiquidationPriceResult,
  liquidationPrice,
  maintenanceMarginCore,
  mmCoreValue,
  orderCost,
  type PriceRounding,
  positionInitialMargin,
  positionMaintenanceMargin,
  type RiskTierInput,
  riskTierFor,
  roundPrice,
  roundTrip,
  type TierInfo,
  TierTableError,
  tradingFee,
  validateTierTable,
} from './formulas/index';
export { type Ack, type CancelReason, REJECT_RET_CODES, type RejectReason } from './reason-codes';
export { SIM_LIMITATIONS, SimExchange } from './SimExchange';
export type * from './types';
