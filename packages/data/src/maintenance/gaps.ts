import { type Timeframe, tfDurationMs } from '@trade/core';
import type { MarketStore } from '../store/market-store';
import { oiStepMs, type SeriesDataset } from '../sync/datasets';
import { seriesTimestamps } from '../sync/series';

/** A run of missing points: `start` = first missing ts, `end` = last missing ts (both inclusive). */
export interface Gap {
  readonly start: number;
  readonly end: number;
  readonly missing: number;
}

export interface GapScan {
  readonly gaps: Gap[];
  /** Timestamps off the step grid (import prevents them; reported, never "healed"). */
  readonly misaligned: number;
}

/**
 * Gaps in an ascending series (`data.md` §7): consecutive `ts` with `Δ > step` form `[prev + step, next − step]`
 * with `missing = Δ/step − 1`; when a range `[start, end)` is given its edges count too.
 */
export function detectGaps(
  ts: Float64Array,
  stepMs: number,
  range: { start?: number; end?: number } = {},
): GapScan {
  const gaps: Gap[] = [];
  let misaligned = 0;
  const push = (start: number, end: number) => {
    if (end >= start) gaps.push({ start, end, missing: Math.round((end - start) / stepMs) + 1 });
  };
  if (ts.length === 0) {
    if (range.start !== undefined && range.end !== undefined) {
      const first = Math.ceil(range.start / stepMs) * stepMs;
      push(first, Math.ceil(range.end / stepMs) * stepMs - stepMs);
    }
    return { gaps, misaligned };
  }
  if (range.start !== undefined) push(Math.ceil(range.start / stepMs) * stepMs, ts[0]! - stepMs);
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    if (t % stepMs !== 0) misaligned++;
    if (i > 0) {
      const prev = ts[i - 1]!;
      if (t - prev > stepMs) push(prev + stepMs, t - stepMs);
    }
  }
  if (range.end !== undefined)
    push(ts[ts.length - 1]! + stepMs, Math.ceil(range.end / stepMs) * stepMs - stepMs);
  return { gaps, misaligned };
}

/** Step of a stored series: TF, OI interval, or the instrument's funding interval. */
export async function seriesStepMs(
  store: MarketStore,
  dataset: SeriesDataset,
  symbol: string,
  key: string,
): Promise<number> {
  if (dataset === 'candles' || dataset === 'mark') return tfDurationMs(key as Timeframe);
  if (dataset === 'oi') return oiStepMs(key);
  const rows = await store.query(
    'SELECT coalesce((SELECT funding_interval_min FROM instruments WHERE symbol = $s), (SELECT max(interval_min) FROM funding WHERE symbol = $s), 480)::INTEGER AS m',
    { s: symbol },
  );
  return Number(rows[0]!.m) * 60_000;
}

/** Detects the gaps of one stored series over its coverage or over `[start, end)`. */
export async function findGaps(
  store: MarketStore,
  series: { dataset: SeriesDataset; symbol: string; key: string; start?: number; end?: number },
): Promise<GapScan & { stepMs: number }> {
  const symbol = series.symbol.toUpperCase();
  const stepMs = await seriesStepMs(store, series.dataset, symbol, series.key);
  const range = {
    ...(series.start === undefined ? {} : { start: series.start }),
    ...(series.end === undefined ? {} : { end: series.end - 1 }),
  };
  const ts = await seriesTimestamps(store, series.dataset, symbol, series.key, range);
  return {
    ...detectGaps(ts, stepMs, {
      ...(series.start === undefined ? {} : { start: series.start }),
      ...(series.end === undefined ? {} : { end: series.end }),
    }),
    stepMs,
  };
}
