import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findSharedDir, parseCandlesCsv } from '@trade/core';
import { getIndicatorMeta } from '@trade/indicators';
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../src/gates/determinism/determinism';
import {
  auditIndicatorContract,
  auditRunModes,
  CORE_PLAY_IDS,
  compareRollup,
  createTaskPool,
  defaultGates,
  type GateContext,
  type PlayTaskResult,
  runSyntheticPlay,
  runValidation,
  toReportJson,
} from '../src/index';
import { PLAY_TASKS } from '../src/pool/play-tasks';

const repoRoot = resolve(import.meta.dirname, '../../..');
const example = join(repoRoot, 'plays/examples/01_ema_cross_rsi_filter.yml');
const shared = findSharedDir();

/** A plays/validation tree whose core plays are copies of a valid example, with `broken` replaced. */
function validationTree(broken?: { id: string; yaml: string }): string {
  const dir = mkdtempSync(join(tmpdir(), 'validate-plays-'));
  mkdirSync(join(dir, 'core'));
  for (const id of CORE_PLAY_IDS) copyFileSync(example, join(dir, 'core', `${id}.yml`));
  if (broken !== undefined) writeFileSync(join(dir, 'core', `${broken.id}.yml`), broken.yaml);
  return dir;
}

function context(playsDir: string): GateContext {
  return {
    tier: 'quick',
    cwd: repoRoot,
    validationPlaysDir: playsDir,
    play: undefined,
    pool: createTaskPool({ workers: 1, workerFile: undefined, inlineTasks: PLAY_TASKS as never }),
    sharedDir: shared,
    ci: false,
  };
}

describe('G1 YAML Parse', () => {
  it('passes five valid core plays', async () => {
    const out = await defaultGates().get('G1')!.run(context(validationTree()));
    expect(out).toMatchObject({ passed: true, checked: 5, detail: '5 plays', failures: [] });
  });

  it('fails a broken play with a located, readable failure line', async () => {
    const yaml = readFileSync(example, 'utf8').replace(/ema\b/, 'emma');
    const dir = validationTree({ id: 'V_CORE_003_cases_metadata', yaml });
    const out = await defaultGates().get('G1')!.run(context(dir));
    expect(out.passed).toBe(false);
    expect(out.failures.length).toBeGreaterThan(0);
    for (const f of out.failures) {
      expect(f.play).toBe('V_CORE_003_cases_metadata');
      expect(f.message).toMatch(
        /^V_CORE_003_cases_metadata: E_[A-Z_]+ .+V_CORE_003_cases_metadata\.yml:\d+:\d+ \S*: .+/,
      );
    }
  });
});

describe('play-suite and determinism gates on a real synthetic run', () => {
  it('a play that cannot load fails G4 with `<play_id>: <ErrorCode>: <message>`', async () => {
    const dir = validationTree({ id: 'V_CORE_002_structure_chain', yaml: 'version: 3\nname: [' });
    // Only the broken play matters here: run it through the same task the pool runs.
    const r = await runSyntheticPlay({
      gateId: 'G4',
      playId: 'V_CORE_002_structure_chain',
      playPath: join(dir, 'core', 'V_CORE_002_structure_chain.yml'),
      mode: 'synthetic',
    });
    expect(r.error).not.toBeNull();
    expect(r.trades).toBe(0);
    expect(`${r.playId}: ${r.error!.code}: ${r.error!.message}`).toMatch(
      /^V_CORE_002_structure_chain: \S+: .+$/,
    );
    expect(r.error!.message).not.toContain('\n');
  });

  it('runs the same play twice to identical trades, equity and run hashes', async () => {
    const payload = {
      gateId: 'G14',
      playId: 'ex01',
      playPath: example,
      mode: 'synthetic',
      hashes: true,
    } as const;
    const a = await runSyntheticPlay(payload);
    const b = await runSyntheticPlay(payload);
    expect(a.error).toBeNull();
    expect(a.trades).toBeGreaterThan(0);
    expect(a.hashes!.run).toMatch(/^[0-9a-f]{64}$/);
    expect(compareRuns(a, b)).toEqual([]);
  });

  it('leaves the hashes out unless the gate asks for them (the engine then never computes them)', async () => {
    const r = await runSyntheticPlay({ gateId: 'G4', playId: 'ex01', playPath: example, mode: 'synthetic' });
    expect(r.error).toBeNull();
    expect(r.trades).toBeGreaterThan(0);
    expect(r.hashes).toBeNull();
  });

  it('names each differing hash by its first 12 hex digits', () => {
    const run = (h: string): PlayTaskResult => ({
      playId: 'P',
      trades: 1,
      stopReason: 'end_of_data',
      hashes: { trades: 'a'.repeat(64), equity: 'b'.repeat(64), run: h.repeat(64) },
      expectedFailures: [],
      missingArtifacts: [],
      ledger: null,
      durationMs: 1,
      error: null,
    });
    expect(compareRuns(run('c'), run('d'))).toEqual([`P: run_hash ${'c'.repeat(12)} != ${'d'.repeat(12)}`]);
  });
});

describe('library audits', () => {
  it('G2: ema meets its registry contract', () => {
    expect(auditIndicatorContract(getIndicatorMeta('ema'))).toEqual([]);
  });

  it('G2: an indicator declaring an output it does not emit fails the outputs check', () => {
    const meta = getIndicatorMeta('ema');
    const lying = { ...meta, outputKeys: [...meta.outputKeys, 'ghost'] };
    expect(auditIndicatorContract(lying)[0]).toMatch(/^ema: outputs: declared \[value,ghost\]/);
  });

  it('G3: macd streaming, batch and resume-from-snapshot are bitwise equal', () => {
    expect(auditRunModes('macd')).toEqual([]);
  });

  it('G11 passes all six metrics scenarios', async () => {
    const out = await defaultGates().get('G11')!.run(context(validationTree()));
    expect(out).toMatchObject({ passed: true, checked: 6, detail: '6 scenarios' });
  });
});

describe.skipIf(shared === undefined)('audits on the shared kit', () => {
  it('G7 runs every formula vector of sim-vectors.json without a mismatch', async () => {
    const out = await defaultGates().get('G7')!.run(context(validationTree()));
    expect(out.checked).toBeGreaterThan(30);
    // Every scenario and every vector (formula helpers and SimExchange) matches.
    expect(out.failures).toEqual([]);
    expect(out.passed).toBe(true);
  });

  it('1m → 60m roll-up equals the stored 60m candles, and a tampered bar is caught', () => {
    const dir = join(shared!, 'data/klines/bybit');
    const m1 = parseCandlesCsv(readFileSync(join(dir, 'BTCUSDT_1m.csv'), 'utf8'));
    const h1 = parseCandlesCsv(readFileSync(join(dir, 'BTCUSDT_60m.csv'), 'utf8'));
    const ok = compareRollup(m1, h1, 'BTCUSDT 60m');
    expect(ok.comparisons).toBeGreaterThan(3000);
    expect(ok.failed).toBe(0);
    h1.high[10] = h1.high[10]! + 1;
    const bad = compareRollup(m1, h1, 'BTCUSDT 60m');
    expect(bad.failed).toBe(1);
    expect(bad.first).toMatch(/^BTCUSDT 60m \S+Z high ref=/);
  });
});

describe('runValidation', () => {
  it('refuses to start without plays/validation (exit 3 input error)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'validate-empty-'));
    await expect(runValidation({ tier: 'quick', workers: 1, cwd })).rejects.toMatchObject({
      code: 'E_VALIDATE_PLAYS_MISSING',
      kind: 'input',
    });
  });

  it('runs the audits module end to end with a passing, schema-valid report', async () => {
    const run = await runValidation({ tier: 'module', module: 'audits', workers: 1, cwd: repoRoot });
    const json = toReportJson(run.report);
    expect(json.tier).toBe('module:audits');
    expect(json.gates.map((g) => [g.gate_id, g.passed])).toEqual([
      ['G2', true],
      ['G3', true],
    ]);
    expect(json.gates[0]!.checked).toBeGreaterThan(0);
    expect(run.exitCode).toBe(0);
  });
});
