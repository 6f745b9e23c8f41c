import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { failedPlay, type PlayTaskPayload, type PlayTaskResult } from '../../pool/play-tasks';
import { poolError } from '../../pool/task-error';
import type { GateContext, GateDef, GateFailure, GateOutcome } from '../../runner/types';
import { playIdOf } from '../core/yaml-parse';

/** `--timeout-play` default for synthetic runs (`validation.md` §8) when the run sets none. */
export const SYNTHETIC_TIMEOUT_PLAY_MS = 120_000;

/** `*.yml` files directly in `dir`, in file-name order (submission order, `validation.md` §8). */
export function suitePlayFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));
}

/** What a gate asks of each play task besides the trade count and the `expected:` checks. */
export interface RunPlaysOptions {
  /** Write and audit the artifact files (G4b). */
  readonly artifacts?: boolean;
  /** Reuse the thread's synthetic cache (default true; G14's run B passes false). */
  readonly syntheticCache?: boolean;
  /** Report the run's hashes (G14); other gates leave them uncomputed, which saves about a fifth of a run. */
  readonly hashes?: boolean;
}

/** Submits every play as one pool task and waits for all; results in file order. */
export async function runPlays(
  ctx: GateContext,
  gateId: string,
  files: readonly string[],
  { artifacts = false, syntheticCache = true, hashes = false }: RunPlaysOptions = {},
): Promise<PlayTaskResult[]> {
  let done = 0;
  const finished = (r: PlayTaskResult): PlayTaskResult => {
    done += 1;
    ctx.onTaskDone?.(gateId, done, files.length);
    return r;
  };
  return Promise.all(
    files.map((playPath) => {
      const payload: PlayTaskPayload = {
        gateId,
        playId: playIdOf(playPath),
        playPath,
        mode: 'synthetic',
        artifacts,
        hashes,
        ...(syntheticCache ? {} : { syntheticCache: false }),
      };
      const limit = {
        timeoutMs: ctx.timeoutPlayMs ?? SYNTHETIC_TIMEOUT_PLAY_MS,
        ...(ctx.gateTimeout === undefined ? {} : { gateTimeout: ctx.gateTimeout }),
      };
      return ctx.pool
        .run<PlayTaskResult>('runSyntheticPlay', payload, limit)
        .catch((error: unknown) => failedPlay(payload.playId, poolError(error), 0))
        .then(finished);
    }),
  );
}

/** The play-suite rule (`validation.md` §7): no error, trades > 0, every `expected` check passes. */
export function suiteFailures(r: PlayTaskResult): GateFailure[] {
  if (r.error?.code === 'TIMEOUT') return [{ play: r.playId, message: `${r.playId}: ${r.error.message}` }];
  if (r.error !== null)
    return [{ play: r.playId, message: `${r.playId}: ${r.error.code}: ${r.error.message}` }];
  const out: GateFailure[] = [];
  if (r.trades === 0) out.push({ play: r.playId, message: `${r.playId}: zero trades` });
  for (const e of r.expectedFailures) out.push({ play: r.playId, message: `${r.playId}: ${e}` });
  return out;
}

/**
 * The outcome of a play-suite gate (`validation.md` §7 rule 4): passed iff no play failed (and no `extra`
 * failure), `checked` = plays, detail `<n> plays, <Σ trades> trades`.
 */
export function suiteOutcome(
  results: readonly PlayTaskResult[],
  extra: readonly GateFailure[] = [],
): GateOutcome {
  const trades = results.reduce((s, r) => s + r.trades, 0);
  const failures = [...extra, ...results.flatMap(suiteFailures)];
  return {
    passed: failures.length === 0,
    checked: results.length,
    detail: `${results.length} plays, ${trades} trades`,
    failures,
  };
}

/** A gate that runs every play of one folder of `plays/validation` under the play-suite rule. */
export function playSuiteGate(id: string, name: string, module: string, folder: string): GateDef {
  return {
    id,
    name,
    module,
    async run(ctx: GateContext): Promise<GateOutcome> {
      const dir = join(ctx.validationPlaysDir, folder);
      const files = suitePlayFiles(dir);
      if (files.length === 0)
        return {
          passed: false,
          checked: 0,
          detail: '0 plays, 0 trades',
          failures: [{ message: `${folder}: no plays in ${dir}` }],
        };
      return suiteOutcome(await runPlays(ctx, id, files));
    },
  };
}
