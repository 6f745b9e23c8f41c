import { join } from 'node:path';
import { loadPlay } from '@trade/play';
import { LEDGER_TOLERANCE, type LedgerAudit } from '../../pool/ledger-audit';
import type { GateContext, GateDef, GateFailure, GateOutcome } from '../../runner/types';
import { playIdOf } from '../core/yaml-parse';
import { runPlays, suitePlayFiles } from '../suites/play-suite';

/** Failure lines of one audited run (`validation.md` §4 G4b formats), empty when the run is sound. */
export function ledgerFailures(id: string, stopReason: string | null, audit: LedgerAudit): GateFailure[] {
  const out: GateFailure[] = [];
  if (!audit.flat) out.push({ play: id, message: `${id}: position still open at the stop` });
  else if (!(Math.abs(audit.delta) <= LEDGER_TOLERANCE))
    out.push({ play: id, message: `${id}: ledger mismatch ${audit.delta.toExponential(3)}` });
  // L5: a liquidation settles at the bankruptcy price, so the loss is capped at the position margin.
  if (stopReason === 'liquidated' && !(audit.finalWallet >= 0))
    out.push({ play: id, message: `${id}: final wallet ${audit.finalWallet} < 0 after liquidation` });
  return out;
}

/** The play's `expected.stop_reason`, or undefined when it cannot be read. */
function expectedStop(path: string): string | undefined {
  try {
    return loadPlay(path).expected?.stop_reason;
  } catch {
    return undefined;
  }
}

/**
 * G4b Risk Stops (`validation.md` §10): each risk play must end with its expected `stop_reason`, write its four
 * artifacts, keep the ledger identity of `sim-exchange.md` §5.3 and, when liquidated, end with a wallet ≥ 0.
 */
export const riskStopsGate: GateDef = {
  id: 'G4b',
  name: 'Risk Stops',
  module: 'risk',
  async run(ctx: GateContext): Promise<GateOutcome> {
    const files = suitePlayFiles(join(ctx.validationPlaysDir, 'risk'));
    if (files.length === 0)
      return { passed: false, checked: 0, detail: '0 risk plays', failures: [{ message: 'risk: no plays' }] };
    const results = await runPlays(ctx, 'G4b', files, { artifacts: true });
    const failures: GateFailure[] = [];
    for (const [i, r] of results.entries()) {
      const file = files[i]!;
      const id = playIdOf(file);
      if (r.error !== null) {
        failures.push({ play: id, message: `${id}: ${r.error.code}: ${r.error.message}` });
        continue;
      }
      const want = expectedStop(file);
      if (want === undefined || r.stopReason !== want)
        failures.push({
          play: id,
          message: `${id}: expected ${want ?? '(no expected.stop_reason)'}, got ${r.stopReason ?? 'none'}`,
        });
      for (const f of r.missingArtifacts)
        failures.push({ play: id, message: `${id}: artifact ${f} missing` });
      if (r.ledger === null) failures.push({ play: id, message: `${id}: no ledger figures from the run` });
      else failures.push(...ledgerFailures(id, r.stopReason, r.ledger));
    }
    return {
      passed: failures.length === 0,
      checked: files.length,
      detail: `${files.length} risk plays`,
      failures,
    };
  },
};
