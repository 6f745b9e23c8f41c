import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRunFolder, runPlayBacktest } from '@trade/engine';
import { type LedgerAudit, ledgerAudit } from './ledger-audit';
import { runRealPlay } from './real-play-task';
import { type TaskError, taskError } from './task-error';

/** Payload of a play task (`validation.md` §8): structured-clone data only. */
export interface PlayTaskPayload {
  readonly gateId: string;
  readonly playId: string;
  readonly playPath: string;
  readonly mode: 'synthetic';
  /** Write artifacts into a temp dir, report which files exist and audit the ledger from them (G4b). */
  readonly artifacts?: boolean;
  /** Reuse the thread's synthetic cache (default true; G14's second run passes false, `validation.md` §6.7). */
  readonly syntheticCache?: boolean;
  /** Read the run's hashes (G14). The engine computes them on first read, so gates that skip them save the digests. */
  readonly hashes?: boolean;
}

export interface PlayTaskResult {
  readonly playId: string;
  readonly trades: number;
  readonly stopReason: string | null;
  /** Present when the payload asked for them. */
  readonly hashes: { readonly trades: string; readonly equity: string; readonly run: string } | null;
  /** Failing `expected:` checks as `expected.<key> <detail>` (`play-dsl.md` §16). */
  readonly expectedFailures: readonly string[];
  /** Artifact files that were missing (only with `artifacts: true`). */
  readonly missingArtifacts: readonly string[];
  /** The ledger identity read back from the artifact files (only with `artifacts: true` and all files present). */
  readonly ledger: LedgerAudit | null;
  readonly durationMs: number;
  readonly error: { readonly code: string; readonly message: string } | null;
}

const ARTIFACT_FILES = ['result.json', 'trades.csv', 'equity.csv', 'events.jsonl'];

interface ExpectedCheckRow {
  readonly key: string;
  readonly expected: unknown;
  readonly actual: unknown;
  readonly pass: boolean;
}

function expectedFailures(result: Record<string, unknown>): string[] {
  const block = result.expected as { checks?: readonly ExpectedCheckRow[] } | undefined;
  return (block?.checks ?? [])
    .filter((c) => !c.pass)
    .map((c) => `expected.${c.key} ${JSON.stringify(c.expected)}, got ${JSON.stringify(c.actual)}`);
}

/** The result of a play that could not run: no trades, no hashes, only the error. */
export function failedPlay(playId: string, error: TaskError, durationMs: number): PlayTaskResult {
  return {
    playId,
    trades: 0,
    stopReason: null,
    hashes: null,
    expectedFailures: [],
    missingArtifacts: [],
    ledger: null,
    durationMs,
    error,
  };
}

/**
 * Runs one play on the synthetic data its `synthetic:` block selects. Errors are returned, not thrown, so one
 * failing play never takes a worker or a gate down. Never opens DuckDB (`validation.md` §8 Storage).
 */
export async function runSyntheticPlay(payload: PlayTaskPayload): Promise<PlayTaskResult> {
  const started = performance.now();
  const tempRoot = payload.artifacts === true ? mkdtempSync(join(tmpdir(), 'trade-validate-')) : undefined;
  try {
    const run = await runPlayBacktest({
      playPath: payload.playPath,
      source: { kind: 'synthetic' },
      // G4b reads the four data artifacts back; the report is not one of them.
      ...(tempRoot === undefined ? {} : { artifactsRoot: tempRoot, report: false }),
      ...(payload.syntheticCache === false ? { syntheticCache: false } : {}),
    });
    const missing =
      run.folder === null
        ? tempRoot === undefined
          ? []
          : ARTIFACT_FILES
        : ARTIFACT_FILES.filter((f) => !existsSync(join(run.folder as string, f)));
    return {
      playId: payload.playId,
      trades: run.trades.length,
      stopReason: run.stopReason,
      hashes:
        payload.hashes === true
          ? { trades: run.hashes.trades_hash, equity: run.hashes.equity_hash, run: run.hashes.run_hash }
          : null,
      expectedFailures: expectedFailures(run.result),
      missingArtifacts: missing,
      ledger: run.folder !== null && missing.length === 0 ? ledgerAudit(readRunFolder(run.folder)) : null,
      durationMs: performance.now() - started,
      error: null,
    };
  } catch (error) {
    return failedPlay(payload.playId, taskError(error), performance.now() - started);
  } finally {
    if (tempRoot !== undefined) rmSync(tempRoot, { recursive: true, force: true });
  }
}

/** Every task a pool can run, by name: inline mode calls these; the worker module re-exports them. */
export const PLAY_TASKS = { runSyntheticPlay, runRealPlay } as const;
