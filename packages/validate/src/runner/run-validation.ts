import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findSharedDir } from '@trade/core';
import { ValidationError } from '../errors';
import { createTaskPool, defaultPlayWorkerFile, type TaskFn, type TaskPool } from '../pool/task-pool';
import { progressPath, writeProgress } from '../report/progress';
import { formatStatusLine, type RunStatus } from '../report/status-line';
import { runStages, type ValidationReport } from './run-stages';
import { buildSchedule, checkScheduleRequest, type ScheduleRequest } from './schedule';
import type { GateDef, GateResult, PreLiveSettings, RealTierSettings } from './types';

/** Gates that read `plays/validation`; a tier scheduling one cannot start without that folder (exit 3). */
const PLAY_GATES = new Set(['G1', 'G4', 'G4b', 'G8', 'G9', 'G10', 'G12', 'G13', 'G14']);

/** `--timeout-gate` default (`validation.md` §8). */
export const DEFAULT_TIMEOUT_GATE_SEC = 600;

export interface ValidationOptions extends ScheduleRequest {
  /** `--workers N` (global cap). */
  readonly workers: number;
  /** Default true; false = `--no-fail-fast`. */
  readonly failFast?: boolean;
  /** Working directory; plays resolve against `<cwd>/plays/validation`. */
  readonly cwd: string;
  /** Overrides `<cwd>/plays/validation`. */
  readonly validationPlaysDir?: string;
  /** Gate registry (tests inject synthetic gates); default `defaultGates()`. */
  readonly gates?: ReadonlyMap<string, GateDef> | undefined;
  /** Worker module for threads; default: the built play worker when present. */
  readonly workerFile?: string | URL;
  /** Inline task functions; default the play tasks. */
  readonly inlineTasks?: Readonly<Record<string, TaskFn>> | undefined;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly onGate?: (result: GateResult) => void;
  /** The live status line (`stage 4/8 · G8 17/25 plays · 0:31`), redrawn by the caller on a TTY. */
  readonly onStatus?: (line: string) => void;
  /** Per-play time limit (`--timeout-play`, default 120 s synthetic); enforced in worker threads. */
  readonly timeoutPlaySec?: number;
  /** Per-gate time limit (`--timeout-gate`, default 600 s): aborts the gate's remaining tasks. */
  readonly timeoutGateSec?: number;
  /** Abort = SIGINT: the pool is destroyed, the checkpoint says `interrupted`, `E_VALIDATE_INTERRUPTED` is thrown. */
  readonly signal?: AbortSignal;
  /** Write `.trade/validate/<tier>.progress.json` under `cwd` after every gate (the CLI does). */
  readonly progress?: boolean;
  /** Real tier / real modules: settings from `prepareRealTier` (`--manifest`, `--sync`); default manifest otherwise. */
  readonly real?: RealTierSettings | undefined;
  /** Pre-live: `--target` (default `demo`, `validation.md` §12) and an optional mock test account (tests). */
  readonly preLive?: Partial<PreLiveSettings> | undefined;
}

export interface ValidationRun {
  readonly report: ValidationReport;
  /** Gates scheduled (for `N of M GATES FAILED`). */
  readonly scheduledGates: number;
  /** The pool as it ran: size = `--workers`, mode threads | inline. */
  readonly pool: {
    readonly size: number;
    readonly mode: 'threads' | 'inline';
    readonly inlineReason: string | undefined;
  };
  /** `validation.md` §15: 0 all ran gates passed, 1 any failed. */
  readonly exitCode: 0 | 1;
}

function sharedDirOrUndefined(cwd: string): string | undefined {
  try {
    return findSharedDir(cwd);
  } catch {
    return undefined;
  }
}

/** What `runValidationWith` needs besides the options: the gates and task functions it may use. */
export interface ValidationRegistry {
  readonly gates: ReadonlyMap<string, GateDef>;
  readonly inlineTasks: Readonly<Record<string, TaskFn>>;
  /** Stop with `E_VALIDATE_PLAYS_MISSING` when a play gate is scheduled and the plays folder is missing. */
  readonly requirePlaysDir: boolean;
}

/**
 * One validation run over an explicit registry: checks the request (usage errors throw `ValidationError`),
 * creates the run's one pool, runs the schedule with fail-fast rules, destroys the pool, and returns the report
 * and exit code. It imports no gate itself, so a module entry (`src/bin/modules/*`) reaches only its own gates.
 */
export async function runValidationWith(
  options: ValidationOptions,
  registry: ValidationRegistry,
): Promise<ValidationRun> {
  const schedule = buildSchedule(options, registry.gates);
  const playsDir = options.validationPlaysDir ?? join(options.cwd, 'plays', 'validation');
  const needsPlays = schedule.stages.some((s) => s.some((g) => PLAY_GATES.has(g.id)));
  if (registry.requirePlaysDir && needsPlays && !existsSync(playsDir))
    throw new ValidationError(
      'E_VALIDATE_PLAYS_MISSING',
      `plays folder missing: ${playsDir}`,
      'run from the repository root, or author the validation plays (plays/validation/)',
    );
  const workerFile = options.workerFile ?? defaultPlayWorkerFile();
  const pool: TaskPool = createTaskPool({
    workers: options.workers,
    workerFile,
    inlineTasks: registry.inlineTasks,
    inlineReason: 'the play worker needs the built package (pnpm --filter @trade/validate build)',
    ...(options.env?.TRADE_WORKER_HEAP_MB === undefined
      ? {}
      : { heapMb: Number(options.env.TRADE_WORKER_HEAP_MB) }),
  });
  const env = options.env ?? process.env;
  const checkpoint = options.progress === true ? progressPath(options.cwd, schedule.tier) : undefined;
  const done: GateResult[] = [];
  const onGate = (result: GateResult): void => {
    done.push(result);
    if (checkpoint !== undefined) writeProgress(checkpoint, schedule.tier, 'in_progress', done);
    options.onGate?.(result);
  };
  const runStarted = performance.now();
  let status: Omit<RunStatus, 'elapsedMs'> = { stage: 0, stages: 0, gateId: undefined, done: 0, total: 0 };
  const showStatus = (next: Omit<RunStatus, 'elapsedMs'>): void => {
    status = next;
    options.onStatus?.(formatStatusLine({ ...status, elapsedMs: performance.now() - runStarted }));
  };
  const onAbort = (): void => {
    void pool.destroy();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const report = await runStages({
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      schedule,
      failFast: options.failFast ?? true,
      onGate,
      onStage: (stage, stages, gateId) => showStatus({ stage, stages, gateId, done: 0, total: 0 }),
      context: {
        onTaskDone: (gateId, done, total) => showStatus({ ...status, gateId, done, total }),
        tier: checkScheduleRequest(options),
        cwd: options.cwd,
        validationPlaysDir: playsDir,
        play: options.play === undefined ? undefined : resolve(options.cwd, options.play),
        pool,
        sharedDir: sharedDirOrUndefined(options.cwd),
        ci: env.CI === 'true' || env.CI === '1',
        // Unset = each gate's own default (120 s synthetic, 300 s real, `validation.md` §8).
        timeoutPlayMs: options.timeoutPlaySec === undefined ? undefined : options.timeoutPlaySec * 1000,
        timeoutGateMs: (options.timeoutGateSec ?? DEFAULT_TIMEOUT_GATE_SEC) * 1000,
        ...(options.real === undefined ? {} : { real: options.real }),
        preLive: {
          target: options.preLive?.target ?? 'demo',
          env: options.preLive?.env ?? env,
          mockAccount: options.preLive?.mockAccount,
        },
      },
    });
    if (options.signal?.aborted === true) {
      if (checkpoint !== undefined) writeProgress(checkpoint, schedule.tier, 'interrupted', done);
      throw new ValidationError('E_VALIDATE_INTERRUPTED', 'validation interrupted', 'no report was written');
    }
    if (checkpoint !== undefined) writeProgress(checkpoint, schedule.tier, 'complete', report.gates);
    return {
      report,
      scheduledGates: schedule.stages.reduce((n, s) => n + s.length, 0),
      pool: { size: pool.size, mode: pool.mode, inlineReason: pool.inlineReason },
      exitCode: report.gates.every((g) => g.passed) ? 0 : 1,
    };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await pool.destroy();
  }
}
