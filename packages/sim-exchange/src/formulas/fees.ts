import type { PositionSide } from '@trade/core';
import { frac, mul, neg, sub, toUnits, unitsToNumber, unitsToString } from './exact';
import { sideSignOf } from './margin';

/**
 * Fee, funding and round-trip booking (sim-exchange.md §5.1, §10.3, §13): exact product, rounded once to
 * 1e-8 USDT half away from zero. The `…Units` twins return integer 1e-8 units for the ledger.
 */

export function tradingFeeUnits(qty: number, price: number, feeRate: number): bigint {
  return toUnits(mul(mul(frac(qty), frac(price)), frac(feeRate)));
}

export function tradingFee(input: {
  readonly qty: number;
  readonly price: number;
  readonly feeRate: number;
}): {
  fee: number;
  feeString: string;
} {
  const units = tradingFeeUnits(input.qty, input.price, input.feeRate);
  return { fee: unitsToNumber(units), feeString: unitsToString(units) };
}

/** Signed cash flow of a funding settlement in units: `−s·round8(Q·M·rate)` (long pays a positive rate). */
export function fundingCashFlowUnits(
  side: PositionSide,
  qty: number,
  markPrice: number,
  rate: number,
): bigint {
  const payment = toUnits(mul(mul(frac(qty), frac(markPrice)), frac(rate)));
  return sideSignOf(side) === 1 ? -payment : payment;
}

export function fundingPayment(input: {
  readonly side: PositionSide;
  readonly qty: number;
  readonly markPrice: number;
  readonly rate: number;
}): { payment: number; cashFlow: number; paymentString: string; cashFlowString: string } {
  const cash = fundingCashFlowUnits(input.side, input.qty, input.markPrice, input.rate);
  const payment = sideSignOf(input.side) === 1 ? -cash : cash;
  return {
    payment: unitsToNumber(payment),
    cashFlow: unitsToNumber(cash),
    paymentString: unitsToString(payment),
    cashFlowString: unitsToString(cash),
  };
}

/** Realized PnL of closing `qty` at `exitPrice` against an exact entry, in units: `round8(s·q·(P − E))`. */
export function realizedPnlUnits(
  side: PositionSide,
  qty: number,
  entryPrice: ReturnType<typeof frac>,
  exitPrice: number,
): bigint {
  const diff = mul(frac(qty), sub(frac(exitPrice), entryPrice));
  return toUnits(sideSignOf(side) === 1 ? diff : neg(diff));
}

/** One open and one close booked per §5.1; `netPnl = realizedPnl − entryFee − exitFee`. */
export function roundTrip(input: {
  readonly side: PositionSide;
  readonly qty: number;
  readonly entryPrice: number;
  readonly exitPrice: number;
  readonly entryFeeRate: number;
  readonly exitFeeRate: number;
}): {
  realizedPnl: number;
  entryFee: number;
  exitFee: number;
  netPnl: number;
  realizedPnlString: string;
  entryFeeString: string;
  exitFeeString: string;
  netPnlString: string;
} {
  const realized = realizedPnlUnits(input.side, input.qty, frac(input.entryPrice), input.exitPrice);
  const entryFee = tradingFeeUnits(input.qty, input.entryPrice, input.entryFeeRate);
  const exitFee = tradingFeeUnits(input.qty, input.exitPrice, input.exitFeeRate);
  const net = realized - entryFee - exitFee;
  return {
    realizedPnl: unitsToNumber(realized),
    entryFee: unitsToNumber(entryFee),
    exitFee: unitsToNumber(exitFee),
    netPnl: unitsToNumber(net),
    realizedPnlString: unitsToString(realized),
    entryFeeString: unitsToString(entryFee),
    exitFeeString: unitsToString(exitFee),
    netPnlString: unitsToString(net),
  };
}
