import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compensatedSum, type RunArtifacts, readRunFolder, runPlayBacktest } from '@trade/engine';
import { loadPlay } from '@trade/play';
import type { PlayTaskResult } from '../../pool/play-tasks';
import type { GateContext, GateDef, GateFailure, GateOutcome } from '../../runner/types';
import { playIdOf } from '../core/yaml-parse';
import { runPlays, suitePlayFiles } from '../suites/play-suite';

/**
 * Largest accepted |ledger delta|, in USDT (`validation.md` §10: "holds to 1e-9"). Booking is exact to 1e-8
 * units and the sums are compensated, so the nine risk plays (one trade each) land within 1e-12.
 */
export const LEDGER_TOLERANCE = 1e-9;

/** What G4b reads from one run's artifacts (`sim-exchange.md` §5.3). */
export interface LedgerAudit {
  readonly initialEquity: number;
  /** `Σ trades.net_pnl_usdt + Σ funding − (W_final − W₀)`; 0 when the ledger identity holds exactly. */
  readonly delta: number;
  /** `wallet_usdt` of the last equity row (written at the stop instant, after every settlement). */
  readonly finalWallet: number;
  /** `position_side` of the last equity row is `flat`. */
  readonly flat: boolean;
}

function num(row: Readonly<Record<string, unknown>>, key: string, where: string): number {
  const v = row[key];
  if (typeof v !== 'number')
    throw new Error(`${where}: ${key} is ${v === null ? 'empty' : typeof v}, not a number`);
  return v;
}

/**
 * The D1 ledger identity of `sim-exchange.md` §5.3 read from a finished run's artifacts: with no open position,
 * `Σ trade.netPnl + Σ funding = W_final − W₀`. Works on `readRunFolder(...)` (files on disk) and on
 * `artifactsFromResult(...)` (in memory) alike.
 */
export function ledgerAudit(a: RunArtifacts): LedgerAudit {
  const last = a.equity[a.equity.length - 1];
  if (last === undefined) throw new Error('equity.csv has no rows');
  const initialEquity = a.result.initialEquity;
  const net = compensatedSum(a.trades.map((t, i) => num(t, 'net_pnl_usdt', `trades.csv row ${i + 1}`)));
  const funding = compensatedSum(
    a.events.filter((e) => e.type === 'funding').map((e) => num(e, 'amount', `funding event seq ${e.seq}`)),
  );
  const finalWallet = num(last, 'wallet_usdt', 'last equity row');
  return {
    initialEquity,
    delta: net + funding - (finalWallet - initialEquity),
    finalWallet,
    flat: last.position_side === 'flat',
  };
}

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
 * Re-runs one play in this thread with artifacts in a temp dir and audits the files. The pool task deletes its
 * artifact dir and its result carries no ledger figures (`PlayTaskResult` has no `ledgerDelta` yet, although
 * `validation.md` §8 lists one), so the audit needs its own run; it must be the same run bit for bit, which the
 * three run hashes prove.
 */
async function auditRun(path: string, id: string, pooled: PlayTaskResult): Promise<GateFailure[]> {
  const root = mkdtempSync(join(tmpdir(), 'trade-g4b-'));
  try {
    const run = await runPlayBacktest({ playPath: path, source: { kind: 'synthetic' }, artifactsRoot: root });
    if (run.folder === null) return [{ play: id, message: `${id}: audit run wrote no artifacts` }];
    const h = run.hashes;
    const same =
      pooled.hashes !== null &&
      h.trades_hash === pooled.hashes.trades &&
      h.equity_hash === pooled.hashes.equity &&
      h.run_hash === pooled.hashes.run;
    if (!same)
      return [
        {
          play: id,
          message: `${id}: audit run differs from the pool run (run_hash ${h.run_hash.slice(0, 12)} != ${(pooled.hashes?.run ?? 'none').slice(0, 12)})`,
        },
      ];
    return ledgerFailures(id, run.stopReason, ledgerAudit(readRunFolder(run.folder)));
  } catch (error) {
    const code = (error as { code?: string }).code ?? (error instanceof Error ? error.name : 'Error');
    const message = error instanceof Error ? error.message : String(error);
    return [{ play: id, message: `${id}: ${code}: ${message.replace(/\s*\n\s*/g, ' ')}` }];
  } finally {
    rmSync(root, { recursive: true, force: true });
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
    const results = await runPlays(ctx, 'G4b', files, true);
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
      failures.push(...(await auditRun(file, id, r)));
    }
    return {
      passed: failures.length === 0,
      checked: files.length,
      detail: `${files.length} risk plays`,
      failures,
    };
  },
};
