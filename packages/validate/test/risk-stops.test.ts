import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type RunArtifacts, readRunFolder, runPlayBacktest } from '@trade/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerFailures, riskStopsGate } from '../src/gates/risk/risk-stops';
import { createTaskPool, type GateContext } from '../src/index';
import { LEDGER_TOLERANCE, type LedgerAudit, ledgerAudit } from '../src/pool/ledger-audit';
import { PLAY_TASKS } from '../src/pool/play-tasks';

const repoRoot = resolve(import.meta.dirname, '../../..');
const riskDir = join(repoRoot, 'plays/validation/risk');
const LIQ_ID = 'V_RISK_004_liquidation';
const DD_ID = 'V_RISK_001_drawdown_5pct';

function context(playsDir: string): GateContext {
  return {
    tier: 'module',
    cwd: repoRoot,
    validationPlaysDir: playsDir,
    play: undefined,
    pool: createTaskPool({ workers: 1, workerFile: undefined, inlineTasks: PLAY_TASKS as never }),
    sharedDir: undefined,
    ci: false,
  };
}

/** A plays/validation tree holding copies of the named risk plays, `patch` applied to each file's text. */
function riskTree(ids: readonly string[], patch: (id: string, yaml: string) => string = (_, y) => y): string {
  const dir = mkdtempSync(join(tmpdir(), 'validate-risk-'));
  mkdirSync(join(dir, 'risk'));
  for (const id of ids) {
    const yaml = readFileSync(join(riskDir, `${id}.yml`), 'utf8');
    writeFileSync(join(dir, 'risk', `${id}.yml`), patch(id, yaml));
  }
  return dir;
}

describe('G4b ledger audit on the artifacts of a liquidated run', () => {
  const root = mkdtempSync(join(tmpdir(), 'g4b-audit-'));
  let artifacts: RunArtifacts;
  let audit: LedgerAudit;

  beforeAll(async () => {
    const run = await runPlayBacktest({
      playPath: join(riskDir, `${LIQ_ID}.yml`),
      source: { kind: 'synthetic' },
      artifactsRoot: root,
    });
    expect(run.stopReason).toBe('liquidated');
    artifacts = readRunFolder(run.folder as string);
    audit = ledgerAudit(artifacts);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('holds the identity Σ net PnL + Σ funding = W_final − W₀ within 1e-9 USDT', () => {
    expect(audit.flat).toBe(true);
    expect(Math.abs(audit.delta)).toBeLessThanOrEqual(LEDGER_TOLERANCE);
    // The position margin was lost, not more: the wallet ends far below W₀ but at or above zero (L5).
    expect(audit.finalWallet).toBeGreaterThanOrEqual(0);
    expect(audit.finalWallet).toBeLessThan(audit.initialEquity * 0.1);
    expect(ledgerFailures(LIQ_ID, 'liquidated', audit)).toEqual([]);
  });

  it('reports a trade row that disagrees with the wallet as a ledger mismatch', () => {
    const first = artifacts.trades[0]!;
    const tampered: RunArtifacts = {
      ...artifacts,
      trades: [
        { ...first, net_pnl_usdt: (first.net_pnl_usdt as number) + 0.01 },
        ...artifacts.trades.slice(1),
      ],
    };
    const out = ledgerFailures(LIQ_ID, 'liquidated', ledgerAudit(tampered));
    expect(out.map((f) => f.message)).toEqual([`${LIQ_ID}: ledger mismatch 1.000e-2`]);
    // The tolerance is absolute and tight: a tenth of a micro-USDT is already a mismatch.
    const last = artifacts.equity[artifacts.equity.length - 1]!;
    const drifted: RunArtifacts = {
      ...artifacts,
      equity: [
        ...artifacts.equity.slice(0, -1),
        { ...last, wallet_usdt: (last.wallet_usdt as number) + 1e-7 },
      ],
    };
    expect(ledgerFailures(LIQ_ID, 'liquidated', ledgerAudit(drifted))[0]?.message).toMatch(
      /: ledger mismatch -1\.0\d\de-7$/,
    );
  });

  it('fails a negative final wallet only when the run was liquidated', () => {
    const negative: LedgerAudit = { initialEquity: 10_000, delta: 0, finalWallet: -0.5, flat: true };
    expect(ledgerFailures(LIQ_ID, 'liquidated', negative).map((f) => f.message)).toEqual([
      `${LIQ_ID}: final wallet -0.5 < 0 after liquidation`,
    ]);
    expect(ledgerFailures(DD_ID, 'max_drawdown_hit', negative)).toEqual([]);
  });

  it('fails a run that stopped with a position still open', () => {
    const open: LedgerAudit = { initialEquity: 10_000, delta: 0, finalWallet: 9_000, flat: false };
    expect(ledgerFailures(DD_ID, 'max_drawdown_hit', open).map((f) => f.message)).toEqual([
      `${DD_ID}: position still open at the stop`,
    ]);
  });

  it('names the empty column it cannot read', () => {
    const last = artifacts.equity[artifacts.equity.length - 1]!;
    const broken: RunArtifacts = {
      ...artifacts,
      equity: [...artifacts.equity.slice(0, -1), { ...last, wallet_usdt: null }],
    };
    expect(() => ledgerAudit(broken)).toThrow('last equity row: wallet_usdt is empty, not a number');
  });
});

describe('G4b Risk Stops gate', () => {
  it('passes a drawdown play and a liquidation play: stop reason, artifacts and ledger', async () => {
    const out = await riskStopsGate.run(context(riskTree([DD_ID, LIQ_ID])));
    expect(out.failures).toEqual([]);
    expect(out).toMatchObject({ passed: true, checked: 2, detail: '2 risk plays' });
  });

  it('fails a play whose expected stop reason the run does not reach', async () => {
    const dir = riskTree([DD_ID], (_, y) =>
      y.replace('stop_reason: max_drawdown_hit', 'stop_reason: liquidated'),
    );
    const out = await riskStopsGate.run(context(dir));
    expect(out.passed).toBe(false);
    // The ledger still holds; only the verdict and the play's own expected check differ.
    expect(out.failures.map((f) => f.message)).toEqual([
      `${DD_ID}: expected liquidated, got max_drawdown_hit`,
    ]);
  });

  it('fails with one line when the risk folder is empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'validate-risk-empty-'));
    mkdirSync(join(dir, 'risk'));
    copyFileSync(join(riskDir, `${DD_ID}.yml`), join(dir, `${DD_ID}.yml`));
    const out = await riskStopsGate.run(context(dir));
    expect(out).toMatchObject({ passed: false, checked: 0, failures: [{ message: 'risk: no plays' }] });
  });
});
