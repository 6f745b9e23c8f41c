import { join } from 'node:path';
import { findSharedDir } from '@trade/core';
import { validationReportSchema } from '@trade/validate';
import { describe, expect, it } from 'vitest';
import { EXCHANGE_CLEAN_ENV, runTrade } from './io';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const shared = findSharedDir();
const PLAY = 'plays/examples/01_ema_cross_rsi_filter.yml';

/** Runs `trade …` in-process from the repository root (G1/G4 read plays/validation) with the given env. */
function trade(argv: string[], env: Record<string, string | undefined> = {}) {
  return runTrade(argv, { ...EXCHANGE_CLEAN_ENV, ...env }, { cwd: repoRoot });
}

describe('trade validate pre-live (validation.md §12)', () => {
  it.skipIf(shared === undefined)(
    '--target mock passes all 6 gates through the in-process mock and the genuine client',
    async () => {
      const r = await trade([
        'validate',
        'pre-live',
        '--play',
        PLAY,
        '--target',
        'mock',
        '--workers',
        '1',
        '--json',
      ]);
      expect(r.stderr).not.toContain('Error');
      expect(r.code).toBe(0);
      const doc = validationReportSchema.parse(JSON.parse(r.stdout));
      expect(doc).toMatchObject({ tier: 'pre-live', passed: true, failed_gates: 0 });
      expect(doc.gates.map((g) => [g.gate_id, g.passed])).toEqual([
        ['PL4', true],
        ['PL1', true],
        ['PL2', true],
        ['PL3', true],
        ['G1', true],
        ['G4', true],
      ]);
      const byId = Object.fromEntries(doc.gates.map((g) => [g.gate_id, g]));
      expect(byId.PL4).toMatchObject({ checked: 5, detail: 'Play: 01_ema_cross_rsi_filter' });
      expect(byId.PL1?.detail).toMatch(/^mock offset=-?\d+ms$/);
      expect(byId.PL2).toMatchObject({ checked: 1, detail: 'available=1000000 required=10000' });
      expect(byId.PL3).toMatchObject({ checked: 1, detail: 'BTCUSDT flat' });
      expect(byId.G1?.checked).toBe(6);
    },
    120_000,
  );

  it('--target demo without keys fails PL1 with "no API key for demo" and stops there (fail-fast)', async () => {
    const r = await trade([
      'validate',
      'pre-live',
      '--play',
      PLAY,
      '--target',
      'demo',
      '--workers',
      '1',
      '--json',
    ]);
    expect(r.code).toBe(1);
    const doc = validationReportSchema.parse(JSON.parse(r.stdout));
    expect(doc.gates.map((g) => [g.gate_id, g.passed])).toEqual([
      ['PL4', true],
      ['PL1', false],
    ]);
    expect(doc.gates[1]).toMatchObject({ checked: 0, failures: ['no API key for demo'] });
  });

  it('defaults to target demo', async () => {
    const r = await trade(['validate', 'pre-live', '--play', PLAY, '--workers', '1', '--json']);
    expect(r.code).toBe(1);
    expect(validationReportSchema.parse(JSON.parse(r.stdout)).gates[1]?.failures).toEqual([
      'no API key for demo',
    ]);
  });

  it.each([
    [
      ['validate', 'pre-live', '--play', PLAY, '--target', 'testnet'],
      /--target 'testnet' is not one of demo, live, mock/,
    ],
    [
      ['validate', 'module', '--module', 'metrics', '--target', 'mock'],
      /--target applies to the pre-live and exchange tiers only/,
    ],
  ])('exits 2 on the usage error %j', async (argv, message) => {
    const r = await trade(argv);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(message);
  });
});
