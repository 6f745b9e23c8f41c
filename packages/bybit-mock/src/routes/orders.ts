import { randomUUID } from 'node:crypto';
import { availableBalance, DEFAULT_LEVERAGE, isActive, type MockOrder } from '../account/accounts';
import { decimalString, fixedString, stepDecimals } from '../market/format';
import { BybitApiReject, paramsError, RetCode } from '../server/envelope';
import { encodeCursor } from '../server/params';
import type { RouteContext, RouteDef } from '../server/router';
import { publishOrders } from '../ws/order-feed';
import { optionalSymbol, requireLinear } from './common';
import { bestLevels } from './market-tickers';
import { accountOf, positiveDecimal, symbolPost, withBody } from './private-common';

/** Bybit's cap on active orders per account and symbol (`110020`). */
const MAX_ACTIVE_ORDERS = 500;
/** Fee rate the order cost reserves for opening and closing (Bybit's default linear taker rate). */
const TAKER_FEE_RATE = 0.00055;
/** Limit prices more than this fraction through the mark on the aggressive side are refused (`110003`). */
const PRICE_BAND = 0.1;
const ORDER_LINK_ID = /^[A-Za-z0-9_-]{1,36}$/;

/** `value` is a whole number of `step`s (float noise tolerated). */
function onStep(value: number, step: number): boolean {
  const n = value / step;
  return Math.abs(n - Math.round(n)) < 1e-6;
}

/**
 * `POST /v5/order/create` (`bybit-mock.md` §6.4) for limit orders, checked in the spec's order: params `10001`,
 * duplicate `orderLinkId` `110072`, qty floored to `qtyStep` and zero `110017`, min/max qty `10001`, price off
 * the tick `10001`, price range `110003`, notional `110094`, order cost `110007`, active orders `110020`. There
 * is no matching engine yet: a PostOnly order that would take liquidity is cancelled at once (as Bybit does),
 * an IOC/FOK order that would not is cancelled at once, a marketable GTC/IOC/FOK or a Market order is
 * refused with `10001` naming the missing engine. Everything else rests as `New`.
 */
export const createOrderRoute: RouteDef = {
  method: 'POST',
  path: '/v5/order/create',
  access: 'private',
  handler: (raw) => {
    const { ctx, account, symbol } = symbolPost(raw);
    const q = ctx.query;
    const positionIdx = q.optionalString('positionIdx') ?? '0';
    if (positionIdx !== '0')
      throw paramsError(`positionIdx ${positionIdx} is not supported (one-way mode: 0)`);
    const orderLinkId = q.optionalString('orderLinkId') ?? '';
    if (orderLinkId !== '' && !ORDER_LINK_ID.test(orderLinkId))
      throw paramsError(`orderLinkId '${orderLinkId}' must be 1–36 characters of [A-Za-z0-9_-]`);
    const side = q.oneOf('side', ['Buy', 'Sell'] as const);
    const orderType = q.oneOf('orderType', ['Market', 'Limit'] as const);
    if (orderType === 'Market')
      throw paramsError('Market orders are not supported by this mock yet (no matching engine)');
    const timeInForce = q.oneOf('timeInForce', ['GTC', 'IOC', 'FOK', 'PostOnly'] as const, 'GTC');
    const reduceOnly = q.optionalString('reduceOnly') === 'true';
    if (reduceOnly) throw paramsError('reduceOnly orders are not supported by this mock yet');
    const price = positiveDecimal(q, 'price');
    const requestedQty = positiveDecimal(q, 'qty');
    if (orderLinkId !== '' && account.orders.some((o) => isActive(o) && o.orderLinkId === orderLinkId))
      throw new BybitApiReject(RetCode.duplicateOrderLinkId, 'OrderLinkedID is duplicate');

    const inst = ctx.market.instrument(symbol);
    const qtyDecimals = stepDecimals(inst.qtyStep);
    const qty = Number((Math.floor(requestedQty / inst.qtyStep + 1e-9) * inst.qtyStep).toFixed(qtyDecimals));
    if (qty <= 0) throw new BybitApiReject(RetCode.qtyTruncatedToZero, 'orderQty will be truncated to zero');
    if (qty < inst.minOrderQty || qty > inst.maxOrderQty)
      throw paramsError(`qty ${qty} is outside [${inst.minOrderQty}, ${inst.maxOrderQty}] for ${symbol}`);
    if (!onStep(price, inst.tickSize))
      throw paramsError(`price ${price} is not a multiple of tickSize ${inst.tickSize} for ${symbol}`);
    const now = ctx.clock.now();
    const mark = ctx.market.priceStats(symbol, now)?.lastPrice;
    if (mark === undefined) throw paramsError(`${symbol} has no price at the mock's now`);
    const tooAggressive = side === 'Buy' ? price > mark * (1 + PRICE_BAND) : price < mark * (1 - PRICE_BAND);
    if (price < inst.minPrice || price > inst.maxPrice || tooAggressive)
      throw new BybitApiReject(RetCode.priceOutOfRange, 'Order price exceeds the allowable range.');
    const notional = qty * price;
    if (notional < inst.minNotionalValue)
      throw new BybitApiReject(
        RetCode.belowMinNotional,
        `Order does not meet minimum order value ${decimalString(inst.minNotionalValue)}USDT`,
      );
    const leverage =
      account.positions.get(symbol)?.leverage ?? account.leverage.get(symbol) ?? DEFAULT_LEVERAGE;
    const cost = notional / leverage + 2 * notional * TAKER_FEE_RATE;
    if (cost > availableBalance(account))
      throw new BybitApiReject(RetCode.orderCostTooHigh, 'ab not enough for new order');
    if (account.orders.filter((o) => isActive(o) && o.symbol === symbol).length >= MAX_ACTIVE_ORDERS)
      throw new BybitApiReject(
        RetCode.tooManyActiveOrders,
        'Not allowed to have more than 500 active orders.',
      );

    // Marketable = at or through the synthetic book's best opposite level (`bestLevels`, one tick around the last
    // price), the same book `orderbook` and `tickers` show.
    const book = bestLevels(ctx, symbol, mark);
    const halfTick = inst.tickSize / 2;
    const marketable = side === 'Buy' ? price > book.ask - halfTick : price < book.bid + halfTick;
    if (marketable && timeInForce !== 'PostOnly')
      throw paramsError(
        `a marketable ${timeInForce} order is not supported by this mock yet (no matching engine)`,
      );
    const order: MockOrder = {
      orderId: randomUUID(),
      orderLinkId,
      symbol,
      side,
      orderType: 'Limit',
      price,
      qty,
      timeInForce,
      reduceOnly,
      leverage,
      lastPriceOnCreated: mark,
      orderStatus: 'New',
      cancelType: 'UNKNOWN',
      rejectReason: 'EC_NoError',
      createdTime: now,
      updatedTime: now,
    };
    if (marketable) cancel(order, 'EC_PostOnlyWillTakeLiquidity', 'UNKNOWN', now);
    else if (timeInForce === 'IOC' || timeInForce === 'FOK')
      cancel(order, 'EC_NoImmediateQtyToFill', 'UNKNOWN', now);
    account.orders.push(order);
    publishOrders(account, [orderRow(ctx, order)], now);
    return { orderId: order.orderId, orderLinkId: order.orderLinkId };
  },
};

function cancel(order: MockOrder, rejectReason: string, cancelType: string, now: number): void {
  order.orderStatus = 'Cancelled';
  order.rejectReason = rejectReason;
  order.cancelType = cancelType;
  order.updatedTime = now;
}

/** `symbol`, or `settleCoin=USDT` for every symbol; one of them is required (as Bybit requires for linear). */
function scope(ctx: RouteContext): string | undefined {
  const symbol = optionalSymbol(ctx);
  if (symbol !== undefined) return symbol;
  const settleCoin = ctx.query.optionalString('settleCoin');
  if (settleCoin === undefined) throw paramsError('symbol or settleCoin is required');
  if (settleCoin !== 'USDT') throw paramsError(`settleCoin '${settleCoin}' is not supported (USDT only)`);
  return undefined;
}

/** `POST /v5/order/cancel-all` (§6.4): cancels the active orders of the symbol (or all), `{list, success: "1"}`. */
export const cancelAllRoute: RouteDef = {
  method: 'POST',
  path: '/v5/order/cancel-all',
  access: 'private',
  handler: (raw) => {
    const ctx = withBody(raw);
    const account = accountOf(ctx);
    requireLinear(ctx);
    const symbol = scope(ctx);
    const now = ctx.clock.now();
    const cancelled: MockOrder[] = [];
    for (const o of account.orders) {
      if (!isActive(o) || (symbol !== undefined && o.symbol !== symbol)) continue;
      cancel(o, 'EC_PerCancelRequest', 'CancelByUser', now);
      cancelled.push(o);
    }
    publishOrders(
      account,
      cancelled.map((o) => orderRow(ctx, o)),
      now,
    );
    return { list: cancelled.map((o) => ({ orderId: o.orderId, orderLinkId: o.orderLinkId })), success: '1' };
  },
};

function orderRow(ctx: RouteContext, o: MockOrder) {
  const inst = ctx.market.instrument(o.symbol);
  const px = (v: number): string => fixedString(v, inst.priceScale);
  const qty = (v: number): string => fixedString(v, stepDecimals(inst.qtyStep));
  const active = isActive(o);
  return {
    orderId: o.orderId,
    orderLinkId: o.orderLinkId,
    blockTradeId: '',
    symbol: o.symbol,
    price: px(o.price),
    qty: qty(o.qty),
    side: o.side,
    isLeverage: '',
    positionIdx: 0,
    orderStatus: o.orderStatus,
    cancelType: o.cancelType,
    rejectReason: o.rejectReason,
    avgPrice: '0',
    leavesQty: qty(active ? o.qty : 0),
    leavesValue: decimalString(active ? o.qty * o.price : 0),
    cumExecQty: qty(0),
    cumExecValue: '0',
    cumExecFee: '0',
    timeInForce: o.timeInForce,
    orderType: o.orderType,
    stopOrderType: '',
    orderIv: '',
    triggerPrice: px(0),
    takeProfit: px(0),
    stopLoss: px(0),
    tpTriggerBy: '',
    slTriggerBy: '',
    triggerDirection: 0,
    triggerBy: '',
    lastPriceOnCreated: px(o.lastPriceOnCreated),
    reduceOnly: o.reduceOnly,
    closeOnTrigger: false,
    tpslMode: '',
    tpLimitPrice: '',
    slLimitPrice: '',
    createdTime: String(o.createdTime),
    updatedTime: String(o.updatedTime),
  };
}

const WEEK_MS = 7 * 86_400_000;

/**
 * `GET /v5/order/realtime` (§6.4): without `orderId`/`orderLinkId` the active orders of the symbol (or all with
 * `settleCoin=USDT`); with one of them that order in any status if at most 7 days old. Newest first, `limit`
 * 1–50 (20), `cursor`.
 */
export const openOrdersRoute: RouteDef = {
  method: 'GET',
  path: '/v5/order/realtime',
  access: 'private',
  handler: (ctx) => {
    const category = requireLinear(ctx);
    const account = accountOf(ctx);
    const orderId = ctx.query.optionalString('orderId');
    const orderLinkId = ctx.query.optionalString('orderLinkId');
    const symbol = orderId !== undefined || orderLinkId !== undefined ? optionalSymbol(ctx) : scope(ctx);
    const limit = ctx.query.limit(1, 50, 20);
    const offset = ctx.query.cursorOffset();
    const byId = orderId !== undefined || orderLinkId !== undefined;
    const now = ctx.clock.now();
    const matches = account.orders
      .filter(
        (o) =>
          (symbol === undefined || o.symbol === symbol) &&
          (orderId === undefined || o.orderId === orderId) &&
          (orderLinkId === undefined || o.orderLinkId === orderLinkId) &&
          (byId ? now - o.createdTime <= WEEK_MS : isActive(o)),
      )
      .reverse();
    const page = matches.slice(offset, offset + limit);
    return {
      list: page.map((o) => orderRow(ctx, o)),
      nextPageCursor: offset + limit < matches.length ? encodeCursor(offset + limit) : '',
      category,
    };
  },
};
