import { OI_GRID_MS } from '../market/open-interest';
import { encodeCursor } from '../server/params';
import type { RouteDef } from '../server/router';
import { requireLinear, requireSymbol, timeWindow } from './common';

const INTERVAL_MS = {
  '5min': 5 * 60_000,
  '15min': 15 * 60_000,
  '30min': 30 * 60_000,
  '1h': 3_600_000,
  '4h': 4 * 3_600_000,
  '1d': 86_400_000,
} as const;
type OiInterval = keyof typeof INTERVAL_MS;
const OI_INTERVALS = Object.keys(INTERVAL_MS) as OiInterval[];

/**
 * `GET /v5/market/open-interest`: the seeded 5-minute walk sampled at `intervalTime` boundaries within
 * `[startTime, endTime]` and the symbol's data range, never after now; newest first, `limit` (≤ 200,
 * default 50) per page, `nextPageCursor` to the next (older) page, `""` on the last one.
 */
export const openInterestRoute: RouteDef = {
  method: 'GET',
  path: '/v5/market/open-interest',
  access: 'public',
  handler: (ctx) => {
    const category = requireLinear(ctx);
    const symbol = requireSymbol(ctx);
    const intervalTime = ctx.query.oneOf('intervalTime', OI_INTERVALS);
    const { start, end } = timeWindow(ctx, 'startTime', 'endTime');
    const limit = ctx.query.limit(1, 200, 50);
    const offset = ctx.query.cursorOffset();
    const step = INTERVAL_MS[intervalTime];
    const grid = ctx.market.openInterest(symbol);
    const gridLast = grid.startTs + (grid.values.length - 1) * OI_GRID_MS;
    const lo = Math.max(start ?? Number.NEGATIVE_INFINITY, grid.startTs);
    const hi = Math.min(end ?? Number.POSITIVE_INFINITY, ctx.clock.now(), gridLast);
    const first = Math.ceil(lo / step) * step;
    const last = Math.floor(hi / step) * step;
    const total = grid.values.length === 0 || last < first ? 0 : (last - first) / step + 1;
    const list: { openInterest: string; timestamp: string }[] = [];
    for (let j = offset; j < Math.min(total, offset + limit); j++) {
      const t = last - j * step;
      const value = grid.values[(t - grid.startTs) / OI_GRID_MS]!;
      list.push({ openInterest: value.toFixed(8), timestamp: String(t) });
    }
    const nextPageCursor = offset + limit < total ? encodeCursor(offset + limit) : '';
    return { symbol, category, list, nextPageCursor };
  },
};
