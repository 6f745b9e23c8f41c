import type { Timeframe } from '@trade/core';
import { floorToTf, tfDurationMs } from '@trade/core';
import type { MarketStore } from '../store/market-store';
import { loadCoverage } from '../store/readers';
import { upsertRows } from '../store/upsert';
import type { SeriesDataset } from '../sync/datasets';
import type { MarketDataClient } from '../sync/market-data-client';
import { edgeWindows } from '../sync/plan';
import { seriesCoverageIn } from '../sync/series';
import { throwIfAborted } from '../sync/sleep';
import { insertRejected } from '../sync/snapshots';
import { writeSyncState } from '../sync/sync-state';
import { fetchSeriesWindow, KLINE_LIMIT } from '../sync/window-fetch';
import { aggregateCandlesSql } from './derive';
import { findGaps, type Gap } from './gaps';

export interface HealOptions {
  readonly symbol?: string;
  readonly datasets?: readonly SeriesDataset[];
  /** Candles/mark TF filter. */
  readonly tf?: string;
  /** Compare every stored higher candle TF with the 1m aggregate and refetch both on mismatch (§7 step 4). */
  readonly consistency?: boolean;
  /** Also retry gaps recorded as `exchange_missing`. */
  readonly recheck?: boolean;
  /** Detect and record only; fetch nothing. */
  readonly dryRun?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: {
    dataset: string;
    symbol: string;
    key: string;
    gapsDone: number;
    gapsFound: number;
  }) => void;
}

export interface HealSeriesReport {
  readonly dataset: string;
  readonly symbol: string;
  readonly key: string;
  readonly gaps_found: number;
  readonly gaps_filled: number;
  readonly bars_filled: number;
  readonly exchange_missing: number;
  readonly rejected_rows: number;
  readonly refetched: number;
  readonly consistency_mismatches: number;
}

export interface HealReport {
  readonly db_path: string;
  readonly data_env: string;
  readonly checked_at: number;
  readonly filter: { symbol: string | null; datasets: readonly string[] | null; tf: string | null };
  readonly datasets: readonly HealSeriesReport[];
  /** Gaps still open (or exchange-missing) after healing. */
  readonly open_issues: number;
  readonly duration_ms: number;
}

async function recordGaps(
  store: MarketStore,
  dataset: string,
  symbol: string,
  key: string,
  gaps: readonly Gap[],
): Promise<void> {
  if (gaps.length === 0) return;
  await store.transaction(async (c) => {
    const now = BigInt(Date.now());
    for (const g of gaps) {
      await c.run(
        `INSERT INTO gaps VALUES ($d, $s, $k, $gs, $ge, $m, 'open', $now, $now)
         ON CONFLICT (dataset, symbol, key, gap_start) DO UPDATE SET gap_end = excluded.gap_end,
           missing = excluded.missing, checked_at = excluded.checked_at,
           status = CASE WHEN gaps.status = 'healed' THEN 'open' ELSE gaps.status END`,
        { d: dataset, s: symbol, k: key, gs: BigInt(g.start), ge: BigInt(g.end), m: g.missing, now },
      );
    }
  });
}

/** Moves stored bars that break the OHLC invariant to `candles_rejected`; returns their timestamps. */
async function rejectInvalidBars(
  store: MarketStore,
  dataset: 'candles' | 'mark',
  symbol: string,
  key: string,
): Promise<number[]> {
  const table = dataset === 'candles' ? 'candles' : 'mark_candles';
  const bad = await store.query(
    `SELECT ts::DOUBLE AS ts, open, high, low, close, ${dataset === 'candles' ? 'volume' : 'NULL AS volume'}, source FROM ${table}
     WHERE symbol = $s AND tf = $k AND NOT (low <= least(open, close) AND greatest(open, close) <= high
       AND isfinite(open) AND isfinite(high) AND isfinite(low) AND isfinite(close))`,
    { s: symbol, k: key },
  );
  if (bad.length === 0) return [];
  await store.transaction(async (c) => {
    await insertRejected(
      c,
      bad.map((r) => ({
        symbol,
        tf: key,
        ts: Number(r.ts),
        open: r.open as number,
        high: r.high as number,
        low: r.low as number,
        close: r.close as number,
        volume: (r.volume as number | null) ?? null,
        reason: 'ohlc',
        source: String(r.source),
      })),
      (tf) => (dataset === 'mark' ? `mark:${tf}` : tf),
    );
    await c.run(
      `DELETE FROM ${table} WHERE symbol = $s AND tf = $k AND ts IN (${bad.map((r) => Math.round(Number(r.ts))).join(', ')})`,
      { s: symbol, k: key },
    );
  });
  return bad.map((r) => Number(r.ts));
}

/** Stored `tf` bars (real, not derived) that differ from the aggregate of their complete 1m buckets. */
async function inconsistentBars(store: MarketStore, symbol: string, tf: Timeframe): Promise<number[]> {
  const rows = await store.query(
    `SELECT a.ts::DOUBLE AS ts FROM (${aggregateCandlesSql({ symbol, from: '1m', to: tf })}) a
     JOIN candles s ON s.symbol = a.symbol AND s.tf = a.tf AND s.ts = a.ts
     WHERE s.source NOT LIKE 'derived:%' AND (
       abs(a.open - s.open) > 1e-9 * abs(s.open) OR abs(a.high - s.high) > 1e-9 * abs(s.high)
       OR abs(a.low - s.low) > 1e-9 * abs(s.low) OR abs(a.close - s.close) > 1e-9 * abs(s.close)
       OR abs(a.volume - s.volume) > 1e-6 * greatest(abs(s.volume), 1e-12))
     ORDER BY a.ts`,
  );
  return rows.map((r) => Number(r.ts));
}

/**
 * Consistency check of one higher-TF candle series: mismatching bars are refetched together with their 1m
 * bars; the count of bars that still differ afterwards is returned with how many were refetched.
 */
async function checkConsistency(
  store: MarketStore,
  client: MarketDataClient,
  symbol: string,
  tf: Timeframe,
  closedEnd: (tf: Timeframe) => number,
  signal: AbortSignal | undefined,
): Promise<{ mismatches: number; refetched: number }> {
  const bad = await inconsistentBars(store, symbol, tf);
  const stepMs = tfDurationMs(tf);
  for (const ts of bad) {
    for (const series of [
      { dataset: 'candles' as const, symbol, key: tf, tf },
      { dataset: 'candles' as const, symbol, key: '1m', tf: '1m' as Timeframe },
    ]) {
      throwIfAborted(signal);
      const fetched = await fetchSeriesWindow(
        client,
        series,
        { start: ts, end: ts + stepMs, closedEnd: closedEnd(series.tf) },
        signal,
      );
      await store.transaction((tx) => upsertRows(tx, 'candles', fetched.rows));
    }
  }
  const left = bad.length === 0 ? [] : await inconsistentBars(store, symbol, tf);
  return { mismatches: left.length, refetched: bad.length };
}

/**
 * Heal (`data.md` §7): per selected series, detect interior gaps, record them, fetch each open gap from
 * Bybit, and mark it `healed` when filled or `exchange_missing` when Bybit has no rows for it; invalid
 * stored bars move to `candles_rejected` and are refetched; `sync_state` first/last/count are recomputed.
 */
export async function healData(
  store: MarketStore,
  client: MarketDataClient,
  options: HealOptions = {},
): Promise<HealReport> {
  const started = Date.now();
  const symbolFilter = options.symbol?.toUpperCase();
  const coverage = (
    await loadCoverage(store, symbolFilter === undefined ? {} : { symbol: symbolFilter })
  ).filter(
    (c) =>
      (options.datasets === undefined || options.datasets.includes(c.dataset as SeriesDataset)) &&
      (options.tf === undefined || c.dataset === 'funding' || c.dataset === 'oi' || c.key === options.tf),
  );
  const reports: HealSeriesReport[] = [];
  let openIssues = 0;
  const serverNow = options.dryRun === true ? Date.now() : await client.serverTime(options.signal);
  for (const c of coverage) {
    throwIfAborted(options.signal);
    const dataset = c.dataset as SeriesDataset;
    const { symbol, key } = c;
    const tf = dataset === 'candles' || dataset === 'mark' ? (key as Timeframe) : undefined;
    let rejectedTs: number[] = [];
    if (options.dryRun !== true && (dataset === 'candles' || dataset === 'mark')) {
      rejectedTs = await rejectInvalidBars(store, dataset, symbol, key);
    }
    const scan = await findGaps(store, { dataset, symbol, key });
    await recordGaps(store, dataset, symbol, key, scan.gaps);
    const statuses = options.recheck === true ? ['open', 'exchange_missing'] : ['open'];
    const pending = await store.query(
      `SELECT gap_start::DOUBLE AS gs, gap_end::DOUBLE AS ge, missing FROM gaps WHERE dataset = $d AND symbol = $s AND key = $k
       AND status IN (${statuses.map((s) => `'${s}'`).join(', ')}) ORDER BY gap_start`,
      { d: dataset, s: symbol, k: key },
    );
    const targets = [
      ...pending.map((g) => ({ start: Number(g.gs), end: Number(g.ge) + scan.stepMs, isGap: true })),
      // A deleted invalid bar usually shows up as a gap already; only bars at the series edges need their own fetch.
      ...rejectedTs
        .filter((t) => !pending.some((g) => t >= Number(g.gs) && t <= Number(g.ge)))
        .map((t) => ({ start: t, end: t + scan.stepMs, isGap: false })),
    ];
    let gapsFilled = 0;
    let barsFilled = 0;
    let exchangeMissing = 0;
    let refetched = 0;
    const closedEnd = tf === undefined ? serverNow + 1 : floorToTf(serverNow - 1000, tf);
    const intervalMin = dataset === 'funding' ? scan.stepMs / 60_000 : undefined;
    for (let i = 0; i < targets.length && options.dryRun !== true; i++) {
      const target = targets[i]!;
      let inserted = 0;
      for (const window of edgeWindows(
        { direction: 'forward', start: target.start, end: target.end },
        scan.stepMs * KLINE_LIMIT,
      )) {
        throwIfAborted(options.signal);
        const fetched = await fetchSeriesWindow(
          client,
          {
            dataset,
            symbol,
            key,
            ...(tf === undefined ? {} : { tf }),
            ...(intervalMin === undefined ? {} : { intervalMin }),
          },
          { ...window, closedEnd },
          options.signal,
        );
        const counts = await store.transaction((tx) => upsertRows(tx, dataset, fetched.rows));
        inserted += counts.inserted + counts.updated;
      }
      if (!target.isGap) continue;
      const expected = Math.round((target.end - target.start) / scan.stepMs);
      // Whatever Bybit did not return for the range it does not have: the rest is an exchange-side hole.
      const status = inserted >= expected ? 'healed' : 'exchange_missing';
      await store.transaction((tx) =>
        tx.run(
          `UPDATE gaps SET status = $st, missing = $m, checked_at = $now WHERE dataset = $d AND symbol = $s AND key = $k AND gap_start = $gs`,
          {
            st: status,
            m: Math.max(0, expected - inserted),
            now: BigInt(Date.now()),
            d: dataset,
            s: symbol,
            k: key,
            gs: BigInt(target.start),
          },
        ),
      );
      barsFilled += inserted;
      if (status === 'healed') gapsFilled++;
      else exchangeMissing++;
      options.onProgress?.({ dataset, symbol, key, gapsDone: i + 1, gapsFound: targets.length });
    }
    if (options.dryRun !== true) {
      await store.transaction(async (tx) => {
        const cov = await seriesCoverageIn(tx, dataset, symbol, key);
        await writeSyncState(tx, {
          dataset,
          symbol,
          key,
          status: 'idle',
          firstTs: cov.first ?? null,
          lastTs: cov.last ?? null,
          rowCount: cov.rows,
        });
      });
    }
    if (rejectedTs.length > 0) {
      const back = await store.query(
        `SELECT count(*)::INTEGER AS n FROM ${dataset === 'candles' ? 'candles' : 'mark_candles'} WHERE symbol = $s AND tf = $k AND ts IN (${rejectedTs.map((t) => Math.round(t)).join(', ')})`,
        { s: symbol, k: key },
      );
      refetched = Number(back[0]!.n);
    }
    const left = await store.query(
      "SELECT count(*)::INTEGER AS n FROM gaps WHERE dataset = $d AND symbol = $s AND key = $k AND status = 'open'",
      { d: dataset, s: symbol, k: key },
    );
    openIssues += Number(left[0]!.n);
    let consistency = { mismatches: 0, refetched: 0 };
    if (options.consistency === true && options.dryRun !== true && dataset === 'candles' && key !== '1m') {
      const has1m =
        (await store.query("SELECT 1 FROM candles WHERE symbol = $s AND tf = '1m' LIMIT 1", { s: symbol }))
          .length > 0;
      if (has1m) {
        consistency = await checkConsistency(
          store,
          client,
          symbol,
          key as Timeframe,
          (t) => floorToTf(serverNow - 1000, t),
          options.signal,
        );
      }
    }
    reports.push({
      dataset,
      symbol,
      key,
      gaps_found: scan.gaps.length,
      gaps_filled: gapsFilled,
      bars_filled: barsFilled,
      exchange_missing: exchangeMissing,
      rejected_rows: rejectedTs.length,
      refetched: refetched + consistency.refetched,
      consistency_mismatches: consistency.mismatches,
    });
  }
  if (options.dryRun !== true) await store.checkpoint();
  return {
    db_path: store.dbPath,
    data_env: store.dataEnv,
    checked_at: Date.now(),
    filter: { symbol: symbolFilter ?? null, datasets: options.datasets ?? null, tf: options.tf ?? null },
    datasets: reports,
    open_issues: openIssues,
    duration_ms: Date.now() - started,
  };
}
