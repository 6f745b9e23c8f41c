import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTrade } from './io';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const play = join(repo, 'plays', 'examples', '04_macd_momentum_arith.yml');

let folder: string;

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'cli-verify-'));
  const r = await runTrade([
    'backtest',
    'run',
    '--play',
    play,
    '--synthetic',
    '--bars',
    '600',
    '--seed',
    '2',
    '--out',
    out,
    '--json',
  ]);
  expect(r.code).toBe(0);
  folder = JSON.parse(r.stdout).data.artifacts.path;
});

describe('trade backtest verify', () => {
  it('prints PASS lines for every check of a fresh run and exits 0', async () => {
    const r = await runTrade(['backtest', 'verify', '--run', folder]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^all \d+ checks passed$/);
    expect(lines).toContainEqual(expect.stringMatching(/^PASS INV-20 run_hash: /));
    expect(lines).toContainEqual(expect.stringMatching(/^PASS INV-01 equity identity: /));
    expect(lines.slice(0, -1).every((l) => l.startsWith('PASS '))).toBe(true);
  });

  it('exits 1 and names the failing check when an artifact was edited (JSON envelope)', async () => {
    const equity = join(folder, 'equity.csv');
    const original = readFileSync(equity, 'utf8');
    try {
      const lines = original.split('\n');
      lines.splice(3, 1);
      writeFileSync(equity, lines.join('\n'));
      const r = await runTrade(['backtest', 'verify', '--run', folder, '--json']);
      expect(r.code).toBe(1);
      const doc = JSON.parse(r.stdout);
      expect(doc.status).toBe('fail');
      expect(doc.command).toBe('backtest verify');
      expect(doc.data.failed).toBeGreaterThan(0);
      const failed = doc.data.checks
        .filter((c: { pass: boolean }) => !c.pass)
        .map((c: { id: string; name: string }) => `${c.id} ${c.name}`);
      expect(failed).toContain('INV-20 equity_hash');
      expect(failed).toContain('INV-14 equity rows');
    } finally {
      writeFileSync(equity, original);
    }
  });

  it('exits 3 for a missing folder, 4 for a malformed artifact and 2 without --run', async () => {
    expect((await runTrade(['backtest', 'verify'])).code).toBe(2);
    const missing = await runTrade(['backtest', 'verify', '--run', join(folder, 'nope'), '--json']);
    expect(missing.code).toBe(3);
    expect(JSON.parse(missing.stdout).error.code).toBe('E_VERIFY_MISSING');
    const events = join(folder, 'events.jsonl');
    const original = readFileSync(events, 'utf8');
    try {
      writeFileSync(events, `${original}{not json\n`);
      const bad = await runTrade(['backtest', 'verify', '--run', folder]);
      expect(bad.code).toBe(4);
      expect(bad.stderr).toMatch(/error E_VERIFY_MALFORMED: .*events\.jsonl: line \d+ is not JSON/);
    } finally {
      writeFileSync(events, original);
    }
  });
});
