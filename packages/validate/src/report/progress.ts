import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GateResult } from '../runner/types';
import { toReportJson } from './json';

export type ProgressStatus = 'in_progress' | 'complete' | 'interrupted';

/** `.trade/validate/<tier>.progress.json` under `cwd` (`validation.md` §3 progress checkpoint). */
export function progressPath(cwd: string, tier: string): string {
  return join(cwd, '.trade', 'validate', `${tier.replace(':', '-')}.progress.json`);
}

/**
 * Writes the checkpoint atomically (temp file + rename) so a reader never sees half a file. It is not the
 * report: keys `tier`, `status`, `gates_completed`, `gates_passed`, `gates_failed`, `gates`.
 */
export function writeProgress(
  file: string,
  tier: string,
  status: ProgressStatus,
  gates: readonly GateResult[],
): void {
  const json = toReportJson({ tier, durationSec: 0, gates });
  const doc = {
    tier,
    status,
    gates_completed: json.gates.length,
    gates_passed: json.gates.filter((g) => g.passed).length,
    gates_failed: json.failed_gates,
    gates: json.gates,
  };
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(doc, null, 2)}\n`);
  renameSync(tmp, file);
}
