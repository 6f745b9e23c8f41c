import { join } from 'node:path';
import { loadPlay } from '@trade/play';
import type { GateContext, GateDef, GateFailure, GateOutcome } from '../../runner/types';
import { playIdOf } from '../core/yaml-parse';
import { runPlays, suitePlayFiles } from '../suites/play-suite';

/** The play's `expected.stop_reason`, or undefined when it cannot be read. */
function expectedStop(path: string): string | undefined {
  try {
    return loadPlay(path).expected?.stop_reason;
  } catch {
    return undefined;
  }
}

/**
 * G4b Risk Stops (`validation.md` §10): each risk play must end with its expected `stop_reason` and write its
 * artifacts. The ledger-identity check is not wired yet (the engine exposes no ledger delta to this gate).
 */
export const riskStopsGate: GateDef = {
  id: 'G4b',
  name: 'Risk Stops',
  module: 'risk',
  async run(ctx: GateContext): Promise<GateOutcome> {
    const files = suitePlayFiles(join(ctx.validationPlaysDir, 'risk'));
    if (files.length === 0)
      return { passed: false, checked: 0, detail: '0 risk plays', failures: [{ message: 'risk: no plays' }] };
    const results = await runPlays(ctx, 'G4b', files, true);
    const failures: GateFailure[] = [];
    results.forEach((r, i) => {
      const id = playIdOf(files[i]!);
      if (r.error !== null) {
        failures.push({ play: id, message: `${id}: ${r.error.code}: ${r.error.message}` });
        return;
      }
      const want = expectedStop(files[i]!);
      if (want === undefined || r.stopReason !== want)
        failures.push({
          play: id,
          message: `${id}: expected ${want ?? '(no expected.stop_reason)'}, got ${r.stopReason ?? 'none'}`,
        });
      for (const f of r.missingArtifacts)
        failures.push({ play: id, message: `${id}: artifact ${f} missing` });
    });
    return {
      passed: failures.length === 0,
      checked: files.length,
      detail: `${files.length} risk plays`,
      failures,
    };
  },
};
