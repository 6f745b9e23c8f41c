import { join } from 'node:path';
import {
  type Candles,
  canonicalJson,
  type InstrumentSpec,
  lowerBoundTs,
  sha256Hex,
  shortHash,
  sliceCandles,
} from '@trade/core';
import { computeMetrics, type Metrics } from '@trade/metrics';
import { type CompiledPlay, playHashInput } from '@trade/play';
import { type FundingSource, SimExchange, type StepReport } from '@trade/sim-exchange';
import { toCsv } from '../artifacts/csv';
import { windowTag } from '../artifacts/format';
import { EQUITY_COLUMNS, type EquityRow, rowCells, TRADE_COLUMNS, type TradeRow } from '../artifacts/rows';
import { sortedJson, writeRunFolder } from '../artifacts/write-run-folder';
import { EngineError } from '../errors';
import { dataHash, instrumentRecord } from '../hashes/data-hash';
import { configHash, equityHash, eventsHash, inputHash, runHash, tradesHash } from '../hashes/run-hashes';
import { prepareMinuteBars } from '../market/minute-bars';
import { renderReportHtml } from '../report/report-html';
import { Engine, type MinuteBar, type StopReason } from '../runtime/engine';
import type { RunEvent } from '../runtime/run-recorder';
import { typedRowsFromMemory } from '../verify/typed-rows';
import { lazyRecord, once } from './lazy-record';
import { rollupForReport } from './report-candles';
import { planRunWindow, type RunWindow } from './run-window';

/** Version of the engine build that names every run (`engine.md` §10.1): package version + Node major. */
export const ENGINE_VERSION = `trade-engine/0.1.0 node${process.versions.node.split('.')[0]}`;

export type FundingConfig =
  | { readonly source: 'none' }
  | { readonly source: 'constant'; readonly rate: number }
  | { readonly source: 'history'; readonly ts: ArrayLike<number>; readonly rates: ArrayLike<number> };

export interface SyntheticDescriptor {
  readonly pattern: string;
  readonly bars: number;
  readonly seed: number;
  readonly start: number;
  readonly config: Readonly<Record<string, number>>;
}

export interface BacktestInput {
  readonly compiled: CompiledPlay;
  /** Every available 1m bar around the window (warmup history included). */
  readonly candles1m: Candles;
  readonly mark1m?: Candles;
  readonly instrument: InstrumentSpec;
  readonly funding: FundingConfig;
  readonly dataMode: 'store' | 'file' | 'synthetic';
  /** Requested window; null = the whole data range. */
  readonly window: { readonly start: number; readonly end: number } | null;
  readonly synthetic?: SyntheticDescriptor;
  readonly overrides?: {
    readonly equity?: number;
    readonly slippageBps?: number;
    readonly variables?: Readonly<Record<string, unknown>>;
  };
  /** Where run folders go; omit to run without writing artifacts. */
  readonly artifactsRoot?: string;
  /** Write report.html with the artifacts (default true; validation audits that read only the data files skip it). */
  readonly report?: boolean;
  /** The play file's bytes as read (written as play.yml; its SHA-256 is provenance). */
  readonly playSource?: string;
  readonly maxGapShare?: number;
  /** Called every ~50k minutes with (done, total): progress display. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface BacktestHashes {
  readonly play_hash: string;
  readonly data_hash: string;
  readonly config_hash: string;
  readonly input_hash: string;
  readonly trades_hash: string;
  readonly equity_hash: string;
  readonly events_hash: string;
  readonly run_hash: string;
}

export interface BacktestResult {
  readonly result: Record<string, unknown>;
  readonly metrics: Metrics;
  readonly hashes: BacktestHashes;
  readonly stopReason: StopReason;
  readonly window: RunWindow;
  readonly trades: readonly TradeRow[];
  readonly equity: readonly EquityRow[];
  readonly events: readonly RunEvent[];
  /** Absolute path of the run folder, when artifacts were written. */
  readonly folder: string | null;
  readonly files: Readonly<Record<string, string>>;
}

/**
 * Runs a compiled play over 1m bars: preflight (`engine.md` §2, §12), the minute loop that alternates the
 * simulator (`stepMinute`) and the engine's close side, metrics, every hash, and the run folder.
 */
export function runBacktest(input: BacktestInput): BacktestResult {
  const { compiled, instrument } = input;
  const play = compiled.play;
  const leverage = play.account.max_leverage;
  if (leverage > instrument.maxLeverage) {
    throw new EngineError(
      'E_LEVERAGE_EXCEEDS',
      `max_leverage ${leverage} exceeds ${instrument.symbol}'s ${instrument.maxLeverage}`,
      {
        path: 'account.max_leverage',
        hint: `use at most ${instrument.maxLeverage}`,
      },
    );
  }
  const prepared = prepareMinuteBars(input.candles1m, { maxGapShare: input.maxGapShare ?? 0.01 });
  const window = planRunWindow(compiled, prepared.candles, input.window);
  const all = prepared.candles;
  const from = lowerBoundTs(all, window.dataStart);
  const to = lowerBoundTs(all, window.simEnd);
  const bars = sliceCandles(all, from, to);
  const mark =
    input.mark1m === undefined
      ? undefined
      : prepareMinuteBars(input.mark1m, { series: 'mark', maxGapShare: 1 }).candles;
  const equity0 = input.overrides?.equity ?? play.backtest.equity ?? play.account.starting_equity_usdt;
  const slippageBps = input.overrides?.slippageBps ?? play.backtest.slippage_bps ?? play.account.slippage_bps;
  const takerFeeRate = play.account.fee_model.taker_bps / 10_000;
  const makerFeeRate = play.account.fee_model.maker_bps / 10_000;
  const funding: FundingSource =
    input.funding.source === 'history'
      ? {
          source: 'history',
          rates: Array.from({ length: input.funding.ts.length }, (_, i) => ({
            fundingTime: (input.funding as { ts: ArrayLike<number> }).ts[i]!,
            rate: (input.funding as { rates: ArrayLike<number> }).rates[i]!,
          })),
        }
      : input.funding;
  const sim = new SimExchange(
    instrument,
    {
      initialWalletUsdt: equity0,
      takerFeeRate,
      makerFeeRate,
      leverage,
      slippage: { kind: 'fixed_bps', bps: slippageBps },
    },
    // The engine samples what it needs from each step report; the per-bar snapshot history would be unused.
    { funding, snapshots: 'latest', expectedBars: bars.length },
  );
  const fundingTs = input.funding.source === 'history' ? input.funding.ts : [];
  const fundingRates = input.funding.source === 'history' ? input.funding.rates : [];
  const engine = new Engine({
    compiled,
    instrument,
    exchange: sim,
    symbol: play.symbol,
    simStart: window.simStart,
    simEnd: window.simEnd,
    leverage,
    takerFeeRate,
    makerFeeRate,
    slippageRate: slippageBps / 10_000,
    initialEquity: equity0,
    maxDrawdownPct: play.account.max_drawdown_pct,
    funding: { ts: fundingTs, rates: fundingRates },
    expectedMinutes: bars.length,
  });

  const playHash = compiled.playHash;
  // Every hash below is computed on first read (lazy-record.ts): runs that never read them skip the digests.
  const dHash = once(() =>
    dataHash({
      symbol: play.symbol,
      instrument,
      last1m: bars,
      ...(mark === undefined
        ? {}
        : {
            mark1m: sliceCandles(
              mark,
              lowerBoundTs(mark, window.dataStart),
              lowerBoundTs(mark, window.simEnd),
            ),
          }),
      funding:
        input.funding.source === 'history'
          ? { source: 'history', ts: fundingTs, rates: fundingRates }
          : input.funding.source === 'constant'
            ? { source: 'constant', constantRate: input.funding.rate }
            : { source: 'none' },
    }),
  );
  const cHash = configHash({
    data_mode: input.dataMode,
    window_start: window.windowStart,
    window_end: window.windowEnd,
    sim_start: window.simStart,
    sim_end: window.simEnd,
    synthetic: input.synthetic ?? null,
    overrides: {
      variables: input.overrides?.variables ?? {},
      equity: input.overrides?.equity ?? null,
      slippage_bps: input.overrides?.slippageBps ?? null,
    },
    funding_mode: input.funding.source,
  });
  const iHash = once(() =>
    inputHash({
      engine_version: ENGINE_VERSION,
      play_hash: playHash,
      data_hash: dHash(),
      config_hash: cHash,
    }),
  );
  engine.start(
    lazyRecord({
      play_id: () => play.id,
      play_hash: () => playHash,
      data_hash: dHash,
      config_hash: () => cHash,
      engine_version: () => ENGINE_VERSION,
      sim_start: () => window.simStart,
      sim_end: () => window.simEnd,
      eval_clock: () => compiled.evalClock,
      mark_source: () => (mark === undefined ? 'last_fallback' : 'mark'),
      funding_source: () => input.funding.source,
    }),
  );

  // The minute loop: simulator (open side and intrabar of bar k), then the engine's close side at its close.
  const bar: { -readonly [K in keyof MinuteBar]: MinuteBar[K] } = {
    ts: 0,
    open: 0,
    high: 0,
    low: 0,
    close: 0,
    volume: 0,
    markClose: Number.NaN,
  };
  const simBar = { openTime: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  const markBar = { openTime: 0, open: 0, high: 0, low: 0, close: 0 };
  let markIdx = mark === undefined ? -1 : lowerBoundTs(mark, window.dataStart);
  let lastProcessedClose = Number.NaN;
  for (let i = 0; i < bars.length; i++) {
    const ts = bars.ts[i]!;
    bar.ts = ts;
    bar.open = bars.open[i]!;
    bar.high = bars.high[i]!;
    bar.low = bars.low[i]!;
    bar.close = bars.close[i]!;
    bar.volume = bars.volume[i]!;
    let hasMark = false;
    if (mark !== undefined) {
      while (markIdx < mark.length && mark.ts[markIdx]! < ts) markIdx++;
      hasMark = markIdx < mark.length && mark.ts[markIdx] === ts;
    }
    bar.markClose = hasMark ? mark!.close[markIdx]! : Number.NaN;
    let report: StepReport | null = null;
    if (ts >= window.simStart && ts < window.simEnd) {
      simBar.openTime = ts;
      simBar.open = bar.open;
      simBar.high = bar.high;
      simBar.low = bar.low;
      simBar.close = bar.close;
      simBar.volume = bar.volume;
      if (hasMark) {
        markBar.openTime = ts;
        markBar.open = mark!.open[markIdx]!;
        markBar.high = mark!.high[markIdx]!;
        markBar.low = mark!.low[markIdx]!;
        markBar.close = mark!.close[markIdx]!;
        report = sim.stepMinute(simBar, { mark: markBar });
      } else report = sim.stepMinute(simBar);
      lastProcessedClose = bar.close;
    }
    engine.onMinuteClose(bar, report);
    if (input.onProgress !== undefined && i % 50_000 === 0) input.onProgress(i, bars.length);
    if (engine.stopped) break;
  }
  if (!engine.stopped) {
    throw new EngineError('E_DATA_INSUFFICIENT', 'the data ended before sim_end', {
      hint: 'this is a bug in the run window',
    });
  }
  const stopReason = engine.stopReason!;
  const rec = engine.recorder;

  const simResult = sim.result();
  const firstExec = lowerBoundTs(bars, window.simStart);
  const metrics = computeMetrics({
    timeframe: compiled.execTf,
    equity: rec.equity.map((r) => r.equity_usdt as number),
    trades: sim.trades.map((t, i) => ({ ...t, ...rec.tradeBars[i]! })),
    funding: sim.fundingRecords(),
    initialEquity: equity0,
    benchmark: { firstPrice: bars.open[firstExec]!, lastPrice: lastProcessedClose },
    exposureSamples: rec.exposureSamples,
    marginSamples: rec.marginSamples,
    liqDistanceSamples: rec.liqDistanceSamples,
    entryAttempts: simResult.counters.entryAttempts,
    entryRejections: simResult.counters.entryRejections,
    liquidationEvents: simResult.counters.liquidations + simResult.counters.partialLiquidations,
  });

  const eventsText = once(() => rec.eventsJsonl());
  const tHash = once(() => tradesHash(typedRowsFromMemory(rec.trades)));
  // Equity rows hold numbers and plain strings only: hashed as they are, without a typed copy per row.
  const eHash = once(() => equityHash(rec.equity as unknown as readonly Readonly<Record<string, unknown>>[]));
  const evHash = once(() => eventsHash(eventsText()));
  const rHash = once(() =>
    runHash({
      engine_version: ENGINE_VERSION,
      input_hash: iHash(),
      trades_hash: tHash(),
      equity_hash: eHash(),
      events_hash: evHash(),
      stop_reason: stopReason,
    }),
  );
  const hashes = lazyRecord<BacktestHashes>({
    play_hash: () => playHash,
    data_hash: dHash,
    config_hash: () => cHash,
    input_hash: iHash,
    trades_hash: tHash,
    equity_hash: eHash,
    events_hash: evHash,
    run_hash: rHash,
  });
  const tag =
    input.synthetic !== undefined
      ? `syn-${input.synthetic.pattern}-s${input.synthetic.seed}-b${input.synthetic.bars}`
      : windowTag(window.simStart, window.simEnd);
  const folderRel = once(() => join('backtests', play.id, play.symbol, `${tag}_${shortHash(iHash())}`));
  const checks = expectedChecks(play.expected, metrics, stopReason);
  const result = {
    schema: 'result/v1',
    play: {
      id: play.id,
      name: play.name,
      symbol: play.symbol,
      file: play.file,
      source_sha256: input.playSource === undefined ? null : sha256Hex(input.playSource),
      play_hash: playHash,
      variables: play.variables,
    },
    run: {
      engine_version: ENGINE_VERSION,
      data_mode: input.dataMode,
      window_start: window.windowStart,
      window_end: window.windowEnd,
      sim_start: window.simStart,
      sim_end: window.simEnd,
      exec_tf: compiled.execTf,
      timeframes: compiled.timeframes.map((t) => t.tf),
      eval_clock: compiled.evalClock,
      warmup_bars: window.warmupBars,
      warmup_truncated: window.warmupTruncated,
      window_truncated: window.windowTruncated,
      exec_bars: rec.equity.filter((r) => r.kind === 'bar').length,
      one_minute_bars: bars.length,
    },
    market: {
      mark_source: mark === undefined ? 'last_fallback' : 'mark',
      funding_source: input.funding.source,
      funding_constant_rate: input.funding.source === 'constant' ? input.funding.rate : null,
      funding_gaps: simResult.fundingMissing,
      gaps_filled: prepared.gapsFilled,
      instrument: instrumentRecord(instrument),
    },
    account: {
      initial_equity_usdt: equity0,
      leverage,
      taker_bps: play.account.fee_model.taker_bps,
      maker_bps: play.account.fee_model.maker_bps,
      slippage_bps: slippageBps,
      max_drawdown_pct: play.account.max_drawdown_pct,
    },
    stop: {
      stop_reason: stopReason,
      stopped_early: stopReason !== 'end_of_data',
      stop_ts: engine.stopInstant,
      detail: null,
    },
    metrics,
    counters: rec.counters,
    expected: checks,
    hashes,
    artifacts: lazyRecord({
      folder: folderRel,
      files: () => [
        'result.json',
        'trades.csv',
        'equity.csv',
        'events.jsonl',
        ...(input.report === false ? [] : ['report.html']),
        'play.yml',
        'play.normalized.json',
      ],
    }),
    warnings: play.warnings.map((w) => ({ code: w.code, message: w.message })),
  };
  // Artifact texts are built on first read: runs without an artifacts folder (validation, research) that never
  // read `files` skip formatting the CSVs, which costs about as much as the minute loop on long runs.
  const files: Record<string, string> = lazyRecord<Record<string, string>>({
    'trades.csv': () =>
      toCsv(
        TRADE_COLUMNS,
        rec.trades.map((r) => rowCells(TRADE_COLUMNS, r)),
      ),
    'equity.csv': () =>
      toCsv(
        EQUITY_COLUMNS,
        rec.equity.map((r) => rowCells(EQUITY_COLUMNS, r)),
      ),
    'events.jsonl': eventsText,
    'play.yml': () => input.playSource ?? '',
    'play.normalized.json': () => canonicalJson(playHashInput(play)),
  });
  let folder: string | null = null;
  if (input.artifactsRoot !== undefined && input.report !== false) {
    const execBars = rollupForReport(bars, compiled.execTf, window.simStart, window.simEnd);
    files['report.html'] = renderReportHtml({
      playId: play.id,
      symbol: play.symbol,
      execTf: compiled.execTf,
      windowStart: window.simStart,
      windowEnd: window.simEnd,
      stopReason,
      hashes: { play: shortHash(playHash), data: shortHash(dHash()), run: shortHash(rHash()) },
      candles: execBars,
      candles1m: sliceCandles(bars, firstExec, bars.length),
      trades: rec.trades,
      equity: rec.equity,
      metrics: headlineMetrics(metrics),
      normalizedPlay: JSON.stringify(playHashInput(play), null, 2),
    });
  }
  if (input.artifactsRoot !== undefined) {
    folder = join(input.artifactsRoot, folderRel());
    writeRunFolder(folder, {
      ...files,
      'result.json': sortedJson({ ...result, meta: { created_at: new Date().toISOString(), host: 'local' } }),
    });
  }
  return {
    result,
    metrics,
    hashes,
    stopReason,
    window,
    trades: rec.trades,
    equity: rec.equity,
    events: rec.events,
    folder,
    files,
  };
}

/** The tiles of the report header. */
function headlineMetrics(m: Metrics): Record<string, number | string> {
  const pick = [
    'net_profit',
    'net_return_pct',
    'max_drawdown_pct',
    'total_trades',
    'win_rate',
    'profit_factor',
    'sharpe',
    'sortino',
    'calmar',
  ] as const;
  const out: Record<string, number | string> = {};
  const record = m as unknown as Record<string, number | string>;
  for (const k of pick)
    if (k in record)
      out[k] = typeof record[k] === 'number' ? Number((record[k] as number).toFixed(4)) : record[k]!;
  return out;
}

interface ExpectedCheck {
  readonly key: string;
  readonly expected: unknown;
  readonly actual: unknown;
  readonly pass: boolean;
}

/** Evaluates the play's `expected` block (`play-dsl.md` §16) against the metrics. */
export function expectedChecks(
  expected: CompiledPlay['play']['expected'],
  metrics: Metrics,
  stopReason: StopReason,
): { checked: boolean; passed: boolean; checks: ExpectedCheck[] } {
  if (expected === null) return { checked: false, passed: true, checks: [] };
  const m = metrics as unknown as Record<string, number>;
  const checks: ExpectedCheck[] = [];
  const add = (key: string, exp: unknown, actual: unknown, pass: boolean) =>
    checks.push({ key, expected: exp, actual, pass });
  if (expected.min_trades !== undefined)
    add('min_trades', expected.min_trades, m.total_trades, m.total_trades! >= expected.min_trades);
  if (expected.max_trades !== undefined)
    add('max_trades', expected.max_trades, m.total_trades, m.total_trades! <= expected.max_trades);
  if (expected.direction !== undefined) {
    const longs = m.long_trades ?? 0;
    const shorts = m.short_trades ?? 0;
    const ok =
      expected.direction === 'long'
        ? longs > 0 && shorts === 0
        : expected.direction === 'short'
          ? shorts > 0 && longs === 0
          : longs > 0 && shorts > 0;
    add('direction', expected.direction, { long_trades: longs, short_trades: shorts }, ok);
  }
  if (expected.pnl_direction !== undefined && expected.pnl_direction !== 'any') {
    const np = m.net_profit!;
    add('pnl_direction', expected.pnl_direction, np, expected.pnl_direction === 'positive' ? np > 0 : np < 0);
  }
  if (expected.min_win_rate_pct !== undefined)
    add('min_win_rate_pct', expected.min_win_rate_pct, m.win_rate, m.win_rate! >= expected.min_win_rate_pct);
  if (expected.max_drawdown_pct !== undefined)
    add(
      'max_drawdown_pct',
      expected.max_drawdown_pct,
      m.max_drawdown_pct,
      m.max_drawdown_pct! <= expected.max_drawdown_pct,
    );
  if (expected.min_net_return_pct !== undefined) {
    add(
      'min_net_return_pct',
      expected.min_net_return_pct,
      m.net_return_pct,
      m.net_return_pct! >= expected.min_net_return_pct,
    );
  }
  if (expected.stop_reason !== undefined)
    add('stop_reason', expected.stop_reason, stopReason, stopReason === expected.stop_reason);
  return { checked: true, passed: checks.every((c) => c.pass), checks };
}
