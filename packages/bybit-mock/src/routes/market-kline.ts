import { BYBIT_INTERVAL, TIMEFRAMES, timeframeFromBybitInterval } from '@trade/core';
import { inMissingRange } from '../faults/fault-engine';
import type { KlineSeries } from '../market/csv-loaders';
import { decimalString } from '../market/format';
import { type BarValues, selectKlineWindow } from '../market/kline-series';
import type { PriceKind } from '../market/market-store';
import { RawJson } from '../server/envelope';
import type { RouteContext, RouteDef } from '../server/router';
import { requireLinear, requireSymbol, timeWindow } from './common';

const INTERVALS = TIMEFRAMES.map((tf) => BYBIT_INTERVAL[tf]);
/** Bybit's kline page limit. */
export const KLINE_MAX_LIMIT = 1000;

/**
 * `[start, open, high, low, close(, volume, turnover)]` as Bybit prints them: the one formatting of a bar, used by
 * the REST rows and the WebSocket `kline` items (which must equal them).
 */
export function klineCells(kind: PriceKind, b: BarValues): string[] {
  const cells = [
    String(b.start),
    decimalString(b.open),
    decimalString(b.high),
    decimalString(b.low),
    decimalString(b.close),
  ];
  if (kind === 'last') cells.push(decimalString(b.volume), decimalString(b.turnover, 4));
  return cells;
}

function rowJson(kind: PriceKind, b: BarValues): string {
  return JSON.stringify(klineCells(kind, b));
}

/** Bar `i` of a served series as values. */
export function seriesBar(series: KlineSeries, i: number): BarValues {
  const c = series.candles;
  return {
    start: c.ts[i]!,
    open: c.open[i]!,
    high: c.high[i]!,
    low: c.low[i]!,
    close: c.close[i]!,
    volume: c.volume[i]!,
    turnover: series.turnover[i]!,
  };
}

/**
 * Closed bars never change, so each row is formatted once per served series and kind, and reused by every
 * page (sync walks the same rows again and again). Keyed by kind too: without a mark file the mark and
 * last series are the same object.
 */
const rowCache: Record<PriceKind, WeakMap<KlineSeries, (string | undefined)[]>> = {
  last: new WeakMap(),
  mark: new WeakMap(),
};

function closedRowJson(series: KlineSeries, kind: PriceKind, i: number): string {
  let rows = rowCache[kind].get(series);
  if (rows === undefined) {
    rows = new Array<string | undefined>(series.candles.length);
    rowCache[kind].set(series, rows);
  }
  let text = rows[i];
  if (text === undefined) {
    text = rowJson(kind, seriesBar(series, i));
    rows[i] = text;
  }
  return text;
}

/**
 * Bybit's kline window (`bybit-mock.md` §6.1): rows with `start ∈ [start, end]` (`end` defaults to now),
 * the newest `limit` of them, newest first, every number a string; the forming bar first when in range. Bars a
 * `missingBars` fault removes are not rows (the forming one included).
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
  const forming = (t: typeof tf, n: number) => ctx.market.forming(symbol, kind, t, n);
  // `missingBars` (last-price klines only): those bars do not exist, so the page holds the newest `limit` bars
  // that do; the window is taken unlimited and walked newest first until the page is full.
  const missing = kind === 'last' ? ctx.faults.missingRanges(symbol, interval) : [];
  if (missing.length > 0) {
    const win = selectKlineWindow(series, tf, { start, end: end ?? now, limit: Infinity, now }, forming);
    const rows: string[] = [];
    if (win.forming !== undefined && !inMissingRange(missing, win.forming.start))
      rows.push(rowJson(kind, win.forming));
    for (let i = win.to - 1; i >= win.from && rows.length < limit; i--)
      if (!inMissingRange(missing, series.candles.ts[i]!)) rows.push(closedRowJson(series, kind, i));
    return { symbol, category, list: new RawJson(`[${rows.join(',')}]`) };
  }
  const win = selectKlineWindow(series, tf, { start, end: end ?? now, limit, now }, forming);
  const rows: string[] = [];
  if (win.forming !== undefined) rows.push(rowJson(kind, win.forming));
  for (let i = win.to - 1; i >= win.from; i--) rows.push(closedRowJson(series, kind, i));
  return { symbol, category, list: new RawJson(`[${rows.join(',')}]`) };
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
