import type { LiquidityKind } from '../types';

/** Maker / taker fee schedule of one account (§10.3): rates are configuration, not VIP tiers. */
export interface FeeSchedule {
  readonly takerFeeRate: number;
  readonly makerFeeRate: number;
}

export function feeRateFor(fees: FeeSchedule, liquidity: LiquidityKind): number {
  return liquidity === 'maker' ? fees.makerFeeRate : fees.takerFeeRate;
}
