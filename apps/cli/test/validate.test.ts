import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validationReportSchema } from '@trade/validate';
import { describe, expect, it } from 'vitest';
import { runTrade } from './io';

/** Module tiers need no plays folder; a temp cwd keeps the progress checkpoint out of the repository. */
const scratch = mkdtempSync(join(tmpdir(), 'validate-cli-'));
const repoRoot = join(import.meta.dirname, '..', '..', '..');

/** Runs `trade …` in-process from `cwd`, with no worker, CI or progress settings leaking in from the shell. */
function trade(argv: string[], cwd = scratch, isTTY = false) {
  return runTrade(
    argv,
    { TRADE_WORKERS: undefined, CI: undefined, TRADE_PROGRESS: undefined },
    { cwd, isTTY },
  );
}

describe('trade validate', () => {
  it('prints the bare validation report (no envelope) under --json and exits 0 when every gate passes', async () => {
    const r = await trade(['validate', 'module', '--module', 'metrics', '--workers', '1', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual([
      'tier',
      'duration_sec',
      'passed',
      'total_checked',
      'failed_gates',
      'gates',
    ]);
    expect(validationReportSchema.parse(doc)).toMatchObject({
      tier: 'module:metrics',
      passed: true,
      total_checked: 6,
    });
    expect(r.stderr).toContain('validate: 1 worker(s), inline');
    expect(existsSync(join(scratch, '.trade/validate/module-metrics.progress.json'))).toBe(true);
  });

  it('prints the human report and writes the same JSON bytes to --out', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'validate-out-')), 'report.json');
    const r = await trade(['validate', 'module', '--module', 'metrics', '--workers', '2', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^TRADE VALIDATION \[module:metrics\]\n={54}\nG11 {2}Metrics Audit \.+ PASS {2}6 scenarios/,
    );
    expect(r.stdout).toMatch(/RESULT: ALL 1 GATES PASSED \(\d+\.\ds\)\n$/);
    expect(r.stderr).toMatch(/validate: 2 worker\(s\)/);
    expect(validationReportSchema.parse(JSON.parse(readFileSync(out, 'utf8')))).toMatchObject({
      passed: true,
    });
  });

  it.each([
    [['validate', 'nightly']],
    [['validate', 'module']],
    [['validate', 'module', '--module', 'nope']],
    [['validate', 'pre-live']],
    [['validate', 'module', '--module', 'metrics', '--workers', '0']],
    [['validate', 'module', '--module', 'metrics', '--timeout-play', '0']],
  ])('exits 2 on the usage error %j', async (argv) => {
    const r = await trade(argv);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).not.toContain('TRADE VALIDATION');
  });

  it('exits 3 when the validation plays folder is missing', async () => {
    const r = await trade(
      ['validate', 'quick', '--workers', '1'],
      mkdtempSync(join(tmpdir(), 'validate-cwd-')),
    );
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toMatch(/plays folder missing/);
  });

  it('exits 1 and names the broken play in its gate failure line', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'validate-broken-'));
    const dir = join(cwd, 'plays', 'validation', 'operators');
    mkdirSync(dir, { recursive: true });
    const good = readFileSync(join(repoRoot, 'plays', 'examples', '01_ema_cross_rsi_filter.yml'), 'utf8');
    writeFileSync(join(dir, 'OP_900_broken.yml'), good.replace('indicator: rsi', 'indicator: rsx'));
    const r = await trade(['validate', 'module', '--module', 'operators', '--workers', '1', '--json'], cwd);
    expect(r.code).toBe(1);
    const doc = validationReportSchema.parse(JSON.parse(r.stdout));
    expect(doc.gates.map((g) => g.gate_id)).toEqual(['G8']);
    expect(doc.gates[0]!.failures).toHaveLength(1);
    expect(doc.gates[0]!.failures[0]).toMatch(/^OP_900_broken: E_[A-Z_]+: .*rsx/);
  });

  it('redraws a one-line status on stderr on a TTY and clears it at the end (validation.md §9)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'validate-status-'));
    const dir = join(cwd, 'plays', 'validation', 'operators');
    mkdirSync(dir, { recursive: true });
    const play = readFileSync(join(repoRoot, 'plays', 'examples', '01_ema_cross_rsi_filter.yml'), 'utf8');
    writeFileSync(join(dir, 'OP_901_status.yml'), play);
    const tty = await trade(['validate', 'module', '--module', 'operators', '--workers', '1'], cwd, true);
    expect(tty.code).toBe(0);
    // Each redraw starts with carriage return + erase-line; the pieces between them are the status lines.
    const clear = '\r\x1b[2K';
    const redraws = tty.stderr.split(clear).slice(1);
    expect(redraws.some((l) => /^stage 1\/1 · G8 · 0:\d\d$/.test(l))).toBe(true);
    expect(redraws.some((l) => /^stage 1\/1 · G8 1\/1 plays · 0:\d\d$/.test(l))).toBe(true);
    // The status line is cleared before the run's summary lines.
    expect(tty.stderr).toContain(`${clear}validate: 1 worker(s), inline`);
    const piped = await trade(['validate', 'module', '--module', 'operators', '--workers', '1'], cwd);
    expect(piped.stderr).not.toMatch(/stage \d/);
  });
});
