import { decimalString, fixedString } from '../market/format';
import { lowerBound } from '../market/search';
import type { RouteContext, RouteDef } from '../server/router';
import { optionalSymbol, requireLinear } from './common';

/** What the market row builders read: the REST handlers pass their context, the WebSocket feeds the server's. */
export type MarketView = Pick<RouteContext, 'market' | 'clock'>;

/** One tick either side of the last price: the synthetic book's best levels (`market-orderbook.ts`). */
export function bestLevels(
  ctx: Pick<RouteContext, 'market'>,
  symbol: string,
  last: number,
): { bid: number; ask: number } {
  const tick = ctx.market.instrument(symbol).tickSize;
  const bid = Math.floor(last / tick + 1e-9) * tick;
  return { bid, ask: bid + tick };
}

/** The newest open-interest value at or before now (0 before the walk starts). */
function openInterestAt(ctx: MarketView, symbol: string, now: number): number {
  const grid = ctx.market.openInterest(symbol);
  if (grid.values.length === 0 || now < grid.startTs) return 0;
  const i = Math.min(grid.values.length - 1, Math.floor((now - grid.startTs) / 300_000));
  return grid.values[i]!;
}

/**
 * One `tickers` row at the mock's now: the REST list item and the WebSocket `tickers.{SYM}` snapshot (whose
 * deltas are the fields that changed between two rows), so both surfaces print the same numbers.
 */
export function tickerRow(ctx: MarketView, symbol: string): TickerRow {
  const now = ctx.clock.now();
  const stats = ctx.market.priceStats(symbol, now);
  const inst = ctx.market.instrument(symbol);
  const px = (v: number): string => fixedString(v, inst.priceScale);
  const funding = ctx.market.funding(symbol);
  const settled = lowerBound(funding.ts, Math.floor(now) + 1) - 1;
  const interval = inst.fundingIntervalMin * 60_000;
  const last = stats?.lastPrice ?? 0;
  const book = bestLevels(ctx, symbol, last);
  const oi = openInterestAt(ctx, symbol, now);
  // Mark and index equal the last price: the mock has no basis (`bybit-mock.md` §2.4).
  return {
    symbol,
    lastPrice: px(last),
    indexPrice: px(last),
    markPrice: px(last),
    prevPrice24h: px(stats?.prevPrice24h ?? 0),
    price24hPcnt:
      stats === undefined || stats.prevPrice24h === 0 ? '0' : fixedString(last / stats.prevPrice24h - 1, 6),
    highPrice24h: px(stats?.highPrice24h ?? 0),
    lowPrice24h: px(stats?.lowPrice24h ?? 0),
    prevPrice1h: px(stats?.prevPrice1h ?? 0),
    openInterest: decimalString(oi),
    openInterestValue: decimalString(oi * last, 2),
    turnover24h: decimalString(stats?.turnover24h ?? 0, 4),
    volume24h: decimalString(stats?.volume24h ?? 0, 4),
    fundingRate: settled >= 0 ? funding.rate[settled]! : '0.0001',
    nextFundingTime: String(Math.floor(now / interval) * interval + interval),
    predictedDeliveryPrice: '',
    basisRate: '',
    deliveryFeeRate: '',
    deliveryTime: '0',
    ask1Size: decimalString(inst.minOrderQty * 50),
    bid1Price: px(book.bid),
    ask1Price: px(book.ask),
    bid1Size: decimalString(inst.minOrderQty * 50),
  };
}

export type TickerRow = Readonly<Record<string, string>> & { readonly symbol: string };

/**
 * `GET /v5/market/tickers` (`bybit-mock.md` §6.1): one row per served symbol (or the one asked for), priced from
 * the stored candles at the mock's now; best bid/ask are the synthetic book's first levels.
 */
export const tickersRoute: RouteDef = {
  method: 'GET',
  path: '/v5/market/tickers',
  access: 'public',
  handler: (ctx) => {
    const category = requireLinear(ctx);
    const symbol = optionalSymbol(ctx);
    const symbols = symbol === undefined ? ctx.market.symbols : [symbol];
    return { category, list: symbols.map((s) => tickerRow(ctx, s)) };
  },
};
