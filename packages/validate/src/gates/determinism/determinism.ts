import type { PlayTaskResult } from '../../pool/play-tasks';
import type { GateContext, GateDef, GateFailure, GateOutcome } from '../../runner/types';
import { corePlayPaths } from '../core/core-plays';
import { runPlays } from '../suites/play-suite';

const HASHES = [
  ['trades', 'trades_hash'],
  ['equity', 'equity_hash'],
  ['run', 'run_hash'],
] as const;

/** Failure lines comparing two runs of one play: `<play_id>: <hash name> <first 12> != <first 12>`. */
export function compareRuns(a: PlayTaskResult, b: PlayTaskResult): string[] {
  const id = a.playId;
  for (const r of [a, b]) if (r.error !== null) return [`${id}: ${r.error.code}: ${r.error.message}`];
  if (a.hashes === null || b.hashes === null) return [`${id}: no hashes`];
  const out: string[] = [];
  for (const [key, label] of HASHES) {
    const x = a.hashes[key];
    const y = b.hashes[key];
    if (x !== y) out.push(`${id}: ${label} ${x.slice(0, 12)} != ${y.slice(0, 12)}`);
  }
  return out;
}

/**
 * G14 Determinism: every core play twice from scratch. Both runs are submitted together, so with N ≥ 2 workers
 * they run in parallel threads; with `--workers 1` they run one after the other inline.
 */
export const determinismGate: GateDef = {
  id: 'G14',
  name: 'Determinism',
  module: 'determinism',
  async run(ctx: GateContext): Promise<GateOutcome> {
    const files = corePlayPaths(ctx);
    // Run B bypasses the synthetic cache, so it generates its data afresh (`validation.md` §6.7).
    const [a, b] = await Promise.all([
      runPlays(ctx, 'G14', files, { hashes: true }),
      runPlays(ctx, 'G14', files, { hashes: true, syntheticCache: false }),
    ]);
    const failures: GateFailure[] = a.flatMap((r, i) =>
      compareRuns(r, b[i]!).map((message) => ({ message, play: r.playId })),
    );
    return {
      passed: failures.length === 0,
      checked: files.length,
      detail: `${files.length} plays x2 runs`,
      failures,
    };
  },
};
