import { readFileSync } from 'node:fs';
import {
  BTCUSDT_INSTRUMENT,
  type Candles,
  type InstrumentSpec,
  MINUTE_MS,
  parseCandlesCsv,
  TradeError,
  tfDurationMs,
} from '@trade/core';
import {
  type DataLocationOptions,
  loadCandles,
  loadFunding,
  loadInstrument,
  loadMarkCandles,
  openReader,
  resolveSyntheticSelection,
  type SyntheticOptions,
  syntheticWindowBars,
} from '@trade/data';
import { type CompiledPlay, compilePlay, loadPlay, type Play } from '@trade/play';
import { EngineError } from '../errors';
import {
  type BacktestResult,
  type FundingConfig,
  runBacktest,
  type SyntheticDescriptor,
} from './run-backtest';
import { syntheticDataset } from './synthetic-cache';

/** Where a backtest's 1m bars come from (`cli.md` §4.1: DuckDB by default, a CSV, or the synthetic generator). */
export type BacktestSource =
  | {
      readonly kind: 'synthetic';
      readonly pattern?: string;
      readonly bars?: number;
      readonly seed?: number;
      readonly config?: Readonly<Record<string, number>>;
    }
  | {
      readonly kind: 'csv';
      readonly path: string;
      readonly window?: { readonly start: number; readonly end: number };
    }
  | {
      readonly kind: 'store';
      readonly location: DataLocationOptions;
      readonly window: { readonly start: number; readonly end: number } | null;
      readonly symbol?: string;
    };

export interface PlayBacktestOptions {
  readonly playPath: string;
  readonly source: BacktestSource;
  readonly artifactsRoot?: string;
  /** Write report.html with the artifacts (default true). */
  readonly report?: boolean;
  readonly equity?: number;
  readonly variables?: Readonly<Record<string, string>>;
  readonly onProgress?: (done: number, total: number) => void;
  /** Reuse synthetic data from the per-thread cache (default true; G14's second run passes false). */
  readonly syntheticCache?: boolean;
}

/**
 * The instrument used when no synced spec exists: the BTCUSDT fixture of `sim-exchange.md` §4.2, renamed to
 * the play's symbol for synthetic and CSV data (the result records `risk_tiers_source: fixture`).
 */
function fixtureInstrument(symbol: string): InstrumentSpec {
  return symbol === BTCUSDT_INSTRUMENT.symbol ? BTCUSDT_INSTRUMENT : { ...BTCUSDT_INSTRUMENT, symbol };
}

/** Minutes of history the play needs before its first tick: the largest W(T)·T, plus the 1m lookback. */
export function warmupMinutes(compiled: CompiledPlay): number {
  let minutes = compiled.minuteLookback;
  for (const t of compiled.timeframes) {
    minutes = Math.max(minutes, ((t.warmupBars + 1) * tfDurationMs(t.tf)) / MINUTE_MS);
  }
  return minutes;
}

/** What a synthetic run of a play generates and simulates (`synthetic-data.md` §7.2–7.3). */
export interface SyntheticRunPlan {
  /** Generator options: the pattern on the exec TF after a ranging lead-in covering the warmup. */
  readonly options: SyntheticOptions;
  readonly descriptor: SyntheticDescriptor;
  /** The simulated window `[synthetic.start, synthetic.start + bars · exec)`. */
  readonly window: { readonly start: number; readonly end: number };
}

/**
 * The one rule for a play's synthetic data: the play's `synthetic:` block overridden by `source` (CLI flags),
 * the lead-in from the warmup, the bar count of `synthetic-data.md` §7.3. Tests that need the very data a run
 * simulates call it too.
 */
export function syntheticRunPlan(
  play: Play,
  compiled: CompiledPlay,
  source: Omit<Extract<BacktestSource, { kind: 'synthetic' }>, 'kind'> = {},
): SyntheticRunPlan {
  const execMs = tfDurationMs(compiled.execTf);
  const block = play.synthetic;
  const selection = resolveSyntheticSelection({
    cli: {
      ...(source.pattern === undefined ? {} : { pattern: source.pattern }),
      ...(source.bars === undefined ? {} : { bars: source.bars }),
      ...(source.seed === undefined ? {} : { seed: source.seed }),
      ...(source.config === undefined ? {} : { config: source.config }),
    },
    ...(block === null
      ? {}
      : {
          synthetic: {
            pattern: block.pattern,
            seed: block.seed,
            start: Date.parse(block.start),
            config: block.config as Record<string, number>,
            ...(block.bars === null ? {} : { bars: block.bars }),
          },
        }),
  });
  const leadIn = Math.ceil((warmupMinutes(compiled) * MINUTE_MS) / execMs) + 1;
  const bars = syntheticWindowBars(leadIn, selection.bars);
  return {
    options: {
      pattern: selection.pattern,
      bars,
      leadInBars: leadIn,
      seed: selection.seed,
      tfs: [compiled.execTf],
      patternTf: compiled.execTf,
      startMs: selection.startMs,
      config: selection.config,
      symbol: play.symbol,
    },
    descriptor: {
      pattern: selection.pattern,
      bars,
      seed: selection.seed,
      start: selection.startMs,
      config: selection.config,
    },
    window: { start: selection.startMs, end: selection.startMs + bars * execMs },
  };
}

/**
 * Loads a play, gets its data from the chosen source, and runs it (`runBacktest`). The one entry point behind
 * `trade backtest run`; validation and research scripts call it too.
 */
export async function runPlayBacktest(options: PlayBacktestOptions): Promise<BacktestResult> {
  const playSource = readFileSync(options.playPath, 'utf8');
  const play = loadPlay(
    options.playPath,
    options.variables === undefined ? {} : { variables: options.variables },
  );
  const compiled = compilePlay(play);
  const common = {
    compiled,
    playSource,
    ...(options.artifactsRoot === undefined ? {} : { artifactsRoot: options.artifactsRoot }),
    ...(options.report === undefined ? {} : { report: options.report }),
    ...(options.equity === undefined ? {} : { overrides: { equity: options.equity } }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  };
  const src = options.source;
  if (src.kind === 'synthetic') {
    const plan = syntheticRunPlan(play, compiled, src);
    const ds = syntheticDataset(plan.options, options.syntheticCache ?? true);
    return runBacktest({
      ...common,
      candles1m: ds.candles1m,
      instrument: fixtureInstrument(play.symbol),
      funding: { source: 'none' },
      dataMode: 'synthetic',
      window: plan.window,
      synthetic: plan.descriptor,
    });
  }
  if (src.kind === 'csv') {
    let candles: Candles;
    try {
      candles = parseCandlesCsv(readFileSync(src.path, 'utf8'), { file: src.path });
    } catch (e) {
      if (e instanceof TradeError) throw e;
      throw new EngineError('E_DATA_NO_1M', `cannot read ${src.path}: ${(e as Error).message}`, {
        file: src.path,
        hint: 'pass a CSV with header ts,open,high,low,close,volume (1m bars)',
      });
    }
    return runBacktest({
      ...common,
      candles1m: candles,
      instrument: fixtureInstrument(play.symbol),
      funding: { source: 'none' },
      dataMode: 'file',
      window: src.window ?? null,
    });
  }
  const symbol = src.symbol ?? play.symbol;
  const window =
    src.window ??
    (play.date_range === null
      ? null
      : { start: Date.parse(play.date_range.start), end: Date.parse(play.date_range.end) });
  if (window === null) {
    throw new EngineError(
      'E_WINDOW_INVALID',
      'no window: the play has no date_range and no --from/--to was given',
      {
        path: 'window',
        hint: 'pass --from and --to, or use --synthetic or --csv',
      },
    );
  }
  const store = await openReader(src.location);
  try {
    const start = window.start - warmupMinutes(compiled) * MINUTE_MS;
    const candles = await loadCandles(store, { symbol, tf: '1m', start, end: window.end });
    if (candles.length === 0) {
      throw new EngineError('E_DATA_NO_1M', `no 1m bars for ${symbol} in the data store for this window`, {
        hint: `trade data sync --symbol ${symbol} (or trade data import) first`,
      });
    }
    const mark = await loadMarkCandles(store, { symbol, tf: '1m', start, end: window.end });
    const fundingRows = await loadFunding(store, { symbol, start: window.start, end: window.end });
    const stored = await loadInstrument(store, symbol);
    const instrument =
      stored !== undefined && stored.riskTiers.length > 0
        ? stored
        : symbol === 'BTCUSDT'
          ? BTCUSDT_INSTRUMENT
          : undefined;
    if (instrument === undefined) {
      throw new EngineError('E_INSTRUMENT_UNKNOWN', `no instrument spec for ${symbol}`, {
        hint: `trade data sync --symbol ${symbol} fetches instruments-info and risk tiers`,
      });
    }
    const funding: FundingConfig =
      fundingRows.length > 0
        ? { source: 'history', ts: fundingRows.ts, rates: fundingRows.rate }
        : { source: 'none' };
    return runBacktest({
      ...common,
      candles1m: candles,
      ...(mark.length > 0 ? { mark1m: mark } : {}),
      instrument,
      funding,
      dataMode: 'store',
      window,
    });
  } finally {
    await store.close();
  }
}
