import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockBybit } from '@trade/bybit-mock';
import { findSharedDir } from '@trade/core';
import { validationReportSchema } from '@trade/validate';
import { describe, expect, it } from 'vitest';
import { EXCHANGE_CLEAN_ENV, runTrade } from './io';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const shared = findSharedDir();

/** `trade …` in-process from the repository root, with `env` over the cleaned environment. */
const trade = (argv: string[], env: Record<string, string> = {}) =>
  runTrade(argv, { ...EXCHANGE_CLEAN_ENV, ...env }, { cwd: repoRoot });

describe.skipIf(shared === undefined)('trade validate exchange (validation.md §13)', () => {
  it('--target mock passes EX1–EX5 through the in-process mock', async () => {
    const r = await trade(['validate', 'exchange', '--target', 'mock', '--workers', '1', '--json']);
    expect(r.code).toBe(0);
    const doc = validationReportSchema.parse(JSON.parse(r.stdout));
    expect(doc).toMatchObject({ tier: 'exchange', passed: true, failed_gates: 0 });
    expect(doc.gates.map((g) => [g.gate_id, g.passed])).toEqual([
      ['EX1', true],
      ['EX2', true],
      ['EX3', true],
      ['EX4', true],
      ['EX5', true],
    ]);
    const byId = Object.fromEntries(doc.gates.map((g) => [g.gate_id, g]));
    expect(byId.EX1?.detail).toMatch(/^mock offset=-?\d+ms$/);
    expect(byId.EX2?.checked).toBe(5);
    expect(byId.EX3).toMatchObject({ checked: 5, detail: 'BTCUSDT' });
    expect(byId.EX4?.checked).toBe(6);
    expect(byId.EX4?.detail).toMatch(/^ETHUSDT Buy [\d.]+ @ [\d.]+ PostOnly ex4-[0-9a-z]+$/);
    expect(byId.EX5).toMatchObject({ passed: true, checked: 4 });
  }, 120_000);

  it('defaults to the mock without demo keys and reads TRADE_SMOKE_SYMBOLS from the env', async () => {
    const r = await trade(['validate', 'exchange', '--workers', '1', '--json'], {
      TRADE_SMOKE_SYMBOLS: 'ETHUSDT,XRPUSDT',
    });
    expect(r.code).toBe(1);
    const doc = validationReportSchema.parse(JSON.parse(r.stdout));
    // Fail-fast: EX1/EX2 pass on the mock, EX3 stops the tier on the unserved symbol.
    expect(doc.gates.map((g) => [g.gate_id, g.passed])).toEqual([
      ['EX1', true],
      ['EX2', true],
      ['EX3', false],
    ]);
    expect(doc.gates[0]?.detail).toMatch(/^mock offset=/);
    expect(doc.gates[2]?.failures).toEqual([
      'TRADE_SMOKE_SYMBOLS: XRPUSDT not served by the mock (served: BTCUSDT, ETHUSDT)',
    ]);
  }, 120_000);
});

describe('trade validate exchange targets', () => {
  it.skipIf(shared === undefined)(
    '--target live without keys runs the public EX1 and stops at EX2 with `no API key for live`',
    async () => {
      // Live pointed at a local mock (TRADE_BYBIT_REST_URL): nothing leaves the machine.
      const mock = await startMockBybit({ dataDir: join(shared!, 'data') });
      try {
        const r = await trade(['validate', 'exchange', '--target', 'live', '--workers', '1', '--json'], {
          TRADE_BYBIT_REST_URL: mock.url,
        });
        expect(r.code).toBe(1);
        const doc = validationReportSchema.parse(JSON.parse(r.stdout));
        expect(doc.gates.map((g) => [g.gate_id, g.passed])).toEqual([
          ['EX1', true],
          ['EX2', false],
        ]);
        expect(doc.gates[1]).toMatchObject({ checked: 0, failures: ['no API key for live'] });
        expect(mock.requestLog.map((e) => e.path)).toEqual(['/v5/market/time']);
      } finally {
        await mock.close();
      }
    },
  );

  it('exits 6 before any gate when the credentials file is readable by others (cli.md §7.4)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'trade-home-'));
    const file = join(home, 'credentials.json');
    writeFileSync(file, JSON.stringify({ demo: { key: 'k', secret: 's' } }), { mode: 0o644 });
    chmodSync(file, 0o644);
    const r = await trade(['validate', 'exchange', '--json'], { TRADE_HOME: home });
    expect(r.code).toBe(6);
    expect(JSON.parse(r.stdout)).toMatchObject({
      error: { code: 'E_CREDENTIALS_PERMISSIONS', hint: `chmod 600 ${file}` },
    });
  });

  it('exits 2 on an unknown target', async () => {
    const r = await trade(['validate', 'exchange', '--target', 'testnet']);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/--target 'testnet' is not one of demo, live, mock/);
  });
});
