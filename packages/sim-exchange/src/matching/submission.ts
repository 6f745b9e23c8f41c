import type { InstrumentSpec, RiskTier, TimeInForce, TriggerBy } from '@trade/core';
import { floorQty, roundPrice } from '../formulas/grid';
import { tierIndexFor } from '../formulas/tiers';
import { sequentialId } from '../ids';
import type { RejectReason } from '../reason-codes';
import type { OrderRequest } from '../types';
import type { SimOrder, TpslAttachment } from './SimOrder';

/** What order validation reads from the simulator (§9.2). */
export interface SubmissionContext {
  readonly instrument: InstrumentSpec;
  readonly tiers: readonly RiskTier[];
  readonly stopped: boolean;
  /** NaN before the first bar. */
  readonly lastClose: number;
  /** Symbol leverage setting (new positions). */
  readonly leverage: number;
  readonly position: { readonly sign: 1 | -1; readonly qty: number; readonly leverage: number } | null;
  /** Is this `orderLinkId` used by a non-final order? */
  hasLiveLinkId(orderLinkId: string): boolean;
}

export function outOfRange(price: number, instrument: InstrumentSpec): boolean {
  return price < instrument.minPrice || price > instrument.maxPrice;
}

/** The checks of §9.2 in order; the first failure wins. */
export function validateOrderRequest(req: OrderRequest, ctx: SubmissionContext): RejectReason | undefined {
  const inst = ctx.instrument;
  if (ctx.stopped) return 'SIM_STOPPED';
  // 2 schema
  if (req.side !== 'Buy' && req.side !== 'Sell') return 'INVALID_PARAMS';
  if (req.orderType !== 'Market' && req.orderType !== 'Limit') return 'INVALID_PARAMS';
  const closeWhole = req.qty === 0 && req.reduceOnly === true && req.closeOnTrigger === true;
  if (!Number.isFinite(req.qty) || req.qty < 0 || (req.qty === 0 && !closeWhole)) return 'INVALID_PARAMS';
  if (req.orderType === 'Limit' && (req.price === undefined || !(req.price > 0))) return 'INVALID_PARAMS';
  if (req.price !== undefined && !(req.price > 0)) return 'INVALID_PARAMS';
  const tifs: readonly (TimeInForce | undefined)[] = [undefined, 'GTC', 'IOC', 'FOK', 'PostOnly'];
  if (!tifs.includes(req.timeInForce)) return 'INVALID_PARAMS';
  const triggerBys: readonly (TriggerBy | undefined)[] = [undefined, 'LastPrice', 'MarkPrice'];
  if (
    !triggerBys.includes(req.triggerBy) ||
    !triggerBys.includes(req.tpTriggerBy) ||
    !triggerBys.includes(req.slTriggerBy)
  )
    return 'INVALID_PARAMS';
  if (
    req.triggerDirection !== undefined &&
    (req.triggerPrice === undefined || (req.triggerDirection !== 1 && req.triggerDirection !== 2))
  )
    return 'INVALID_PARAMS';
  if (req.triggerPrice !== undefined && !(req.triggerPrice > 0)) return 'INVALID_PARAMS';
  for (const v of [
    req.takeProfit,
    req.stopLoss,
    req.takeProfitOffset,
    req.stopLossOffset,
    req.tpLimitPrice,
    req.slLimitPrice,
  ]) {
    if (v !== undefined && !(v >= 0 && Number.isFinite(v))) return 'INVALID_PARAMS';
  }
  if (req.tpslMode !== undefined && req.tpslMode !== 'Full' && req.tpslMode !== 'Partial')
    return 'INVALID_PARAMS';
  const last = ctx.lastClose;
  const hasLast = !Number.isNaN(last);
  if (req.triggerPrice !== undefined && req.triggerDirection === undefined) {
    if (!hasLast) return 'INVALID_PARAMS';
    if (roundPrice(req.triggerPrice, ctx.instrument.tickSize, 'nearest') === last) return 'INVALID_PARAMS';
  }
  // 3 duplicate link id
  if (req.orderLinkId !== undefined && ctx.hasLiveLinkId(req.orderLinkId)) return 'DUPLICATE_ORDER_LINK_ID';
  // 4–6 qty
  const qty = closeWhole ? 0 : floorQty(req.qty, inst.qtyStep);
  if (!closeWhole) {
    if (qty === 0) return 'QTY_TRUNCATED_TO_ZERO';
    if (qty < inst.minOrderQty) return 'QTY_BELOW_MIN';
    const max = req.orderType === 'Limit' ? inst.maxOrderQty : inst.maxMktOrderQty;
    if (qty > max) return 'QTY_ABOVE_MAX';
  }
  // 7 price range
  const buy = req.side === 'Buy';
  const price =
    req.price === undefined
      ? Number.NaN
      : roundPrice(req.price, ctx.instrument.tickSize, buy ? 'down' : 'up');
  const trigger =
    req.triggerPrice === undefined
      ? Number.NaN
      : roundPrice(req.triggerPrice, ctx.instrument.tickSize, 'nearest');
  if (
    (!Number.isNaN(price) && outOfRange(price, ctx.instrument)) ||
    (!Number.isNaN(trigger) && outOfRange(trigger, ctx.instrument))
  )
    return 'PRICE_OUT_OF_RANGE';
  // 8 notional
  const ref = !Number.isNaN(price) ? price : last;
  if (req.reduceOnly !== true && !Number.isNaN(ref) && qty * ref < inst.minNotionalValue)
    return 'NOTIONAL_BELOW_MIN';
  // 9 trigger already met
  if (!Number.isNaN(trigger) && hasLast && req.triggerDirection !== undefined) {
    if (req.triggerDirection === 1 && trigger <= last) return 'TRIGGER_ALREADY_MET_RISING';
    if (req.triggerDirection === 2 && trigger >= last) return 'TRIGGER_ALREADY_MET_FALLING';
  }
  // 10 TP/SL on reduce-only
  const hasTpsl = [req.takeProfit, req.stopLoss, req.takeProfitOffset, req.stopLossOffset].some(
    (v) => v !== undefined && v > 0,
  );
  if (req.reduceOnly === true && hasTpsl) return 'TPSL_ON_REDUCE_ONLY';
  // 11 reduce-only vs position
  const p = ctx.position;
  const sign = buy ? 1 : -1;
  if (req.reduceOnly === true) {
    if (p === null) return 'REDUCE_ONLY_NO_POSITION';
    if (p.sign === sign) return 'REDUCE_ONLY_WRONG_SIDE';
  }
  // 12 TP/SL side
  if (!Number.isNaN(ref)) {
    if (
      req.takeProfit !== undefined &&
      req.takeProfit > 0 &&
      (buy ? req.takeProfit <= ref : req.takeProfit >= ref)
    )
      return 'TPSL_INVALID';
    if (req.stopLoss !== undefined && req.stopLoss > 0 && (buy ? req.stopLoss >= ref : req.stopLoss <= ref))
      return 'TPSL_INVALID';
  }
  // 13 risk limit and tier leverage on the resulting position
  if (req.reduceOnly !== true && !Number.isNaN(ref)) {
    const resulting = p === null ? qty : p.sign === sign ? p.qty + qty : qty - p.qty;
    if (resulting > 0) {
      const value = resulting * ref;
      if (value > ctx.tiers[ctx.tiers.length - 1]!.riskLimitValue) return 'RISK_LIMIT_EXCEEDED';
      const lev = p !== null && p.sign === sign ? p.leverage : ctx.leverage;
      if (lev > ctx.tiers[tierIndexFor(value, ctx.tiers)]!.maxLeverage) return 'LEVERAGE_EXCEEDS_TIER';
    }
  }
  return undefined;
}

/** A new order from a validated request (prices on the tick grid, qty on the step grid). */
export function buildOrder(
  req: OrderRequest,
  ctx: SubmissionContext,
  seq: number,
  time: number,
  entry: boolean,
): SimOrder {
  const buy = req.side === 'Buy';
  const closeWhole = req.qty === 0 && req.reduceOnly === true && req.closeOnTrigger === true;
  const qty = closeWhole ? 0 : floorQty(req.qty, ctx.instrument.qtyStep);
  const trigger =
    req.triggerPrice === undefined
      ? Number.NaN
      : roundPrice(req.triggerPrice, ctx.instrument.tickSize, 'nearest');
  let direction: 0 | 1 | 2 = 0;
  if (!Number.isNaN(trigger)) direction = req.triggerDirection ?? (trigger > ctx.lastClose ? 1 : 2);
  const hasTpsl = [req.takeProfit, req.stopLoss, req.takeProfitOffset, req.stopLossOffset].some(
    (v) => v !== undefined && v > 0,
  );
  const attach: TpslAttachment | null = hasTpsl
    ? {
        takeProfit:
          req.takeProfit === undefined || req.takeProfit === 0
            ? 0
            : roundPrice(req.takeProfit, ctx.instrument.tickSize, 'nearest'),
        stopLoss:
          req.stopLoss === undefined || req.stopLoss === 0
            ? 0
            : roundPrice(req.stopLoss, ctx.instrument.tickSize, 'nearest'),
        takeProfitOffset: req.takeProfitOffset ?? 0,
        stopLossOffset: req.stopLossOffset ?? 0,
        tpTriggerBy: req.tpTriggerBy ?? 'LastPrice',
        slTriggerBy: req.slTriggerBy ?? 'LastPrice',
        mode: req.tpslMode ?? 'Full',
        tpOrderType: req.tpOrderType ?? 'Market',
        slOrderType: req.slOrderType ?? 'Market',
        tpLimitPrice: req.tpLimitPrice ?? 0,
        slLimitPrice: req.slLimitPrice ?? 0,
      }
    : null;
  return {
    orderId: sequentialId('O', seq),
    seq,
    orderLinkId: req.orderLinkId ?? null,
    tag: req.tag ?? null,
    role: 'order',
    side: req.side,
    buy,
    orderType: req.orderType,
    qty,
    closeWhole,
    qtyAdjusted: !closeWhole && qty !== req.qty,
    price:
      req.price === undefined
        ? Number.NaN
        : roundPrice(req.price, ctx.instrument.tickSize, buy ? 'down' : 'up'),
    timeInForce: req.orderType === 'Market' ? 'IOC' : (req.timeInForce ?? 'GTC'),
    reduceOnly: req.reduceOnly === true,
    closeOnTrigger: req.closeOnTrigger === true,
    triggerPrice: trigger,
    triggerDirection: direction,
    triggerBy: req.triggerBy ?? 'LastPrice',
    status: direction === 0 ? 'New' : 'Untriggered',
    live: false,
    liveAtBarStart: false,
    omUnits: 0n,
    attach,
    isEntry: entry,
    createdTime: time,
    updatedTime: time,
    rejectReason: null,
    cancelReason: null,
    avgPrice: Number.NaN,
  };
}
