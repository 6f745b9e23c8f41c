import { decimalString, fixedString } from '../market/format';
import type { RouteContext, RouteDef } from '../server/router';
import { requireLinear, requireSymbol } from './common';
import { bestLevels } from './market-tickers';

/** One side of a book: `[price, size]` strings, best first. */
export type BookSide = [string, string][];

/**
 * The synthetic book at `now`, `limit` levels a side (none before the symbol's data): the REST `orderbook` answer
 * and the WebSocket `orderbook.{depth}.{SYM}` snapshot and deltas.
 */
export function bookLevels(
  ctx: Pick<RouteContext, 'market'>,
  symbol: string,
  now: number,
  limit: number,
): { b: BookSide; a: BookSide } {
  const inst = ctx.market.instrument(symbol);
  const last = ctx.market.priceStats(symbol, now)?.lastPrice;
  const b: BookSide = [];
  const a: BookSide = [];
  if (last !== undefined) {
    const best = bestLevels(ctx, symbol, last);
    for (let i = 0; i < limit; i++) {
      const size = decimalString(inst.minOrderQty * (50 + 25 * i));
      const bid = best.bid - i * inst.tickSize;
      if (bid > 0) b.push([fixedString(bid, inst.priceScale), size]);
      a.push([fixedString(best.ask + i * inst.tickSize, inst.priceScale), size]);
    }
  }
  return { b, a };
}

/**
 * `GET /v5/market/orderbook` (`bybit-mock.md` §6.1). The mock stores no order book: it synthesises one around
 * the last price, `limit` levels a side one tick apart (best bid = last price floored to the tick, best ask one
 * tick above), sizes growing with depth in multiples of `minOrderQty`. Deterministic for a given now.
 */
export const orderbookRoute: RouteDef = {
  method: 'GET',
  path: '/v5/market/orderbook',
  access: 'public',
  handler: (ctx) => {
    requireLinear(ctx);
    const symbol = requireSymbol(ctx);
    const limit = ctx.query.limit(1, 500, 25);
    const now = ctx.clock.now();
    const { b, a } = bookLevels(ctx, symbol, now, limit);
    const update = Math.floor(now / 100);
    return { s: symbol, a, b, ts: now, u: update, seq: update, cts: now };
  },
};
