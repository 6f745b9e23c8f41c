import { BYBIT_INTERVAL, isTfAligned, type Timeframe } from '@trade/core';
import type { StageRow } from '../store/upsert';
import type { MarketDataClient } from './market-data-client';
import { throwIfAborted } from './sleep';

/** Bybit page sizes (`data.md` §5). */
export const KLINE_LIMIT = 1000;
export const FUNDING_LIMIT = 200;
export const OI_LIMIT = 200;

export interface WindowRows {
  readonly rows: StageRow[];
  readonly rejected: StageRow[];
  readonly requests: number;
}

/** Why a bar is refused at write (`data.md` §8.2 step 4); undefined when valid. */
export function candleRejectReason(
  bar: { ts: number; open: number; high: number; low: number; close: number; volume?: number },
  tf: Timeframe,
): string | undefined {
  const values = [bar.ts, bar.open, bar.high, bar.low, bar.close, bar.volume ?? 0];
  if (!values.every(Number.isFinite)) return 'not_finite';
  if (!isTfAligned(bar.ts, tf)) return 'misaligned';
  if (!(bar.low <= Math.min(bar.open, bar.close) && Math.max(bar.open, bar.close) <= bar.high)) return 'ohlc';
  if ((bar.volume ?? 0) < 0) return 'negative_volume';
  return undefined;
}

/**
 * One kline window `[start, end)`: explicit start and inclusive end, newest-first rows reversed to ascending,
 * rows outside the window or not yet closed dropped, invalid bars separated.
 */
export async function fetchKlineWindow(
  client: MarketDataClient,
  job: { symbol: string; tf: Timeframe; interval: string; mark: boolean },
  window: { start: number; end: number; closedEnd: number },
  signal?: AbortSignal,
): Promise<WindowRows> {
  const request = {
    symbol: job.symbol,
    interval: job.interval,
    start: window.start,
    end: window.end - 1,
    limit: KLINE_LIMIT,
  };
  const list = job.mark
    ? await client.markPriceKlines(request, signal)
    : await client.klines(request, signal);
  const source = 'bybit';
  const rows: StageRow[] = [];
  const rejected: StageRow[] = [];
  const sorted = [...list].sort((a, b) => a.ts - b.ts);
  for (const bar of sorted) {
    if (bar.ts < window.start || bar.ts >= window.end || bar.ts >= window.closedEnd) continue;
    const reason = candleRejectReason(bar, job.tf);
    const base = {
      symbol: job.symbol,
      tf: job.tf,
      ts: bar.ts,
      open: bar.open,
      high: bar.high,
      low: bar.low,
      close: bar.close,
    };
    if (reason !== undefined) {
      rejected.push({ ...base, volume: bar.volume ?? null, reason, source });
      continue;
    }
    rows.push(
      job.mark
        ? { ...base, source }
        : { ...base, volume: bar.volume ?? 0, turnover: bar.turnover ?? null, source },
    );
  }
  return { rows, rejected, requests: 1 };
}

/**
 * One funding window. A page holding exactly `limit` rows may be truncated (the funding interval changed),
 * so the window is split in half and both halves fetched instead (`data.md` §6.3 step 2).
 */
export async function fetchFundingWindow(
  client: MarketDataClient,
  job: { symbol: string; intervalMin: number },
  window: { start: number; end: number },
  signal?: AbortSignal,
): Promise<WindowRows> {
  throwIfAborted(signal);
  const list = await client.fundingHistory(
    { symbol: job.symbol, startTime: window.start, endTime: window.end - 1, limit: FUNDING_LIMIT },
    signal,
  );
  if (list.length >= FUNDING_LIMIT && window.end - window.start > 60_000) {
    const mid = window.start + Math.floor((window.end - window.start) / 2 / 60_000) * 60_000;
    const older = await fetchFundingWindow(client, job, { start: window.start, end: mid }, signal);
    const newer = await fetchFundingWindow(client, job, { start: mid, end: window.end }, signal);
    return {
      rows: [...older.rows, ...newer.rows],
      rejected: [...older.rejected, ...newer.rejected],
      requests: 1 + older.requests + newer.requests,
    };
  }
  const rows: StageRow[] = list
    .filter((r) => r.ts >= window.start && r.ts < window.end && Number.isFinite(r.rate))
    .sort((a, b) => a.ts - b.ts)
    .map((r) => ({
      symbol: job.symbol,
      ts: r.ts,
      rate: r.rate,
      interval_min: job.intervalMin,
      source: 'bybit',
    }));
  return { rows, rejected: [], requests: 1 };
}

/** One open-interest window, following `nextPageCursor` until it is empty. */
export async function fetchOpenInterestWindow(
  client: MarketDataClient,
  job: { symbol: string; intervalTime: string },
  window: { start: number; end: number },
  signal?: AbortSignal,
): Promise<WindowRows> {
  const rows: StageRow[] = [];
  let cursor: string | undefined;
  let requests = 0;
  do {
    const page = await client.openInterest(
      {
        symbol: job.symbol,
        intervalTime: job.intervalTime,
        startTime: window.start,
        endTime: window.end - 1,
        limit: OI_LIMIT,
        ...(cursor === undefined ? {} : { cursor }),
      },
      signal,
    );
    requests++;
    for (const r of page.rows) {
      if (r.ts >= window.start && r.ts < window.end && Number.isFinite(r.oi)) {
        rows.push({ symbol: job.symbol, interval: job.intervalTime, ts: r.ts, oi: r.oi, source: 'bybit' });
      }
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  rows.sort((a, b) => (a.ts as number) - (b.ts as number));
  return { rows, rejected: [], requests };
}

/** The identity of one stored series, enough to fetch any window of it. */
export interface SeriesRef {
  readonly dataset: 'candles' | 'mark' | 'funding' | 'oi';
  readonly symbol: string;
  /** TF, OI interval (`1h`…), or `-` for funding. */
  readonly key: string;
  readonly tf?: Timeframe;
  readonly intervalMin?: number;
}

/** Fetches window `[start, end)` of any series; candles/mark drop bars at or after `closedEnd`. */
export function fetchSeriesWindow(
  client: MarketDataClient,
  series: SeriesRef,
  window: { start: number; end: number; closedEnd: number },
  signal?: AbortSignal,
): Promise<WindowRows> {
  switch (series.dataset) {
    case 'candles':
    case 'mark':
      return fetchKlineWindow(
        client,
        {
          symbol: series.symbol,
          tf: series.tf!,
          interval: BYBIT_INTERVAL[series.tf!],
          mark: series.dataset === 'mark',
        },
        window,
        signal,
      );
    case 'funding':
      return fetchFundingWindow(
        client,
        { symbol: series.symbol, intervalMin: series.intervalMin ?? 480 },
        window,
        signal,
      );
    case 'oi':
      return fetchOpenInterestWindow(
        client,
        { symbol: series.symbol, intervalTime: series.key },
        window,
        signal,
      );
  }
}
