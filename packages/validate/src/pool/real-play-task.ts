import { readFileSync } from 'node:fs';
import type { Candles, InstrumentSpec } from '@trade/core';
import { type FundingConfig, runBacktest } from '@trade/engine';
import { compilePlay, loadPlay } from '@trade/play';
import { ledgerAudit } from './ledger-audit';
import { type TaskError, taskError } from './task-error';

/** Payload of a real-data play task (`validation.md` §8, §11.5): structured-clone data only. */
export interface RealPlayTaskPayload {
  readonly gateId: string;
  readonly playId: string;
  readonly playPath: string;
  readonly mode: 'real';
  /** The resolved phase window (or per-play override), `[start, end)` epoch ms. */
  readonly window: { readonly start: number; readonly end: number };
  readonly datasets: {
    /** 1m candles whose columns are `SharedArrayBuffer`-backed, prepared once by the parent (§11.5). */
    readonly candles1m: Candles;
    readonly instrument: InstrumentSpec;
    readonly funding: FundingConfig;
  };
}

export interface RealPlayTaskResult {
  readonly playId: string;
  readonly trades: number;
  readonly stopReason: string | null;
  /** Σ trades.net_pnl_usdt + Σ funding − (final equity − initial equity); null when the run failed. */
  readonly ledgerDelta: number | null;
  /** `run.warmup_truncated` of the result: the stored history could not supply the warmup before the window. */
  readonly warmupTruncated: boolean;
  /** Initial equity the run booked (the base of the ledger identity). */
  readonly initialEquity: number | null;
  readonly durationMs: number;
  readonly error: { readonly code: string; readonly message: string } | null;
}

/** The result of a real play that could not run: no trades, no ledger, only the error. */
export function failedRealPlay(playId: string, error: TaskError, durationMs: number): RealPlayTaskResult {
  return {
    playId,
    trades: 0,
    stopReason: null,
    ledgerDelta: null,
    warmupTruncated: false,
    initialEquity: null,
    durationMs,
    error,
  };
}

/**
 * Runs one play on preloaded real 1m columns (`validation.md` §11.4–11.5): no synthetic data whatever the play's
 * `validation:`/`synthetic:` block says, funding as the manifest says, artifacts off. Never opens DuckDB: the
 * parent read the env once and hands over the columns. Errors are returned, not thrown.
 */
export async function runRealPlay(payload: RealPlayTaskPayload): Promise<RealPlayTaskResult> {
  const started = performance.now();
  try {
    const play = loadPlay(payload.playPath);
    const compiled = compilePlay(play);
    const run = runBacktest({
      compiled,
      playSource: readFileSync(payload.playPath, 'utf8'),
      candles1m: payload.datasets.candles1m,
      instrument: payload.datasets.instrument,
      funding: payload.datasets.funding,
      dataMode: 'store',
      window: payload.window,
    });
    // The same initial equity the engine books (`backtest.equity` overrides the account's).
    const initial = play.backtest.equity ?? play.account.starting_equity_usdt;
    return {
      playId: payload.playId,
      trades: run.trades.length,
      stopReason: run.stopReason,
      ledgerDelta: ledgerAudit({ ...run, result: { initialEquity: initial } }).delta,
      warmupTruncated: run.window.warmupTruncated,
      initialEquity: initial,
      durationMs: performance.now() - started,
      error: null,
    };
  } catch (error) {
    return failedRealPlay(payload.playId, taskError(error), performance.now() - started);
  }
}
