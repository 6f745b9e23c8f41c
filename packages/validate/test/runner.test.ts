import { describe, expect, it } from 'vitest';
import {
  formatHuman,
  MODULE_NAMES,
  reportJsonText,
  runValidation,
  scheduleIds,
  toReportJson,
  ValidationError,
  validationReportSchema,
} from '../src/index';
import { fakeCatalogue } from './helpers';

const base = { workers: 1, cwd: process.cwd() } as const;

describe('tier schedules (validation.md §1, §5)', () => {
  it('schedules 5 / 13 / 16 gates for quick / standard / full', () => {
    const count = (tier: string) => scheduleIds({ tier }).stages.flat().length;
    expect([count('quick'), count('standard'), count('full')]).toEqual([5, 13, 16]);
    expect(scheduleIds({ tier: 'full' }).stages).toEqual([
      ['G1'],
      ['G2', 'G3'],
      ['G4', 'G4b'],
      ['G5', 'G6', 'G7', 'G7b'],
      ['G8', 'G9', 'G10'],
      ['G11'],
      ['G12', 'G13'],
      ['G14'],
    ]);
  });

  it('runs pre-live in catalogue order PL4, PL1, PL2, PL3, G1, G4', () => {
    expect(scheduleIds({ tier: 'pre-live', play: 'x' }).stages.flat()).toEqual([
      'PL4',
      'PL1',
      'PL2',
      'PL3',
      'G1',
      'G4',
    ]);
  });

  it('names module tiers module:<name> and lists the 17 modules (spec order, plus limit-orders)', () => {
    expect(scheduleIds({ tier: 'module', module: 'audits' })).toMatchObject({
      tier: 'module:audits',
      stages: [['G2'], ['G3']],
    });
    expect(MODULE_NAMES).toHaveLength(17);
    expect(MODULE_NAMES).toContain('limit-orders');
    expect(MODULE_NAMES[0]).toBe('core');
  });

  it.each([
    [{ tier: 'nightly' }, /unknown tier 'nightly'/],
    [{ tier: 'module' }, /needs --module/],
    [{ tier: 'module', module: 'nope' }, /unknown module 'nope'/],
    [{ tier: 'pre-live' }, /needs --play/],
    [{ tier: 'live-parity', play: 'p' }, /needs --instance/],
  ])('rejects %o as a usage error', (req, message) => {
    let error: unknown;
    try {
      scheduleIds(req);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).isUsage).toBe(true);
    expect((error as Error).message).toMatch(message);
  });
});

describe('fail-fast (validation.md §5)', () => {
  it('finishes the failing stage, then stops: later stages are absent', async () => {
    const log: string[] = [];
    const run = await runValidation({ ...base, tier: 'standard', gates: fakeCatalogue(['G2'], log) });
    expect(run.report.gates.map((g) => g.gateId)).toEqual(['G1', 'G2', 'G3']);
    expect(log).not.toContain('G4');
    expect(run.exitCode).toBe(1);
    expect(run.scheduledGates).toBe(13);
  });

  it('runs every scheduled gate with --no-fail-fast', async () => {
    const run = await runValidation({
      ...base,
      tier: 'standard',
      failFast: false,
      gates: fakeCatalogue(['G2', 'G8']),
    });
    expect(run.report.gates).toHaveLength(13);
    expect(toReportJson(run.report).failed_gates).toBe(2);
  });

  it('stops the real tier after a failing RD0', async () => {
    const run = await runValidation({ ...base, tier: 'real', gates: fakeCatalogue(['RD0']) });
    expect(run.report.gates.map((g) => g.gateId)).toEqual(['RD0']);
  });

  it('stops a sequential tier right after the first failing gate', async () => {
    const run = await runValidation({ ...base, tier: 'exchange', gates: fakeCatalogue(['EX2']) });
    expect(run.report.gates.map((g) => g.gateId)).toEqual(['EX1', 'EX2']);
  });

  it('never stops a module tier early', async () => {
    const run = await runValidation({
      ...base,
      tier: 'module',
      module: 'parity',
      gates: fakeCatalogue(['G5']),
    });
    expect(run.report.gates.map((g) => g.gateId)).toEqual(['G5', 'G6']);
  });

  it('passes with exit 0 when every gate passes', async () => {
    const run = await runValidation({ ...base, tier: 'quick', gates: fakeCatalogue([]) });
    expect(run.exitCode).toBe(0);
    expect(formatHuman(run.report, { scheduledGates: run.scheduledGates })).toMatch(
      /RESULT: ALL 5 GATES PASSED \(\d+\.\ds\)\n$/,
    );
  });

  it('turns a gate that throws into a failed gate with one readable line', async () => {
    const gates = fakeCatalogue([]);
    gates.set('G11', {
      id: 'G11',
      name: 'Metrics Audit',
      module: 'metrics',
      run: async () => {
        throw new Error('disk\nfull');
      },
    });
    const run = await runValidation({ ...base, tier: 'module', module: 'metrics', gates });
    expect(toReportJson(run.report).gates[0]).toMatchObject({
      passed: false,
      failures: ['G11: Error: disk full'],
    });
  });
});

describe('JSON report (validation.md §3)', () => {
  it('has exactly the spec keys in spec order and satisfies the schema', async () => {
    const run = await runValidation({
      ...base,
      tier: 'quick',
      failFast: false,
      gates: fakeCatalogue(['G3']),
    });
    const doc = JSON.parse(reportJsonText(run.report)) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual([
      'tier',
      'duration_sec',
      'passed',
      'total_checked',
      'failed_gates',
      'gates',
    ]);
    const gate = (doc.gates as Record<string, unknown>[])[2]!;
    expect(Object.keys(gate)).toEqual([
      'gate_id',
      'name',
      'passed',
      'checked',
      'duration_sec',
      'detail',
      'failures',
    ]);
    expect(gate.failures).toEqual(['G3: item a failed', 'G3: item b failed']);
    expect(validationReportSchema.parse(doc)).toEqual(doc);
    expect(doc).toMatchObject({ tier: 'quick', passed: false, total_checked: 5, failed_gates: 1 });
  });

  it('schema rejects an extra key and inconsistent totals', () => {
    const ok = {
      tier: 'quick',
      duration_sec: 0.1,
      passed: true,
      total_checked: 1,
      failed_gates: 0,
      gates: [
        {
          gate_id: 'G1',
          name: 'YAML Parse',
          passed: true,
          checked: 1,
          duration_sec: 0,
          detail: '1 plays',
          failures: [],
        },
      ],
    };
    expect(validationReportSchema.safeParse(ok).success).toBe(true);
    expect(validationReportSchema.safeParse({ ...ok, workers: 2 }).success).toBe(false);
    expect(validationReportSchema.safeParse({ ...ok, total_checked: 2 }).success).toBe(false);
    expect(validationReportSchema.safeParse({ ...ok, passed: false }).success).toBe(false);
  });

  it('rounds durations half-up to 2 decimals', async () => {
    const run = await runValidation({ ...base, tier: 'module', module: 'metrics', gates: fakeCatalogue([]) });
    const json = toReportJson({ ...run.report, durationSec: 1.005 });
    expect(json.duration_sec).toBe(1.01);
  });
});

describe('human output (validation.md §9)', () => {
  it('prints the header, aligned gate lines, up to 5 failure lines and the result line', async () => {
    const gates = fakeCatalogue([]);
    gates.set('G8', {
      id: 'G8',
      name: 'Operator Suite',
      module: 'operators',
      run: async () => ({
        passed: false,
        checked: 25,
        detail: '25 plays, 812 trades',
        failures: Array.from({ length: 8 }, (_, i) => ({ message: `OP_00${i}: zero trades` })),
      }),
    });
    const run = await runValidation({ ...base, tier: 'module', module: 'operators', gates });
    const lines = formatHuman(run.report, { scheduledGates: 12 }).split('\n');
    expect(lines[0]).toBe('TRADE VALIDATION [module:operators]');
    expect(lines[1]).toBe('='.repeat(54));
    expect(lines[2]).toMatch(/^G8 {3}Operator Suite \.{11} FAIL {2}25 plays, 812 trades {11}\d+\.\ds$/);
    expect(lines.slice(3, 9)).toEqual([
      '      OP_000: zero trades',
      '      OP_001: zero trades',
      '      OP_002: zero trades',
      '      OP_003: zero trades',
      '      OP_004: zero trades',
      '      ... and 3 more',
    ]);
    expect(lines[10]).toMatch(/^RESULT: 1 of 12 GATES FAILED \(\d+\.\ds\)$/);
  });
});

describe('progress checkpoint (validation.md §3)', () => {
  it('writes .trade/validate/<tier>.progress.json with status complete and the gate objects', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const cwd = mkdtempSync(join(tmpdir(), 'validate-progress-'));
    await runValidation({
      ...base,
      cwd,
      tier: 'module',
      module: 'parity',
      progress: true,
      gates: fakeCatalogue(['G6']),
    });
    const doc = JSON.parse(readFileSync(join(cwd, '.trade/validate/module-parity.progress.json'), 'utf8'));
    expect(Object.keys(doc)).toEqual([
      'tier',
      'status',
      'gates_completed',
      'gates_passed',
      'gates_failed',
      'gates',
    ]);
    expect(doc).toMatchObject({
      tier: 'module:parity',
      status: 'complete',
      gates_completed: 2,
      gates_passed: 1,
      gates_failed: 1,
    });
  });
});

describe('interruption (validation.md §15: 130)', () => {
  it('stops after the running stage, marks the checkpoint interrupted and throws E_VALIDATE_INTERRUPTED', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const cwd = mkdtempSync(join(tmpdir(), 'validate-int-'));
    const controller = new AbortController();
    const log: string[] = [];
    const gates = fakeCatalogue([], log);
    gates.set('G2', {
      id: 'G2',
      name: 'Registry Contract',
      module: 'audits',
      run: async () => {
        controller.abort();
        return { passed: true, checked: 1, detail: '1 indicators', failures: [] };
      },
    });
    await expect(
      runValidation({ ...base, cwd, tier: 'quick', gates, progress: true, signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'E_VALIDATE_INTERRUPTED' });
    expect(log).not.toContain('G4');
    const doc = JSON.parse(readFileSync(join(cwd, '.trade/validate/quick.progress.json'), 'utf8'));
    expect(doc).toMatchObject({ status: 'interrupted', gates_completed: 3 });
  });
});

describe('--timeout-gate (validation.md §8)', () => {
  it('a gate that outlives its limit fails alone with a TIMEOUT line and the run goes on', async () => {
    const gates = fakeCatalogue([]);
    gates.set('G11', {
      id: 'G11',
      name: 'Never Ends',
      module: 'metrics',
      run: () => new Promise(() => {}),
    });
    const run = await runValidation({
      ...base,
      tier: 'standard',
      gates,
      failFast: false,
      timeoutGateSec: 0.05,
    });
    const g11 = run.report.gates.find((g) => g.gateId === 'G11');
    expect(g11?.passed).toBe(false);
    expect(g11?.failures.map((f) => f.message)).toEqual(['G11: TIMEOUT after 0s']);
    expect(run.report.gates.filter((g) => g.gateId !== 'G11').every((g) => g.passed)).toBe(true);
    expect(run.exitCode).toBe(1);
  });
});
