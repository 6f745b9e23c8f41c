import type { Side, TimeInForce, TriggerBy } from '@trade/core';
import { unitsToNumber } from '../formulas/exact';
import type { CancelReason, RejectReason } from '../reason-codes';
import type { OrderRole, OrderStatus, OrderView, TpslMode } from '../types';

/** TP/SL requested on an opening order, attached to the position when it fills (§12.1). */
export interface TpslAttachment {
  readonly takeProfit: number;
  readonly stopLoss: number;
  readonly takeProfitOffset: number;
  readonly stopLossOffset: number;
  readonly tpTriggerBy: TriggerBy;
  readonly slTriggerBy: TriggerBy;
  readonly mode: TpslMode;
  readonly tpOrderType: 'Market' | 'Limit';
  readonly slOrderType: 'Market' | 'Limit';
  readonly tpLimitPrice: number;
  readonly slLimitPrice: number;
}

/** Event priority inside a segment at equal distance (§11.3): smaller first. */
export const PRIORITY = {
  liquidation: 0,
  stopLoss: 1,
  trailing: 2,
  conditionalReduceOnly: 3,
  conditional: 4,
  takeProfit: 5,
  restingLimit: 6,
} as const;

/** One order inside the simulator (mutable). NaN encodes an absent price. */
export interface SimOrder {
  readonly orderId: string;
  /** Acceptance sequence: the final tie-break of §11.3. */
  readonly seq: number;
  readonly orderLinkId: string | null;
  readonly tag: string | null;
  readonly role: OrderRole;
  readonly side: Side;
  readonly buy: boolean;
  orderType: 'Market' | 'Limit';
  qty: number;
  /** Qty is "the whole position at execution" (close-whole orders and Full TP/SL/trailing). */
  readonly closeWhole: boolean;
  qtyAdjusted: boolean;
  price: number;
  readonly timeInForce: TimeInForce;
  readonly reduceOnly: boolean;
  readonly closeOnTrigger: boolean;
  triggerPrice: number;
  /** 1 rises to, 2 falls to, 0 not conditional. */
  triggerDirection: 0 | 1 | 2;
  readonly triggerBy: TriggerBy;
  status: OrderStatus;
  /** Live in the book (arrived); false while waiting for the next bar open. */
  live: boolean;
  /** Live before the current bar's arrivals (P3 b/c) — set when a bar starts. */
  liveAtBarStart: boolean;
  omUnits: bigint;
  attach: TpslAttachment | null;
  /** Counted in `entryAttempts` (would open or increase a position). */
  isEntry: boolean;
  readonly createdTime: number;
  updatedTime: number;
  rejectReason: RejectReason | null;
  cancelReason: CancelReason | null;
  avgPrice: number;
}

export function isFinal(o: SimOrder): boolean {
  return (
    o.status === 'Filled' || o.status === 'Cancelled' || o.status === 'Rejected' || o.status === 'Deactivated'
  );
}

export function orderPriority(o: SimOrder): number {
  if (o.status === 'New') return PRIORITY.restingLimit;
  switch (o.role) {
    case 'stop_loss':
      return PRIORITY.stopLoss;
    case 'trailing_stop':
      return PRIORITY.trailing;
    case 'take_profit':
      return PRIORITY.takeProfit;
    default:
      return o.reduceOnly ? PRIORITY.conditionalReduceOnly : PRIORITY.conditional;
  }
}

export function orderView(o: SimOrder): OrderView {
  const nullable = (v: number): number | null => (Number.isNaN(v) ? null : v);
  return {
    orderId: o.orderId,
    orderLinkId: o.orderLinkId,
    tag: o.tag,
    role: o.role,
    side: o.side,
    orderType: o.orderType,
    qty: o.qty,
    qtyAdjusted: o.qtyAdjusted,
    price: nullable(o.price),
    timeInForce: o.timeInForce,
    reduceOnly: o.reduceOnly,
    closeOnTrigger: o.closeOnTrigger,
    triggerPrice: nullable(o.triggerPrice),
    triggerDirection: o.triggerDirection === 0 ? null : o.triggerDirection,
    triggerBy: o.triggerBy,
    orderStatus: o.status,
    rejectReason: o.rejectReason,
    cancelReason: o.cancelReason,
    orderIM: unitsToNumber(o.omUnits),
    createdTime: o.createdTime,
    updatedTime: o.updatedTime,
    avgPrice: nullable(o.avgPrice),
  };
}
