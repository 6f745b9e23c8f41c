import type { PositionSide, RiskTier } from '@trade/core';
import { add, div, type Frac, frac, mul, ONE, sub, toNumber } from './exact';
import { mmCoreValue, riskTierFor } from './tiers';

/**
 * Margin formulas of sim-exchange.md §6.1. Each public helper has an exact twin (`…Exact`, rational
 * arithmetic) that the simulator books with; the public helper is the same computation converted to a double.
 */

export function sideSignOf(side: PositionSide): 1 | -1 {
  return side === 'long' ? 1 : -1;
}

/** `IMc = q·P/L`. */
export function imCoreExact(qty: Frac, price: Frac, leverage: Frac): Frac {
  return div(mul(qty, price), leverage);
}

/** `FTC = q·E·(1 − s/L)·t`: the taker fee to close at the bankruptcy price. */
export function feeToCloseExact(
  side: PositionSide,
  qty: Frac,
  entryPrice: Frac,
  leverage: Frac,
  takerFeeRate: Frac,
): Frac {
  const s = sideSignOf(side);
  const factor = sub(ONE, div({ n: BigInt(s), d: 1n }, leverage));
  return mul(mul(mul(qty, entryPrice), factor), takerFeeRate);
}

/** Order cost `q·P/L + q·P·t + q·P·(1 − s/L)·t` (IM + fee to open + fee to close, taker rate). */
export function orderCostExact(
  side: PositionSide,
  qty: Frac,
  price: Frac,
  leverage: Frac,
  takerFeeRate: Frac,
): { initialMargin: Frac; feeToOpen: Frac; feeToClose: Frac; orderCost: Frac } {
  const initialMargin = imCoreExact(qty, price, leverage);
  const feeToOpen = mul(mul(qty, price), takerFeeRate);
  const feeToClose = feeToCloseExact(side, qty, price, leverage, takerFeeRate);
  return { initialMargin, feeToOpen, feeToClose, orderCost: add(add(initialMargin, feeToOpen), feeToClose) };
}

export interface FeeToCloseInput {
  readonly side: PositionSide;
  readonly qty: number;
  readonly entryPrice: number;
  readonly leverage: number;
  readonly takerFeeRate: number;
}

export function feeToClose(input: FeeToCloseInput): { feeToClose: number } {
  return {
    feeToClose: toNumber(
      feeToCloseExact(
        input.side,
        frac(input.qty),
        frac(input.entryPrice),
        frac(input.leverage),
        frac(input.takerFeeRate),
      ),
    ),
  };
}

/** `positionIM = Q·E/L + FTC` (§6.1). */
export function positionInitialMargin(input: FeeToCloseInput): {
  positionIM: number;
  imCore: number;
  feeToClose: number;
} {
  const q = frac(input.qty);
  const e = frac(input.entryPrice);
  const l = frac(input.leverage);
  const im = imCoreExact(q, e, l);
  const ftc = feeToCloseExact(input.side, q, e, l, frac(input.takerFeeRate));
  return { positionIM: toNumber(add(im, ftc)), imCore: toNumber(im), feeToClose: toNumber(ftc) };
}

/** `positionMM = MMc(M) + FTC` with the tier of the mark value `Q·M` (§6.1). */
export function positionMaintenanceMargin(
  input: FeeToCloseInput & { readonly markPrice: number; readonly tiers: readonly RiskTier[] },
): {
  positionValue: number;
  tier: number;
  mmr: number;
  mmDeduction: number;
  mmCore: number;
  feeToClose: number;
  positionMM: number;
  positionIM: number;
} {
  const positionValue = input.qty * input.markPrice;
  const t = riskTierFor(positionValue, input.tiers);
  const mmCore = mmCoreValue(positionValue, input.tiers);
  const im = positionInitialMargin(input);
  return {
    positionValue,
    tier: t.tier,
    mmr: t.mmr,
    mmDeduction: t.mmDeduction,
    mmCore,
    feeToClose: im.feeToClose,
    positionMM: mmCore + im.feeToClose,
    positionIM: im.positionIM,
  };
}

export function orderCost(input: {
  readonly side: PositionSide;
  readonly qty: number;
  readonly price: number;
  readonly leverage: number;
  readonly takerFeeRate: number;
}): { initialMargin: number; feeToOpen: number; feeToClose: number; orderCost: number } {
  const c = orderCostExact(
    input.side,
    frac(input.qty),
    frac(input.price),
    frac(input.leverage),
    frac(input.takerFeeRate),
  );
  return {
    initialMargin: toNumber(c.initialMargin),
    feeToOpen: toNumber(c.feeToOpen),
    feeToClose: toNumber(c.feeToClose),
    orderCost: toNumber(c.orderCost),
  };
}
