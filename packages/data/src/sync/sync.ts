import { floorToTf, type Timeframe } from '@trade/core';
import { DataError, isDataError } from '../errors';
import type { MarketStore } from '../store/market-store';
import { loadCoverage, loadInstrument } from '../store/readers';
import { upsertRows } from '../store/upsert';
import {
  assertStoredTimeframe,
  oiStepMs,
  parseOiInterval,
  type SeriesDataset,
  type SyncDataset,
  tfStepMs,
} from './datasets';
import type { MarketDataClient } from './market-data-client';
import { type Edge, edgeWindows, planEdges } from './plan';
import { seriesCoverage } from './series';
import { interruptedError, throwIfAborted } from './sleep';
import { insertRejected, replaceRiskTiers, upsertInstrument } from './snapshots';
import { recordGapCandidate, writeSyncState } from './sync-state';
import { FUNDING_LIMIT, fetchSeriesWindow, KLINE_LIMIT, OI_LIMIT } from './window-fetch';

const INSTRUMENT_MAX_AGE_MS = 24 * 3_600_000;
const DEFAULT_FUNDING_INTERVAL_MIN = 480;
/** Funding windows hold half a page, so a full page signals an interval change (then the window is split). */
const FUNDING_WINDOW_INTERVALS = FUNDING_LIMIT / 2;
/** OI windows span several pages; the cursor walks them (`data.md` §6.3 step 1). */
const OI_PAGES_PER_WINDOW = 5;

export interface SyncRequest {
  readonly symbols: readonly string[];
  /** Default `['candles', 'instruments']` (`cli.md` §4.3); with `toNow`, every stored dataset of the symbols. */
  readonly datasets?: readonly SyncDataset[];
  /** Candle and mark TFs (default `['1m']`; with `toNow`, every stored TF of the symbols). */
  readonly tfs?: readonly Timeframe[];
  /** OI interval (default `1h`). */
  readonly oiInterval?: string;
  /** Target `[start, end)`, epoch ms. `end` defaults to the server's now. Required unless `toNow`. */
  readonly start?: number;
  readonly end?: number;
  /** Newer edge only, for every series already present (`data.md` §6.6). */
  readonly toNow?: boolean;
  /** Parallel (dataset, symbol, key) jobs (default 2). */
  readonly concurrency?: number;
  /** Plan only; no Bybit call, no write. */
  readonly dryRun?: boolean;
}

export interface SyncProgress {
  readonly dataset: SyncDataset;
  readonly symbol: string;
  readonly key: string;
  readonly windowsDone: number;
  readonly windowsPlanned: number;
  readonly rows: number;
  readonly done: boolean;
}

export interface SyncOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: SyncProgress) => void;
}

export interface SyncJobReport {
  readonly dataset: SyncDataset;
  readonly symbol: string;
  readonly key: string;
  readonly status: 'done' | 'error' | 'interrupted' | 'skipped';
  readonly edges: readonly Edge[];
  readonly windows: number;
  readonly requests: number;
  readonly inserted: number;
  readonly updated: number;
  readonly rejected: number;
  readonly gapCandidates: number;
  readonly firstTs: number | null;
  readonly lastTs: number | null;
  readonly rowCount: number;
  readonly error?: { readonly code: string; readonly message: string };
  readonly note?: string;
}

export interface SyncReport {
  readonly db_path: string;
  readonly data_env: string;
  readonly dry_run: boolean;
  readonly server_time: number;
  readonly jobs: readonly SyncJobReport[];
  readonly ok: boolean;
  readonly duration_ms: number;
}

interface SeriesJob {
  readonly dataset: SeriesDataset;
  readonly symbol: string;
  readonly key: string;
  readonly stepMs: number;
  readonly windowMs: number;
  readonly edges: Edge[];
  readonly closedEnd: number;
  readonly tf?: Timeframe;
  readonly intervalMin?: number;
  readonly launchTime: number | null;
  readonly target: { start: number; end: number };
}

interface SymbolFacts {
  launchTime: number | null;
  fundingIntervalMin: number;
}

function requireTarget(request: SyncRequest, serverNow: number): { start: number; end: number } {
  const end = request.end ?? serverNow;
  if (request.start === undefined) {
    if (request.toNow === true) return { start: Number.NEGATIVE_INFINITY, end };
    throw new DataError('E_DATA_ARGUMENT', 'sync needs a start (--start or --period) or --to-now', {
      hint: 'e.g. trade data sync --symbols BTCUSDT --period 30D',
    });
  }
  if (request.start >= end) {
    throw new DataError('E_DATA_ARGUMENT', `sync range is empty: start ${request.start} ≥ end ${end}`, {
      hint: 'give a start before the end',
    });
  }
  return { start: request.start, end };
}

function emptyJob(
  dataset: SyncDataset,
  symbol: string,
  key: string,
  status: SyncJobReport['status'],
): SyncJobReport {
  return {
    dataset,
    symbol,
    key,
    status,
    edges: [],
    windows: 0,
    requests: 0,
    inserted: 0,
    updated: 0,
    rejected: 0,
    gapCandidates: 0,
    firstTs: null,
    lastTs: null,
    rowCount: 0,
  };
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await run(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/**
 * Syncs market data from Bybit into the store (`data.md` §6): instruments and risk tiers first, then each
 * (dataset, symbol, key) series over its missing edges, one committed transaction per window. Aborting the
 * signal stops between (or during) windows without committing the partial window, marks running jobs
 * `interrupted` and throws `E_SYNC_INTERRUPTED`; re-running the same request resumes with no gap or duplicate.
 */
export async function syncMarketData(
  store: MarketStore,
  client: MarketDataClient,
  request: SyncRequest,
  options: SyncOptions = {},
): Promise<SyncReport> {
  const started = Date.now();
  const { signal } = options;
  const symbols = [...new Set(request.symbols.map((s) => s.toUpperCase()))];
  if (symbols.length === 0) {
    throw new DataError('E_DATA_ARGUMENT', 'sync needs at least one symbol', {
      hint: 'e.g. --symbols BTCUSDT',
    });
  }
  // `--to-now` without an explicit selection extends every series already stored for the symbols (§6.6).
  const present =
    request.toNow === true && (request.datasets === undefined || request.tfs === undefined)
      ? (await loadCoverage(store)).filter((c) => symbols.includes(c.symbol))
      : [];
  const presentDatasets = [...new Set(present.map((c) => c.dataset as SyncDataset))];
  const presentTfs = [
    ...new Set(
      present.filter((c) => c.dataset === 'candles' || c.dataset === 'mark').map((c) => c.key as Timeframe),
    ),
  ];
  const datasets = new Set<SyncDataset>(
    request.datasets ??
      (presentDatasets.length > 0 ? [...presentDatasets, 'instruments'] : ['candles', 'instruments']),
  );
  const tfs = request.tfs ?? (presentTfs.length > 0 ? presentTfs : ['1m']);
  for (const tf of tfs) assertStoredTimeframe(tf);
  const oi = parseOiInterval(request.oiInterval ?? present.find((c) => c.dataset === 'oi')?.key ?? '1h');
  const dryRun = request.dryRun === true;
  const serverNow = dryRun ? Date.now() : await client.serverTime(signal);
  const target = requireTarget(request, serverNow);
  const reports: SyncJobReport[] = [];

  // 1. Instruments (refresh when older than 24 h) and risk tiers: cheap, and they clip the series plans.
  const facts = new Map<string, SymbolFacts>();
  for (const symbol of symbols) {
    throwIfAborted(signal);
    let stored = await loadInstrument(store, symbol);
    const needSeries = ['candles', 'mark', 'funding', 'oi'].some((d) => datasets.has(d as SyncDataset));
    const stale = stored === undefined || Date.now() - stored.fetchedAt > INSTRUMENT_MAX_AGE_MS;
    if (!dryRun && (datasets.has('instruments') || (needSeries && stale))) {
      const report = await runSnapshotJob(store, 'instruments', symbol, async () => {
        if (!stale && !datasets.has('instruments')) return 0;
        const info = await client.instrument(symbol, signal);
        if (info === undefined) {
          throw new DataError('E_SYNC_API', `Bybit lists no linear instrument ${symbol}`, {
            hint: 'check the symbol (USDT perpetuals such as BTCUSDT)',
          });
        }
        await store.transaction((c) => upsertInstrument(c, info));
        return 1;
      });
      if (datasets.has('instruments')) reports.push(report);
      stored = await loadInstrument(store, symbol);
      if (report.status === 'interrupted') throw interruptedError();
    }
    facts.set(symbol, {
      launchTime: stored?.launchTime ?? null,
      fundingIntervalMin: stored?.fundingIntervalMin ?? DEFAULT_FUNDING_INTERVAL_MIN,
    });
    if (datasets.has('risk_tiers')) {
      if (dryRun) reports.push(emptyJob('risk_tiers', symbol, '-', 'skipped'));
      else {
        const report = await runSnapshotJob(store, 'risk_tiers', symbol, async () => {
          const tiers = await client.riskTiers(symbol, signal);
          return store.transaction((c) => replaceRiskTiers(c, symbol, tiers));
        });
        reports.push(report);
        if (report.status === 'interrupted') throw interruptedError();
      }
    }
  }

  // 2. Plan every series job from stored coverage.
  const jobs: SeriesJob[] = [];
  for (const symbol of symbols) {
    const f = facts.get(symbol)!;
    const series: {
      dataset: SeriesDataset;
      key: string;
      stepMs: number;
      tf?: Timeframe;
      windowMs: number;
    }[] = [];
    for (const tf of tfs) {
      const stepMs = tfStepMs(tf);
      if (datasets.has('candles'))
        series.push({ dataset: 'candles', key: tf, stepMs, tf, windowMs: stepMs * KLINE_LIMIT });
      if (datasets.has('mark'))
        series.push({ dataset: 'mark', key: tf, stepMs, tf, windowMs: stepMs * KLINE_LIMIT });
    }
    if (datasets.has('funding')) {
      const stepMs = f.fundingIntervalMin * 60_000;
      series.push({ dataset: 'funding', key: '-', stepMs, windowMs: stepMs * FUNDING_WINDOW_INTERVALS });
    }
    if (datasets.has('oi')) {
      const stepMs = oiStepMs(oi.key);
      series.push({ dataset: 'oi', key: oi.key, stepMs, windowMs: stepMs * OI_LIMIT * OI_PAGES_PER_WINDOW });
    }
    for (const s of series) {
      const grid = (t: number) => Math.floor(t / s.stepMs) * s.stepMs;
      const closedEnd = s.tf === undefined ? grid(serverNow) + s.stepMs : floorToTf(serverNow - 1000, s.tf);
      let start = target.start === Number.NEGATIVE_INFINITY ? target.start : grid(target.start);
      if (f.launchTime !== null && Number.isFinite(start)) start = Math.max(start, grid(f.launchTime));
      // Funding and OI points are stamped at (not after) their time, so a target end includes its own point.
      const end = Math.min(target.end, closedEnd);
      const coverage = await seriesCoverage(store, s.dataset, symbol, s.key);
      const edges = planEdges(coverage, { start, end }, s.stepMs, request.toNow === true);
      jobs.push({
        dataset: s.dataset,
        symbol,
        key: s.key,
        stepMs: s.stepMs,
        windowMs: s.windowMs,
        edges,
        closedEnd,
        ...(s.tf === undefined ? {} : { tf: s.tf }),
        ...(s.dataset === 'funding' ? { intervalMin: f.fundingIntervalMin } : {}),
        launchTime: f.launchTime,
        target: { start, end },
      });
    }
  }

  if (dryRun) {
    for (const job of jobs) {
      const windows = job.edges.reduce((n, e) => n + edgeWindows(e, job.windowMs).length, 0);
      reports.push({
        ...emptyJob(job.dataset, job.symbol, job.key, 'skipped'),
        edges: job.edges,
        windows,
        requests: windows,
      });
    }
    return finish(store, reports, serverNow, started, true);
  }

  // 3. Run the series jobs (one per key at a time; up to `concurrency` in parallel).
  const seriesReports = new Map<SeriesJob, SyncJobReport>();
  await pool(jobs, request.concurrency ?? 2, async (job) => {
    seriesReports.set(job, await runSeriesJob(store, client, job, options));
  });
  for (const job of jobs) reports.push(seriesReports.get(job)!);
  if (reports.some((r) => r.status === 'interrupted') && signal?.aborted === true) throw interruptedError();
  return finish(store, reports, serverNow, started, false);
}

async function finish(
  store: MarketStore,
  jobs: SyncJobReport[],
  serverTime: number,
  started: number,
  dryRun: boolean,
): Promise<SyncReport> {
  if (!dryRun && !store.readOnly) await store.checkpoint();
  return {
    db_path: store.dbPath,
    data_env: store.dataEnv,
    dry_run: dryRun,
    server_time: serverTime,
    jobs,
    ok: jobs.every((j) => j.status === 'done' || j.status === 'skipped'),
    duration_ms: Date.now() - started,
  };
}

function errorStatus(e: unknown): 'interrupted' | 'error' {
  return isDataError(e, 'E_SYNC_INTERRUPTED') || isDataError(e, 'E_BYBIT_IP_BANNED')
    ? 'interrupted'
    : 'error';
}

function errorInfo(e: unknown): { code: string; message: string } {
  return isDataError(e)
    ? { code: e.code, message: e.message }
    : { code: 'E_INTERNAL', message: String((e as Error)?.message ?? e) };
}

async function runSnapshotJob(
  store: MarketStore,
  dataset: 'instruments' | 'risk_tiers',
  symbol: string,
  run: () => Promise<number>,
): Promise<SyncJobReport> {
  try {
    const rows = await run();
    await store.transaction((c) =>
      writeSyncState(c, {
        dataset,
        symbol,
        key: '-',
        status: 'idle',
        attempts: 0,
        rowCount: rows,
        lastError: null,
      }),
    );
    return { ...emptyJob(dataset, symbol, '-', 'done'), inserted: rows, requests: 1, rowCount: rows };
  } catch (e) {
    const status = errorStatus(e);
    await store
      .transaction((c) =>
        writeSyncState(c, {
          dataset,
          symbol,
          key: '-',
          status,
          attempts: '+1',
          lastError: errorInfo(e).message,
        }),
      )
      .catch(() => undefined);
    return { ...emptyJob(dataset, symbol, '-', status), error: errorInfo(e) };
  }
}

async function runSeriesJob(
  store: MarketStore,
  client: MarketDataClient,
  job: SeriesJob,
  options: SyncOptions,
): Promise<SyncJobReport> {
  const { signal } = options;
  const planned = job.edges.map((e) => edgeWindows(e, job.windowMs));
  const windowsPlanned = planned.reduce((n, w) => n + w.length, 0);
  let windowsDone = 0;
  let requests = 0;
  let inserted = 0;
  let updated = 0;
  let rejected = 0;
  let gapCandidates = 0;
  let coverage = await seriesCoverage(store, job.dataset, job.symbol, job.key);
  const progress = (done: boolean) =>
    options.onProgress?.({
      dataset: job.dataset,
      symbol: job.symbol,
      key: job.key,
      windowsDone,
      windowsPlanned,
      rows: inserted + updated,
      done,
    });
  const base = { dataset: job.dataset, symbol: job.symbol, key: job.key };
  const report = (status: SyncJobReport['status'], error?: unknown): SyncJobReport => ({
    ...base,
    status,
    edges: job.edges,
    windows: windowsDone,
    requests,
    inserted,
    updated,
    rejected,
    gapCandidates,
    firstTs: coverage.first ?? null,
    lastTs: coverage.last ?? null,
    rowCount: coverage.rows,
    ...(error === undefined ? {} : { error: errorInfo(error) }),
  });
  if (windowsPlanned === 0) {
    progress(true);
    return {
      ...report('done'),
      ...(job.edges.length === 0 && coverage.rows === 0 ? { note: 'nothing to fetch' } : {}),
    };
  }
  try {
    await store.transaction((c) =>
      writeSyncState(c, {
        ...base,
        status: 'running',
        targetStart: Number.isFinite(job.target.start) ? job.target.start : null,
        targetEnd: job.target.end,
        attempts: '+1',
        launchTime: job.launchTime,
      }),
    );
    progress(false);
    for (const windows of planned) {
      for (const window of windows) {
        throwIfAborted(signal);
        const fetched = await fetchSeriesWindow(client, job, { ...window, closedEnd: job.closedEnd }, signal);
        requests += fetched.requests;
        // Nothing of a window is committed unless the whole window is (abort between fetch and commit).
        throwIfAborted(signal);
        const afterLaunch = job.launchTime === null || window.start >= job.launchTime;
        const { counts, cov } = await store.transaction(async (c) => {
          const counts = await upsertRows(c, job.dataset, fetched.rows);
          if (fetched.rejected.length > 0) {
            await insertRejected(c, fetched.rejected, (tf) => (job.dataset === 'mark' ? `mark:${tf}` : tf));
          }
          if (fetched.rows.length === 0 && afterLaunch) {
            await recordGapCandidate(c, {
              ...base,
              start: window.start,
              end: window.end,
              stepMs: job.stepMs,
            });
          }
          // Rows are only ever added, so coverage advances from the window's own rows (no table scan per window).
          const firstRow = fetched.rows[0]?.ts as number | undefined;
          const lastRow = fetched.rows.at(-1)?.ts as number | undefined;
          const cov = {
            first: firstRow === undefined ? coverage.first : Math.min(firstRow, coverage.first ?? firstRow),
            last: lastRow === undefined ? coverage.last : Math.max(lastRow, coverage.last ?? lastRow),
            rows: coverage.rows + counts.inserted,
          };
          await writeSyncState(c, {
            ...base,
            status: 'running',
            cursor: window.start,
            firstTs: cov.first ?? null,
            lastTs: cov.last ?? null,
            rowCount: cov.rows,
          });
          return { counts, cov };
        });
        coverage = cov;
        inserted += counts.inserted;
        updated += counts.updated;
        rejected += fetched.rejected.length;
        if (fetched.rows.length === 0 && afterLaunch) gapCandidates++;
        windowsDone++;
        progress(false);
      }
    }
    await store.transaction((c) =>
      writeSyncState(c, { ...base, status: 'idle', attempts: 0, lastError: null }),
    );
    progress(true);
    return report('done');
  } catch (e) {
    const status = errorStatus(e);
    await store
      .transaction((c) => writeSyncState(c, { ...base, status, lastError: errorInfo(e).message }))
      .catch(() => undefined);
    progress(true);
    return report(status, e);
  }
}
