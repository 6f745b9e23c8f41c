import { EXIT, TIMEFRAMES, type Timeframe } from '@trade/core';
import {
  BybitMarketDataClient,
  cleanupStore,
  dataInfo,
  dataStatus,
  deriveCandles,
  exportSeries,
  findGaps,
  healData,
  IMPORT_KINDS,
  type ImportKind,
  type ImportReport,
  importFile,
  isDataError,
  loadCoverage,
  openReader,
  openWriter,
  resolveDataLocation,
  SCHEMA_VERSION,
  type SeriesDataset,
  type SyncDataset,
  type SyncReport,
  syncMarketData,
  vacuumStore,
} from '@trade/data';
import {
  type CommandContext,
  type CommandDef,
  type CommandResult,
  numberFlag,
  requireStringFlag,
  stringFlag,
  UsageError,
} from '../command';
import {
  choiceFlag,
  dataLocation,
  isoOrDash,
  listFlag,
  parseDateFlag,
  parsePeriodFlag,
  progressWriter,
  timeframeFlag,
  withInterrupt,
} from './data-args';

const WHAT_NAMES = ['candles', 'mark', 'funding', 'oi', 'instruments', 'risk'] as const;
const SERIES_NAMES: readonly SeriesDataset[] = ['candles', 'mark', 'funding', 'oi'];

function whatFlag(ctx: CommandContext, fallback: readonly SyncDataset[]): SyncDataset[] {
  const list = listFlag(ctx, 'what');
  if (list === undefined) return [...fallback];
  return list.map((w) => {
    if (!(WHAT_NAMES as readonly string[]).includes(w)) {
      throw new UsageError(`--what: unknown dataset '${w}'`, `accepted: ${WHAT_NAMES.join(',')}`);
    }
    return w === 'risk' ? 'risk_tiers' : (w as SyncDataset);
  });
}

function waitFlag(ctx: CommandContext): number | undefined {
  const wait = numberFlag(ctx, 'wait');
  if (wait !== undefined && wait < 0) throw new UsageError('--wait must be ≥ 0 seconds', 'e.g. --wait 30');
  return wait;
}

const LOCATION_OPTIONS = {
  wait: {
    type: 'string',
    valueName: 'SECONDS',
    description: 'wait this long for another writer (default 0)',
  },
} as const;

function interrupted(dbPath: string, dataEnv: string): CommandResult {
  return {
    exitCode: EXIT.interrupted,
    message: 'interrupted; committed windows are kept, run the same command again to resume',
    data: { db_path: dbPath, data_env: dataEnv, interrupted: true },
  };
}

// ---------------------------------------------------------------- status

export const dataStatusCommand: CommandDef = {
  path: ['data', 'status'],
  summary: 'per symbol and series: first/last bar, rows, missing bars, open gaps, last sync',
  options: {
    symbol: { type: 'string', valueName: 'S', description: 'only this symbol' },
    what: { type: 'string', valueName: 'candles,mark,funding,oi', description: 'only these datasets' },
  },
  async run(ctx) {
    const location = dataLocation(ctx);
    const { dbPath, dataEnv } = resolveDataLocation(location);
    const symbol = stringFlag(ctx, 'symbol');
    const what = listFlag(ctx, 'what');
    let store: Awaited<ReturnType<typeof openReader>>;
    try {
      store = await openReader(location);
    } catch (e) {
      if (!isDataError(e, 'E_DB_NOT_FOUND')) throw e;
      return {
        exitCode: EXIT.ok,
        message: `no database yet at ${dbPath}`,
        data: { db_path: dbPath, data_env: dataEnv, exists: false, series: [], instruments: [] },
      };
    }
    try {
      const report = await dataStatus(store, {
        ...(symbol === undefined ? {} : { symbol }),
        ...(what === undefined ? {} : { datasets: what }),
      });
      const lines = [
        `db: ${report.db_path} (data env ${report.data_env}, ${(report.size_bytes / 1e6).toFixed(1)} MB)`,
      ];
      if (report.series.length === 0) lines.push('no stored series');
      for (const s of report.series) {
        lines.push(
          `${s.dataset.padEnd(8)} ${s.symbol.padEnd(10)} ${s.key.padEnd(6)} ${isoOrDash(s.first_ts)} → ${isoOrDash(s.last_ts)}  ${String(s.rows).padStart(9)} rows  missing ${s.missing}  open gaps ${s.open_gaps}  ${s.is_current ? 'current' : 'stale'}${s.sync_status === null ? '' : `  sync ${s.sync_status}`}`,
        );
      }
      for (const i of report.instruments)
        lines.push(`instrument ${i.symbol} fetched ${isoOrDash(i.fetched_at)}, ${i.risk_tiers} risk tiers`);
      return {
        exitCode: EXIT.ok,
        message: `${report.series.length} series in ${report.db_path}`,
        data: { ...report, exists: true },
        human: lines.join('\n'),
      };
    } finally {
      await store.close();
    }
  },
};

// ---------------------------------------------------------------- import

export const dataImportCommand: CommandDef = {
  path: ['data', 'import'],
  summary: 'import CSV or Parquet files (candles, mark, funding, oi, risk_tiers) in one transaction per file',
  args: 'FILE…',
  minPositionals: 1,
  maxPositionals: 1000,
  options: {
    kind: {
      type: 'string',
      valueName: IMPORT_KINDS.join('|'),
      description: 'what the file holds (required)',
    },
    symbol: { type: 'string', valueName: 'S', description: 'symbol the rows belong to (required)' },
    tf: { type: 'string', valueName: 'TF', description: 'candles/mark timeframe (default 1m)' },
    interval: { type: 'string', valueName: '5min…1d', description: 'open-interest interval (default 1h)' },
    format: {
      type: 'string',
      valueName: 'auto|csv|parquet',
      description: 'file format (default from the extension)',
    },
    'ts-col': { type: 'string', valueName: 'C', description: 'time column name (default: detected)' },
    'ts-unit': { type: 'string', valueName: 'auto|ms|s|iso', description: 'time unit (default auto)' },
    'ts-is': {
      type: 'string',
      valueName: 'open|close',
      description: 'bar times stamp the open (default) or close',
    },
    'shift-hours': {
      type: 'string',
      valueName: 'H',
      description: 'add H hours to every time (local-time exports)',
    },
    'allow-offgrid': { type: 'boolean', description: 'funding: keep times off the settlement grid' },
    dedupe: {
      type: 'string',
      valueName: 'error|last',
      description: 'repeated timestamps: error (default) or keep the last',
    },
    source: { type: 'string', valueName: 'LABEL', description: 'source label (default import:<file name>)' },
    strict: { type: 'boolean', description: 'fail on any rejected row' },
    'dry-run': { type: 'boolean', description: 'validate and report; write nothing' },
    ...LOCATION_OPTIONS,
  },
  async run(ctx) {
    const kind = choiceFlag(ctx, 'kind', IMPORT_KINDS);
    if (kind === undefined)
      throw new UsageError('missing required flag --kind', `accepted: ${IMPORT_KINDS.join(', ')}`);
    const symbol = requireStringFlag(ctx, 'symbol', '--symbol BTCUSDT').toUpperCase();
    const tf = timeframeFlag(ctx, 'tf');
    const interval = stringFlag(ctx, 'interval');
    const format = choiceFlag(ctx, 'format', ['auto', 'csv', 'parquet'] as const);
    const tsUnit = choiceFlag(ctx, 'ts-unit', ['auto', 'ms', 's', 'iso'] as const);
    const tsIs = choiceFlag(ctx, 'ts-is', ['open', 'close'] as const);
    const dedupe = choiceFlag(ctx, 'dedupe', ['error', 'last'] as const);
    const shiftHours = numberFlag(ctx, 'shift-hours');
    const tsColumn = stringFlag(ctx, 'ts-col');
    const source = stringFlag(ctx, 'source');
    const wait = waitFlag(ctx);
    const store = await openWriter(
      { ...dataLocation(ctx), ...(wait === undefined ? {} : { waitSeconds: wait }) },
      'import',
    );
    const reports: ImportReport[] = [];
    try {
      const progress = progressWriter(ctx);
      for (const [i, file] of ctx.positionals.entries()) {
        progress?.(`import ${i + 1}/${ctx.positionals.length} ${file}`);
        reports.push(
          await importFile(store, {
            file,
            kind: kind as ImportKind,
            symbol,
            ...(tf === undefined ? {} : { tf }),
            ...(interval === undefined ? {} : { interval }),
            ...(format === undefined ? {} : { format }),
            ...(tsColumn === undefined ? {} : { tsColumn }),
            ...(tsUnit === undefined ? {} : { tsUnit }),
            ...(tsIs === undefined ? {} : { tsIs }),
            ...(shiftHours === undefined ? {} : { shiftHours }),
            allowOffgrid: ctx.flags['allow-offgrid'] === true,
            ...(source === undefined ? {} : { source }),
            ...(dedupe === undefined ? {} : { dedupe }),
            strict: ctx.flags.strict === true,
            dryRun: ctx.flags['dry-run'] === true,
          }),
        );
        progress?.(`import ${i + 1}/${ctx.positionals.length} ${file} done`, true);
      }
      await store.checkpoint();
    } finally {
      await store.close();
    }
    const lines = [`db: ${store.dbPath} (data env ${store.dataEnv})`];
    for (const r of reports) {
      const rejected = Object.entries(r.rejected).map(([k, n]) => `${k} ${n}`);
      lines.push(
        `${r.file}: ${r.rows_read} rows read, ${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged${rejected.length > 0 ? `, rejected: ${rejected.join(', ')}` : ''}${r.dry_run ? ' (dry run)' : ''}`,
        ...r.first_rejections.map((l) => `  ${l}`),
      );
    }
    const warnings = reports.flatMap((r) => r.warnings);
    const total = reports.reduce((n, r) => n + r.inserted + r.updated, 0);
    return {
      exitCode: EXIT.ok,
      message: `imported ${reports.length} file(s): ${total} rows written to ${store.dbPath}`,
      data: { db_path: store.dbPath, data_env: store.dataEnv, files: reports },
      human: lines.join('\n'),
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  },
};

// ---------------------------------------------------------------- export

export const dataExportCommand: CommandDef = {
  path: ['data', 'export'],
  summary: 'export one stored series to CSV or Parquet',
  options: {
    kind: {
      type: 'string',
      valueName: IMPORT_KINDS.join('|'),
      description: 'what to export (default candles)',
    },
    symbol: { type: 'string', valueName: 'S', description: 'symbol (required)' },
    tf: { type: 'string', valueName: 'TF', description: 'candles/mark timeframe (default 1m)' },
    interval: { type: 'string', valueName: '5min…1d', description: 'open-interest interval (default 1h)' },
    start: { type: 'string', valueName: 'DATE', description: 'first bar (inclusive)' },
    end: { type: 'string', valueName: 'DATE', description: 'end (exclusive)' },
    out: { type: 'string', valueName: 'FILE', description: 'output file (required)' },
    format: { type: 'string', valueName: 'csv|parquet', description: 'default from the extension' },
    ts: { type: 'string', valueName: 'ms|iso', description: 'CSV time format (default ms)' },
  },
  async run(ctx) {
    const kind = choiceFlag(ctx, 'kind', IMPORT_KINDS) ?? 'candles';
    const symbol = requireStringFlag(ctx, 'symbol', '--symbol BTCUSDT');
    const out = requireStringFlag(ctx, 'out', '--out btc.csv');
    const tf = timeframeFlag(ctx, 'tf');
    const interval = stringFlag(ctx, 'interval');
    const start = parseDateFlag(ctx, 'start');
    const end = parseDateFlag(ctx, 'end');
    const format = choiceFlag(ctx, 'format', ['csv', 'parquet'] as const);
    const ts = choiceFlag(ctx, 'ts', ['ms', 'iso'] as const);
    const store = await openReader(dataLocation(ctx));
    try {
      const report = await exportSeries(store, {
        kind,
        symbol,
        out: `${out.startsWith('/') ? '' : `${ctx.io.cwd}/`}${out}`,
        ...(tf === undefined ? {} : { tf }),
        ...(interval === undefined ? {} : { interval }),
        ...(start === undefined ? {} : { start }),
        ...(end === undefined ? {} : { end }),
        ...(format === undefined ? {} : { format }),
        ...(ts === undefined ? {} : { ts }),
      });
      return {
        exitCode: EXIT.ok,
        message: `exported ${report.rows} ${kind} rows of ${report.symbol} to ${report.file}`,
        data: { db_path: store.dbPath, data_env: store.dataEnv, ...report },
        human: `db: ${store.dbPath} (data env ${store.dataEnv})\nexported ${report.rows} rows (${isoOrDash(report.first_ts)} → ${isoOrDash(report.last_ts)}) to ${report.file}`,
      };
    } finally {
      await store.close();
    }
  },
};

// ---------------------------------------------------------------- sync

function syncExitCode(report: SyncReport): number {
  const failed = report.jobs.filter((j) => j.status === 'error' || j.status === 'interrupted');
  if (failed.length === 0) return EXIT.ok;
  return failed.some((j) => /^E_(SYNC_API|BYBIT_)/.test(j.error?.code ?? '')) ? EXIT.exchange : EXIT.data;
}

export const dataSyncCommand: CommandDef = {
  path: ['data', 'sync'],
  summary: 'fetch candles, mark, funding, open interest, instruments and risk tiers from Bybit (resumable)',
  options: {
    symbols: { type: 'string', valueName: 'S,…', description: 'symbols (required)' },
    tfs: { type: 'string', valueName: 'TF,…', description: 'candle timeframes (default 1m)' },
    'all-tfs': { type: 'boolean', description: 'every stored timeframe (1m … D)' },
    period: { type: 'string', valueName: '<n>H|D|W|M|Y', description: 'the last period up to now' },
    start: { type: 'string', valueName: 'DATE', description: 'target start' },
    end: { type: 'string', valueName: 'DATE', description: 'target end (exclusive; default now)' },
    'to-now': { type: 'boolean', description: 'extend every stored series up to now' },
    what: {
      type: 'string',
      valueName: WHAT_NAMES.join(','),
      description: 'datasets (default candles,instruments)',
    },
    'oi-interval': {
      type: 'string',
      valueName: '5min…1d',
      description: 'open-interest interval (default 1h)',
    },
    heal: { type: 'boolean', description: 'heal interior gaps of the synced series afterwards' },
    concurrency: { type: 'string', valueName: 'N', description: 'parallel jobs (default 2)' },
    'dry-run': { type: 'boolean', description: 'print the plan; call nothing' },
    ...LOCATION_OPTIONS,
  },
  async run(ctx) {
    const symbols = listFlag(ctx, 'symbols');
    if (symbols === undefined || symbols.length === 0)
      throw new UsageError('missing required flag --symbols', 'e.g. --symbols BTCUSDT,ETHUSDT');
    const tfList =
      ctx.flags['all-tfs'] === true
        ? TIMEFRAMES.filter((t) => t !== 'W' && t !== 'M')
        : (listFlag(ctx, 'tfs') ?? ['1m']);
    const tfs: Timeframe[] = tfList.map((t) => {
      if (!(TIMEFRAMES as readonly string[]).includes(t) || t === 'W' || t === 'M') {
        throw new UsageError(
          `--tfs: '${t}' is not a stored timeframe`,
          'accepted: 1m 3m 5m 15m 30m 1h 2h 4h 6h 12h D',
        );
      }
      return t as Timeframe;
    });
    const period = parsePeriodFlag(ctx);
    let start = parseDateFlag(ctx, 'start');
    const end = parseDateFlag(ctx, 'end');
    const toNow = ctx.flags['to-now'] === true;
    if (period !== undefined && start !== undefined)
      throw new UsageError('--period and --start are exclusive', 'give one of them');
    if (period === undefined && start === undefined && !toNow) {
      throw new UsageError('sync needs --period, --start or --to-now', 'e.g. --period 30D');
    }
    if (period !== undefined) start = (end ?? Date.now()) - period;
    const concurrency = numberFlag(ctx, 'concurrency');
    if (
      concurrency !== undefined &&
      (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16)
    ) {
      throw new UsageError('--concurrency must be an integer in [1, 16]', 'e.g. --concurrency 2');
    }
    // With --to-now and no --what/--tfs, the library extends every stored series (data.md §6.6).
    const whatGiven = stringFlag(ctx, 'what') !== undefined;
    const tfsGiven = stringFlag(ctx, 'tfs') !== undefined || ctx.flags['all-tfs'] === true;
    const datasets = whatFlag(ctx, ['candles', 'instruments']);
    const oiInterval = stringFlag(ctx, 'oi-interval');
    const dryRun = ctx.flags['dry-run'] === true;
    const wait = waitFlag(ctx);
    const store = await openWriter(
      { ...dataLocation(ctx), ...(wait === undefined ? {} : { waitSeconds: wait }) },
      'sync',
    );
    const progress = progressWriter(ctx);
    let rateLimitWaits = 0;
    const client = new BybitMarketDataClient({
      env: ctx.io.env,
      onEvent: (e) => {
        if (e.type === 'rate_limited') rateLimitWaits++;
      },
    });
    try {
      return await withInterrupt(async (signal) => {
        let report: SyncReport;
        try {
          report = await syncMarketData(
            store,
            client,
            {
              symbols,
              ...(toNow && !whatGiven ? {} : { datasets }),
              ...(toNow && !tfsGiven ? {} : { tfs }),
              ...(oiInterval === undefined ? {} : { oiInterval }),
              ...(start === undefined ? {} : { start }),
              ...(end === undefined ? {} : { end }),
              toNow,
              ...(concurrency === undefined ? {} : { concurrency }),
              dryRun,
            },
            {
              signal,
              ...(progress === undefined
                ? {}
                : {
                    onProgress: (p) =>
                      progress(
                        `sync ${p.dataset} ${p.symbol} ${p.key}: ${p.windowsDone}/${p.windowsPlanned} windows, ${p.rows} rows, ${rateLimitWaits} rate-limit waits`,
                        p.done,
                      ),
                  }),
            },
          );
        } catch (e) {
          if (isDataError(e, 'E_SYNC_INTERRUPTED')) return interrupted(store.dbPath, store.dataEnv);
          throw e;
        }
        let heal: Awaited<ReturnType<typeof healData>> | undefined;
        if (ctx.flags.heal === true && !dryRun) {
          heal = await healData(store, client, {
            ...(symbols.length === 1 ? { symbol: symbols[0]! } : {}),
            // The synced series only (with --to-now that is every stored one).
            datasets: [...new Set(report.jobs.map((j) => j.dataset))].filter((d): d is SeriesDataset =>
              (SERIES_NAMES as readonly string[]).includes(d),
            ),
            signal,
          });
        }
        const lines = [
          `db: ${report.db_path} (data env ${report.data_env})${report.dry_run ? ' — dry run, nothing fetched' : ''}`,
        ];
        for (const j of report.jobs) {
          const edges = j.edges
            .map((e) => `${e.direction} ${isoOrDash(e.start)} → ${isoOrDash(e.end)}`)
            .join('; ');
          lines.push(
            `${j.dataset.padEnd(11)} ${j.symbol.padEnd(10)} ${j.key.padEnd(6)} ${j.status.padEnd(11)} ${j.windows} windows, ${j.requests} requests, +${j.inserted} rows, ${j.updated} updated${j.rejected > 0 ? `, ${j.rejected} rejected` : ''}${edges === '' ? '' : `  [${edges}]`}${j.error === undefined ? '' : `  ${j.error.code}: ${j.error.message}`}`,
          );
        }
        const exitCode = syncExitCode(report);
        const failed = report.jobs.filter((j) => j.status === 'error' || j.status === 'interrupted').length;
        return {
          exitCode,
          message:
            failed === 0
              ? `${report.dry_run ? 'planned' : 'synced'} ${report.jobs.length} job(s) into ${report.db_path}`
              : `${failed} of ${report.jobs.length} sync job(s) failed`,
          data: { ...report, rate_limit_waits: rateLimitWaits, ...(heal === undefined ? {} : { heal }) },
          human: lines.join('\n'),
        };
      });
    } finally {
      await store.close();
    }
  },
};

// ---------------------------------------------------------------- heal

export const dataHealCommand: CommandDef = {
  path: ['data', 'heal'],
  summary: 'detect gaps and invalid bars and refetch them from Bybit',
  options: {
    symbol: { type: 'string', valueName: 'S', description: 'only this symbol (every step)' },
    tf: { type: 'string', valueName: 'TF', description: 'only this candle/mark timeframe' },
    what: {
      type: 'string',
      valueName: 'candles,mark,funding,oi',
      description: 'datasets (default all stored)',
    },
    recheck: { type: 'boolean', description: 'retry gaps recorded as exchange_missing' },
    consistency: {
      type: 'boolean',
      description: 'compare higher candle TFs with their 1m bars; refetch mismatches',
    },
    'dry-run': { type: 'boolean', description: 'detect and record gaps; fetch nothing' },
    ...LOCATION_OPTIONS,
  },
  async run(ctx) {
    const symbol = stringFlag(ctx, 'symbol');
    const tf = timeframeFlag(ctx, 'tf');
    const what = listFlag(ctx, 'what');
    const datasets = what?.map((w) => {
      if (!(SERIES_NAMES as readonly string[]).includes(w))
        throw new UsageError(`--what: '${w}' cannot be healed`, `accepted: ${SERIES_NAMES.join(',')}`);
      return w as SeriesDataset;
    });
    const wait = waitFlag(ctx);
    const store = await openWriter(
      { ...dataLocation(ctx), ...(wait === undefined ? {} : { waitSeconds: wait }) },
      'heal',
    );
    const progress = progressWriter(ctx);
    try {
      return await withInterrupt(async (signal) => {
        let report: Awaited<ReturnType<typeof healData>>;
        try {
          report = await healData(store, new BybitMarketDataClient({ env: ctx.io.env }), {
            ...(symbol === undefined ? {} : { symbol }),
            ...(tf === undefined ? {} : { tf }),
            ...(datasets === undefined ? {} : { datasets }),
            recheck: ctx.flags.recheck === true,
            consistency: ctx.flags.consistency === true,
            dryRun: ctx.flags['dry-run'] === true,
            signal,
            ...(progress === undefined
              ? {}
              : {
                  onProgress: (p) =>
                    progress(`heal ${p.dataset} ${p.symbol} ${p.key}: ${p.gapsDone}/${p.gapsFound} gaps`),
                }),
          });
        } catch (e) {
          if (isDataError(e, 'E_SYNC_INTERRUPTED')) return interrupted(store.dbPath, store.dataEnv);
          throw e;
        }
        const lines = [`db: ${report.db_path} (data env ${report.data_env})`];
        for (const d of report.datasets) {
          lines.push(
            `${d.dataset.padEnd(8)} ${d.symbol.padEnd(10)} ${d.key.padEnd(6)} gaps ${d.gaps_found}, filled ${d.gaps_filled} (${d.bars_filled} bars), exchange-missing ${d.exchange_missing}, rejected ${d.rejected_rows}, refetched ${d.refetched}`,
          );
        }
        return {
          exitCode: report.open_issues > 0 ? EXIT.negative : EXIT.ok,
          message:
            report.open_issues > 0
              ? `${report.open_issues} gap(s) still open`
              : `healed ${report.datasets.length} series`,
          data: report,
          human: lines.join('\n'),
        };
      });
    } finally {
      await store.close();
    }
  },
};

// ---------------------------------------------------------------- info, gaps

export const dataInfoCommand: CommandDef = {
  path: ['data', 'info'],
  summary: 'database path, size, schema version, row counts and lock holder',
  async run(ctx) {
    const store = await openReader(dataLocation(ctx));
    try {
      const info = await dataInfo(store);
      const holder = info.lock_holder;
      return {
        exitCode: EXIT.ok,
        message: `${info.db_path}: schema ${info.schema_version}, ${(info.size_bytes / 1e6).toFixed(1)} MB`,
        data: info,
        human: [
          `db: ${info.db_path} (data env ${info.data_env})`,
          `size ${(info.size_bytes / 1e6).toFixed(1)} MB, schema version ${info.schema_version}`,
          ...Object.entries(info.row_counts).map(
            ([t, n]) => `${t.padEnd(17)} ${String(n).padStart(10)} rows`,
          ),
          holder === null ? 'lock: free' : `lock: pid ${holder.pid} on ${holder.host} (${holder.purpose})`,
        ].join('\n'),
      };
    } finally {
      await store.close();
    }
  },
};

export const dataGapsCommand: CommandDef = {
  path: ['data', 'gaps'],
  summary: 'list holes in stored series (read-only; `trade data heal` fills them)',
  options: {
    symbol: { type: 'string', valueName: 'S', description: 'only this symbol' },
    tf: { type: 'string', valueName: 'TF', description: 'only this candle/mark timeframe' },
    what: {
      type: 'string',
      valueName: 'candles,mark,funding,oi',
      description: 'datasets (default all stored)',
    },
    start: { type: 'string', valueName: 'DATE', description: 'range start (edges count as gaps)' },
    end: { type: 'string', valueName: 'DATE', description: 'range end (exclusive)' },
  },
  async run(ctx) {
    const symbol = stringFlag(ctx, 'symbol');
    const tf = timeframeFlag(ctx, 'tf');
    const what = listFlag(ctx, 'what');
    const start = parseDateFlag(ctx, 'start');
    const end = parseDateFlag(ctx, 'end');
    const store = await openReader(dataLocation(ctx));
    try {
      const series = (await loadCoverage(store, symbol === undefined ? {} : { symbol })).filter(
        (c) =>
          (what === undefined || what.includes(c.dataset)) &&
          (tf === undefined || c.dataset === 'funding' || c.dataset === 'oi' || c.key === tf),
      );
      const out = [];
      for (const c of series) {
        const scan = await findGaps(store, {
          dataset: c.dataset as SeriesDataset,
          symbol: c.symbol,
          key: c.key,
          ...(start === undefined ? {} : { start }),
          ...(end === undefined ? {} : { end }),
        });
        out.push({
          dataset: c.dataset,
          symbol: c.symbol,
          key: c.key,
          gaps: scan.gaps,
          misaligned: scan.misaligned,
        });
      }
      const total = out.reduce((n, s) => n + s.gaps.length, 0);
      const lines = [`db: ${store.dbPath} (data env ${store.dataEnv})`];
      for (const s of out) {
        lines.push(
          `${s.dataset} ${s.symbol} ${s.key}: ${s.gaps.length} gap(s)${s.misaligned > 0 ? `, ${s.misaligned} misaligned` : ''}`,
        );
        for (const g of s.gaps.slice(0, 20))
          lines.push(`  ${isoOrDash(g.start)} … ${isoOrDash(g.end)} (${g.missing} missing)`);
        if (s.gaps.length > 20) lines.push(`  … ${s.gaps.length - 20} more`);
      }
      return {
        exitCode: EXIT.ok,
        message: `${total} gap(s) in ${out.length} series`,
        data: { db_path: store.dbPath, data_env: store.dataEnv, series: out },
        human: lines.join('\n'),
      };
    } finally {
      await store.close();
    }
  },
};

// ---------------------------------------------------------------- vacuum, cleanup, migrate

function housekeepingCommand(
  name: 'vacuum' | 'cleanup' | 'migrate',
  summary: string,
  work: (store: Awaited<ReturnType<typeof openWriter>>) => Promise<{ message: string; data: object }>,
): CommandDef {
  return {
    path: ['data', name],
    summary,
    options: { ...LOCATION_OPTIONS },
    async run(ctx) {
      const wait = waitFlag(ctx);
      const store = await openWriter(
        { ...dataLocation(ctx), ...(wait === undefined ? {} : { waitSeconds: wait }) },
        name === 'migrate' ? 'migrate' : 'delete',
      );
      try {
        const { message, data } = await work(store);
        return {
          exitCode: EXIT.ok,
          message,
          data: { db_path: store.dbPath, data_env: store.dataEnv, ...data },
          human: `db: ${store.dbPath} (data env ${store.dataEnv})\n${message}`,
        };
      } finally {
        await store.close();
      }
    },
  };
}

export const dataVacuumCommand = housekeepingCommand(
  'vacuum',
  'CHECKPOINT then VACUUM the database',
  async (store) => {
    await vacuumStore(store);
    return { message: 'vacuumed', data: {} };
  },
);

export const dataCleanupCommand = housekeepingCommand(
  'cleanup',
  'drop sync_state and gaps rows of series that have no data',
  async (store) => {
    const removed = await cleanupStore(store);
    return {
      message: `removed ${removed.sync_state} sync_state and ${removed.gaps} gaps row(s)`,
      data: { removed },
    };
  },
);

export const dataMigrateCommand = housekeepingCommand(
  'migrate',
  'create the database or upgrade its schema to this version',
  async () => ({
    message: `schema is at version ${SCHEMA_VERSION}`,
    data: { schema_version: SCHEMA_VERSION },
  }),
);

// ---------------------------------------------------------------- derive

export const dataDeriveCommand: CommandDef = {
  path: ['data', 'derive'],
  summary: 'aggregate stored candles into higher timeframes (complete buckets; never replaces real rows)',
  options: {
    symbol: { type: 'string', valueName: 'S', description: 'symbol (required)' },
    from: { type: 'string', valueName: 'TF', description: 'source timeframe (default 1m)' },
    to: { type: 'string', valueName: 'TF,…', description: 'target timeframes (required)' },
    start: { type: 'string', valueName: 'DATE', description: 'first bucket (inclusive)' },
    end: { type: 'string', valueName: 'DATE', description: 'end (exclusive)' },
    ...LOCATION_OPTIONS,
  },
  async run(ctx) {
    const symbol = requireStringFlag(ctx, 'symbol', '--symbol BTCUSDT');
    const from = timeframeFlag(ctx, 'from') ?? '1m';
    const toList = listFlag(ctx, 'to');
    if (toList === undefined || toList.length === 0)
      throw new UsageError('missing required flag --to', 'e.g. --to 5m,1h,D');
    const to = toList.map((t) => {
      if (!(TIMEFRAMES as readonly string[]).includes(t) || t === 'W' || t === 'M') {
        throw new UsageError(
          `--to: '${t}' is not a stored timeframe`,
          'accepted: 3m 5m 15m 30m 1h 2h 4h 6h 12h D',
        );
      }
      return t as Timeframe;
    });
    const start = parseDateFlag(ctx, 'start');
    const end = parseDateFlag(ctx, 'end');
    const wait = waitFlag(ctx);
    const store = await openWriter(
      { ...dataLocation(ctx), ...(wait === undefined ? {} : { waitSeconds: wait }) },
      'derive',
    );
    try {
      const report = await deriveCandles(store, {
        symbol,
        from,
        to,
        ...(start === undefined ? {} : { start }),
        ...(end === undefined ? {} : { end }),
      });
      const lines = [`db: ${store.dbPath} (data env ${store.dataEnv})`];
      for (const t of report.to)
        lines.push(
          `${report.symbol} ${from} → ${t.tf}: +${t.inserted} rows, ${t.updated} updated, ${t.unchanged} kept`,
        );
      return {
        exitCode: EXIT.ok,
        message: `derived ${to.join(', ')} from ${from} for ${report.symbol}`,
        data: { db_path: store.dbPath, data_env: store.dataEnv, ...report },
        human: lines.join('\n'),
      };
    } finally {
      await store.close();
    }
  },
};

export const DATA_COMMANDS: readonly CommandDef[] = [
  dataInfoCommand,
  dataGapsCommand,
  dataDeriveCommand,
  dataVacuumCommand,
  dataCleanupCommand,
  dataMigrateCommand,
  dataStatusCommand,
  dataImportCommand,
  dataExportCommand,
  dataSyncCommand,
  dataHealCommand,
];
