import { BYBIT_INTERVAL, TIMEFRAMES, timeframeFromBybitInterval } from '@trade/core';
import { decimalString } from '../market/format';
import { type BarValues, selectKlineWindow } from '../market/kline-series';
import type { PriceKind } from '../market/market-store';
import type { RouteContext, RouteDef } from '../server/router';
import { requireLinear, requireSymbol, timeWindow } from './common';

const INTERVALS = TIMEFRAMES.map((tf) => BYBIT_INTERVAL[tf]);
/** Bybit's kline page limit. */
export const KLINE_MAX_LIMIT = 1000;

/**
 * Bybit's kline window (`bybit-mock.md` §6.1): rows with `start ∈ [start, end]` (`end` defaults to now),
 * the newest `limit` of them, newest first, every number a string; the forming bar first when in range.
 */
function klines(ctx: RouteContext, kind: PriceKind): unknown {
  const category = requireLinear(ctx, true);
  const symbol = requireSymbol(ctx);
  const interval = ctx.query.oneOf('interval', INTERVALS);
  const { start, end } = timeWindow(ctx, 'start', 'end');
  const limit = ctx.query.limit(1, KLINE_MAX_LIMIT, 200);
  const tf = timeframeFromBybitInterval(interval);
  const now = ctx.clock.now();
  const series = ctx.market.served(symbol, tf, kind);
  const win = selectKlineWindow(series, tf, { start, end: end ?? now, limit, now }, (t, n) =>
    ctx.market.forming(symbol, kind, t, n),
  );
  const c = series.candles;
  const list: string[][] = [];
  const withVolume = kind === 'last';
  const row = (b: BarValues) =>
    withVolume
      ? [
          String(b.start),
          decimalString(b.open),
          decimalString(b.high),
          decimalString(b.low),
          decimalString(b.close),
          decimalString(b.volume),
          decimalString(b.turnover, 4),
        ]
      : [
          String(b.start),
          decimalString(b.open),
          decimalString(b.high),
          decimalString(b.low),
          decimalString(b.close),
        ];
  if (win.forming !== undefined) list.push(row(win.forming));
  for (let i = win.to - 1; i >= win.from; i--) {
    const start = c.ts[i]!;
    const o = decimalString(c.open[i]!);
    const h = decimalString(c.high[i]!);
    const l = decimalString(c.low[i]!);
    const cl = decimalString(c.close[i]!);
    list.push(
      withVolume
        ? [String(start), o, h, l, cl, decimalString(c.volume[i]!), decimalString(series.turnover[i]!, 4)]
        : [String(start), o, h, l, cl],
    );
  }
  return { symbol, category, list };
}

export const klineRoute: RouteDef = {
  method: 'GET',
  path: '/v5/market/kline',
  access: 'public',
  handler: (ctx) => klines(ctx, 'last'),
};

/** Mark-price klines: stored `<SYM>_mark_<tf>.csv` when present, else last price (basis 0). */
export const markPriceKlineRoute: RouteDef = {
  method: 'GET',
  path: '/v5/market/mark-price-kline',
  access: 'public',
  handler: (ctx) => klines(ctx, 'mark'),
};
