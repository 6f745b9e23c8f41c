import type { VerifyCheck } from './check';
import { equityChecks } from './check-equity';
import { eventChecks } from './check-events';
import { hashChecks } from './check-hashes';
import { moneyChecks } from './check-money';
import type { RunArtifacts } from './run-artifacts';

/** `position_policy.exit_mode` of the normalized play, when the artifacts carry it. */
function exitModeOf(normalizedPlay: string | null): string | null {
  if (normalizedPlay === null) return null;
  const play = JSON.parse(normalizedPlay) as { position_policy?: { exit_mode?: unknown } };
  const mode = play.position_policy?.exit_mode;
  return typeof mode === 'string' ? mode : null;
}

/**
 * Every check the artifacts of a finished run allow (`engine.md` §10.3, §13): recomputed hashes, then the run
 * invariants. Works the same on a run folder (`verifyRun`) and on an in-memory result (`artifactsFromResult`).
 */
export function checkRunArtifacts(artifacts: RunArtifacts): VerifyCheck[] {
  return [
    ...hashChecks(artifacts),
    ...moneyChecks(artifacts),
    ...equityChecks(artifacts),
    ...eventChecks(artifacts, exitModeOf(artifacts.normalizedPlay)),
  ];
}
