import type { InstrumentSpec, PositionSide } from '@trade/core';
import { floorQty, orderCost } from '@trade/sim-exchange';

/** Why a size was reduced (`engine.md` §7.5 `size_capped`). */
export type SizeCapReason = 'max_notional' | 'max_margin' | 'risk_tier' | 'affordability';

export interface SizeCap {
  readonly reason: SizeCapReason;
  readonly requestedQty: number;
  readonly qty: number;
}

export interface SizingInput {
  readonly model: 'percent_equity' | 'risk_based' | 'fixed_usdt';
  readonly value: number;
  readonly side: PositionSide;
  /** Equity at the tick (wallet + unrealized at mark). */
  readonly equity: number;
  /** Available balance at the tick (what an opening order's cost must fit into). */
  readonly available: number;
  /** Reference entry price (price_ref, the limit price, or the trigger). */
  readonly refPrice: number;
  /** Price the affordability cap evaluates `orderCost` at: the expected fill (ref ± slippage for taker entries). */
  readonly costPrice: number;
  readonly leverage: number;
  /** Required by `risk_based`. */
  readonly stopLossPrice: number | null;
  /** Entry fee rate: taker for MARKET/STOP, maker for a resting LIMIT. */
  readonly entryFeeRate: number;
  readonly takerFeeRate: number;
  readonly maxNotionalUsdt: number | null;
  readonly maxMarginUsdt: number | null;
  readonly minTradeNotionalUsdt: number;
  readonly instrument: InstrumentSpec;
}

export type SizingResult =
  | { readonly ok: true; readonly qty: number; readonly caps: readonly SizeCap[] }
  | {
      readonly ok: false;
      readonly reason: 'QTY_BELOW_MIN' | 'NOTIONAL_BELOW_MIN' | 'SL_UNAVAILABLE';
      readonly qty: number;
      readonly caps: readonly SizeCap[];
    };

/** The largest position value (USDT) whose risk tier allows leverage `L`, or +∞ when every tier does. */
function tierValueLimit(instrument: InstrumentSpec, leverage: number): number {
  let limit = 0;
  for (const t of instrument.riskTiers) {
    if (t.maxLeverage >= leverage) limit = t.riskLimitValue;
  }
  return limit;
}

/**
 * Entry quantity per `play-dsl.md` §15.6: the model's raw quantity, then the caps (max notional, max margin × L,
 * the risk tier allowed at L, affordability through the simulator's own `orderCost`), each recorded when it
 * binds, then floored to the qty step and checked against the minimums.
 */
export function sizeEntry(input: SizingInput): SizingResult {
  const { refPrice: ref, leverage: L, instrument } = input;
  let raw: number;
  switch (input.model) {
    case 'percent_equity':
      raw = (input.equity * input.value * L) / 100 / ref;
      break;
    case 'fixed_usdt':
      raw = (input.value * L) / ref;
      break;
    case 'risk_based': {
      const sl = input.stopLossPrice;
      if (sl === null || !Number.isFinite(sl))
        return { ok: false, reason: 'SL_UNAVAILABLE', qty: 0, caps: [] };
      const perUnitLoss = Math.abs(ref - sl) + ref * input.entryFeeRate + sl * input.takerFeeRate;
      raw = (input.equity * input.value) / 100 / perUnitLoss;
      break;
    }
  }
  const caps: SizeCap[] = [];
  let qty = raw;
  const cap = (reason: SizeCapReason, limit: number) => {
    if (limit < qty) {
      caps.push({ reason, requestedQty: qty, qty: limit });
      qty = limit;
    }
  };
  if (input.maxNotionalUsdt !== null) cap('max_notional', input.maxNotionalUsdt / ref);
  if (input.maxMarginUsdt !== null) cap('max_margin', (input.maxMarginUsdt * L) / ref);
  cap('risk_tier', tierValueLimit(instrument, L) / ref);
  // Order cost is linear in qty; size from the cost of one unit, then step down past rounding.
  const unit = orderCost({
    side: input.side,
    qty: 1,
    price: input.costPrice,
    leverage: L,
    takerFeeRate: input.takerFeeRate,
  }).orderCost;
  cap('affordability', Math.max(0, input.available) / unit);
  let floored = floorQty(qty, instrument.qtyStep);
  while (
    floored > 0 &&
    orderCost({
      side: input.side,
      qty: floored,
      price: input.costPrice,
      leverage: L,
      takerFeeRate: input.takerFeeRate,
    }).orderCost > input.available
  ) {
    floored = floorQty(floored - instrument.qtyStep, instrument.qtyStep);
  }
  if (floored < instrument.minOrderQty) return { ok: false, reason: 'QTY_BELOW_MIN', qty: floored, caps };
  if (floored * ref < Math.max(instrument.minNotionalValue, input.minTradeNotionalUsdt)) {
    return { ok: false, reason: 'NOTIONAL_BELOW_MIN', qty: floored, caps };
  }
  return { ok: true, qty: floored, caps };
}
