import {
  allocateCandles,
  floorToTf,
  lowerBoundTs,
  MINUTE_MS,
  TF_MINUTES,
  type Timeframe,
  tfCloseTime,
  tfDurationMs,
} from '@trade/core';
import type { KlineSeries } from './csv-loaders';
import { roundTo } from './format';

/** One bar as numbers, for the forming bar that exists in no series. */
export interface BarValues {
  readonly start: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly turnover: number;
}

const isCalendarTf = (tf: Timeframe) => tf === 'W' || tf === 'M';

/** True when bars of `src` tile every bar of `tf` exactly (W and M tile with any divisor of a day). */
export function tilesInto(src: Timeframe, tf: Timeframe): boolean {
  if (src === tf) return true;
  if (isCalendarTf(src)) return false;
  if (isCalendarTf(tf)) return 1440 % TF_MINUTES[src] === 0;
  return TF_MINUTES[src] < TF_MINUTES[tf] && TF_MINUTES[tf] % TF_MINUTES[src] === 0;
}

/**
 * Aggregates `src` bars into `tf` bars (`bybit-mock.md` §2.2): first open, max high, min low, last close,
 * Σ volume, Σ turnover — emitting only buckets whose every `src` bar is present. Core's `rollup` is the
 * 1m-only variant without turnover that keeps buckets with interior gaps; the mock needs any source step,
 * turnover and strict coverage (a bar Bybit never had must not appear), hence this function.
 */
export function aggregateFullBuckets(src: KlineSeries, srcTf: Timeframe, tf: Timeframe): KlineSeries {
  if (srcTf === tf) return src;
  const { ts, open, high, low, close, volume } = src.candles;
  const n = src.candles.length;
  const stepMs = tfDurationMs(srcTf);
  const out = allocateCandles(Math.ceil(n / 2) + 1);
  const outTurnover = new Float64Array(out.length);
  let m = 0;
  let i = 0;
  while (i < n) {
    const bucket = floorToTf(ts[i]!, tf);
    const bucketEnd = tfCloseTime(bucket, tf);
    const first = i;
    let h = high[i]!;
    let l = low[i]!;
    let v = 0;
    let t = 0;
    while (i < n && ts[i]! < bucketEnd) {
      if (high[i]! > h) h = high[i]!;
      if (low[i]! < l) l = low[i]!;
      v += volume[i]!;
      t += src.turnover[i]!;
      i++;
    }
    if (ts[first] === bucket && (i - first) * stepMs === bucketEnd - bucket) {
      out.ts[m] = bucket;
      out.open[m] = open[first]!;
      out.high[m] = h;
      out.low[m] = l;
      out.close[m] = close[i - 1]!;
      out.volume[m] = v;
      outTurnover[m] = roundTo(t, 4);
      m++;
    }
  }
  return {
    candles: {
      ts: out.ts.slice(0, m),
      open: out.open.slice(0, m),
      high: out.high.slice(0, m),
      low: out.low.slice(0, m),
      close: out.close.slice(0, m),
      volume: out.volume.slice(0, m),
      length: m,
    },
    turnover: outTurnover.slice(0, m),
  };
}

/** Union of series by bar start; where several have a bar, the earlier series in `parts` wins. */
export function mergeByPriority(parts: readonly KlineSeries[]): KlineSeries {
  const nonEmpty = parts.filter((p) => p.candles.length > 0);
  if (nonEmpty.length === 0) return { candles: allocateCandles(0), turnover: new Float64Array(0) };
  if (nonEmpty.length === 1) return nonEmpty[0]!;
  const refs: { ts: number; part: number; i: number }[] = [];
  nonEmpty.forEach((p, part) => {
    for (let i = 0; i < p.candles.length; i++) refs.push({ ts: p.candles.ts[i]!, part, i });
  });
  refs.sort((a, b) => a.ts - b.ts || a.part - b.part);
  const out = allocateCandles(refs.length);
  const turnover = new Float64Array(refs.length);
  let m = 0;
  for (const r of refs) {
    if (m > 0 && out.ts[m - 1] === r.ts) continue;
    const c = nonEmpty[r.part]!.candles;
    out.ts[m] = r.ts;
    out.open[m] = c.open[r.i]!;
    out.high[m] = c.high[r.i]!;
    out.low[m] = c.low[r.i]!;
    out.close[m] = c.close[r.i]!;
    out.volume[m] = c.volume[r.i]!;
    turnover[m] = nonEmpty[r.part]!.turnover[r.i]!;
    m++;
  }
  return {
    candles: {
      ts: out.ts.slice(0, m),
      open: out.open.slice(0, m),
      high: out.high.slice(0, m),
      low: out.low.slice(0, m),
      close: out.close.slice(0, m),
      volume: out.volume.slice(0, m),
      length: m,
    },
    turnover: turnover.slice(0, m),
  };
}

/**
 * The series served for interval `tf`: finest native series first (1m, then 5m, …), each aggregated with
 * full coverage, and coarser natives fill only the buckets the finer ones cannot.
 */
export function buildServedSeries(natives: ReadonlyMap<Timeframe, KlineSeries>, tf: Timeframe): KlineSeries {
  const sources = [...natives.keys()]
    .filter((src) => tilesInto(src, tf))
    .sort((a, b) => TF_MINUTES[a] - TF_MINUTES[b]);
  return mergeByPriority(sources.map((src) => aggregateFullBuckets(natives.get(src)!, src, tf)));
}

/**
 * The current 1m bar at `fraction` of its minute, on the path O → X₁ → X₂ → C at 0, ⅓, ⅔, 1 where X₁ is
 * the extreme nearer to O (ties: low first) — the simulator's flat-position path (`bybit-mock.md` §2.3).
 */
export function partialMinute(
  o: number,
  h: number,
  l: number,
  c: number,
  fraction: number,
): { high: number; low: number; close: number } {
  const lowFirst = o - l <= h - o;
  const way = [o, lowFirst ? l : h, lowFirst ? h : l, c] as const;
  const scaled = Math.min(Math.max(fraction, 0), 1) * 3;
  const seg = Math.min(2, Math.floor(scaled));
  const last = way[seg]! + (way[seg + 1]! - way[seg]!) * (scaled - seg);
  let high = Math.max(o, last);
  let low = Math.min(o, last);
  for (let k = 1; k <= seg; k++) {
    high = Math.max(high, way[k]!);
    low = Math.min(low, way[k]!);
  }
  return { high, low, close: last };
}

/**
 * The bar of `tf` that contains `now`: its closed 1m bars plus the current minute's partial bar. Undefined
 * when 1m data does not cover every minute from the bar's start to `now`.
 */
export function formingBar(m1: KlineSeries, tf: Timeframe, now: number): BarValues | undefined {
  const start = floorToTf(now, tf);
  const minute = floorToTf(now, '1m');
  const c = m1.candles;
  const i0 = lowerBoundTs(c, start);
  const cur = lowerBoundTs(c, minute);
  if (cur >= c.length || c.ts[cur] !== minute || cur - i0 !== (minute - start) / MINUTE_MS) return undefined;
  const fraction = (now - minute) / MINUTE_MS;
  const part = partialMinute(c.open[cur]!, c.high[cur]!, c.low[cur]!, c.close[cur]!, fraction);
  let high = part.high;
  let low = part.low;
  let volume = c.volume[cur]! * fraction;
  let turnover = m1.turnover[cur]! * fraction;
  for (let i = i0; i < cur; i++) {
    if (c.high[i]! > high) high = c.high[i]!;
    if (c.low[i]! < low) low = c.low[i]!;
    volume += c.volume[i]!;
    turnover += m1.turnover[i]!;
  }
  return { start, open: c.open[i0]!, high, low, close: part.close, volume, turnover: roundTo(turnover, 4) };
}

export interface KlineWindow {
  /** Closed bars to serve: indices `[from, to)` of the series, served newest first. */
  readonly from: number;
  readonly to: number;
  /** The forming bar, served first (newest) when present. */
  readonly forming: BarValues | undefined;
}

/**
 * Bybit's kline window: bars with `start ∈ [start, end]`, at most `limit`, the newest ones; nothing that
 * opens after `now`; the bar containing `now` only as the forming bar.
 */
export function selectKlineWindow(
  series: KlineSeries,
  tf: Timeframe,
  query: { start: number | undefined; end: number; limit: number; now: number },
  forming: (tf: Timeframe, now: number) => BarValues | undefined,
): KlineWindow {
  const c = series.candles;
  const currentStart = floorToTf(query.now, tf);
  const lo = query.start === undefined ? 0 : lowerBoundTs(c, query.start);
  const hi = Math.min(lowerBoundTs(c, currentStart), lowerBoundTs(c, Math.floor(query.end) + 1));
  const formingInRange =
    currentStart <= query.end && (query.start === undefined || currentStart >= query.start);
  const bar = formingInRange ? forming(tf, query.now) : undefined;
  const room = query.limit - (bar === undefined ? 0 : 1);
  const from = Math.max(lo, hi - room);
  return { from: Math.min(from, hi), to: hi, forming: bar };
}
