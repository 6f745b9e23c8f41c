import { lowerBound } from '../market/search';
import { paramsError } from '../server/envelope';
import type { RouteDef } from '../server/router';
import { requireLinear, requireSymbol, timeWindow } from './common';

/**
 * `GET /v5/market/funding/history`: settlements with `ts ∈ [startTime, endTime]` (end defaults to now,
 * never past now), the newest `limit` (≤ 200), newest first. `startTime` alone is refused, as Bybit does.
 */
export const fundingHistoryRoute: RouteDef = {
  method: 'GET',
  path: '/v5/market/funding/history',
  access: 'public',
  handler: (ctx) => {
    const category = requireLinear(ctx);
    const symbol = requireSymbol(ctx);
    const { start, end } = timeWindow(ctx, 'startTime', 'endTime');
    if (start !== undefined && end === undefined) {
      throw paramsError('startTime alone is not supported; pass endTime too (or endTime alone)');
    }
    const limit = ctx.query.limit(1, 200, 200);
    const f = ctx.market.funding(symbol);
    const upper = Math.min(end ?? Number.POSITIVE_INFINITY, ctx.clock.now());
    const hi = lowerBound(f.ts, Math.floor(upper) + 1);
    const lo = Math.max(start === undefined ? 0 : lowerBound(f.ts, start), hi - limit);
    const list: { symbol: string; fundingRate: string; fundingRateTimestamp: string }[] = [];
    for (let i = hi - 1; i >= lo; i--) {
      list.push({ symbol, fundingRate: f.rate[i]!, fundingRateTimestamp: String(f.ts[i]!) });
    }
    return { category, list };
  },
};
