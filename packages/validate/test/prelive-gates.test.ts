import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MockAccountSpec } from '@trade/bybit-mock';
import { findSharedDir } from '@trade/core';
import { describe, expect, it } from 'vitest';
import { availableUsdt } from '../src/gates/prelive/prelive-gates';
import { type GateResult, runValidation } from '../src/index';
import { fakeGate, isolatedHome } from './helpers';

const shared = findSharedDir();
const repoRoot = join(import.meta.dirname, '..', '..', '..');
const EXAMPLE = join(repoRoot, 'plays', 'examples', '01_ema_cross_rsi_filter.yml');
const scratch = mkdtempSync(join(tmpdir(), 'prelive-'));

/** The PL gates for real, G1/G4 as passing stand-ins (their own tests cover them). */
async function preLive(
  play: string,
  preLive: { target?: 'demo' | 'live' | 'mock'; env?: Record<string, string>; mockAccount?: MockAccountSpec },
): Promise<Record<string, GateResult>> {
  const { defaultGates } = await import('../src/gates/catalogue');
  const gates = new Map(defaultGates());
  gates.set('G1', fakeGate('G1', true));
  gates.set('G4', fakeGate('G4', true));
  const run = await runValidation({
    tier: 'pre-live',
    play,
    workers: 1,
    cwd: repoRoot,
    failFast: false,
    gates,
    env: {},
    preLive: { ...preLive, env: { ...isolatedHome(), ...preLive.env } },
  });
  return Object.fromEntries(run.report.gates.map((g) => [g.gateId, g]));
}

/** A copy of the example play with `edit` applied to its text. */
function playVariant(name: string, edit: (text: string) => string): string {
  const path = join(scratch, `${name}.yml`);
  writeFileSync(path, edit(readFileSync(EXAMPLE, 'utf8')));
  return path;
}

const account = (spec: Partial<MockAccountSpec>): MockAccountSpec => ({
  apiKey: 'pl-test-key',
  apiSecret: 'pl-test-secret',
  ...spec,
});

describe.skipIf(shared === undefined)(
  'pre-live gates against the in-process mock (validation.md §12)',
  () => {
    it('passes PL4, PL1, PL2, PL3 on the example play with the default mock account', async () => {
      const g = await preLive(EXAMPLE, { target: 'mock' });
      expect(g.PL4).toMatchObject({
        passed: true,
        checked: 5,
        detail: 'Play: 01_ema_cross_rsi_filter',
        failures: [],
      });
      expect(g.PL1).toMatchObject({ passed: true, checked: 2, failures: [] });
      const offset = Number(/^mock offset=(-?\d+)ms$/.exec(g.PL1!.detail)?.[1]);
      expect(Math.abs(offset)).toBeLessThanOrEqual(5000);
      expect(g.PL2).toMatchObject({ passed: true, checked: 1, detail: 'available=1000000 required=10000' });
      expect(g.PL3).toMatchObject({ passed: true, checked: 1, detail: 'BTCUSDT flat', failures: [] });
    });

    it('PL2 fails an account below the play starting equity, through the signed wallet call', async () => {
      const g = await preLive(EXAMPLE, { target: 'mock', mockAccount: account({ balanceUsdt: 2500 }) });
      expect(g.PL2).toMatchObject({
        passed: false,
        checked: 1,
        detail: 'available=2500 required=10000',
        failures: [{ message: 'Insufficient balance: 2500 < 10000 USDT' }],
      });
      expect(g.PL1?.passed).toBe(true);
      expect(g.PL3?.passed).toBe(true);
    });

    it('PL3 fails when the account holds a BTCUSDT position; PL2 sees its margin taken off', async () => {
      const g = await preLive(EXAMPLE, {
        target: 'mock',
        mockAccount: account({
          balanceUsdt: 10_100,
          positions: [{ symbol: 'BTCUSDT', side: 'Sell', size: 0.02, avgPrice: 100_000, leverage: 10 }],
        }),
      });
      expect(g.PL3).toMatchObject({
        passed: false,
        checked: 1,
        failures: [{ message: 'Open position exists for BTCUSDT' }],
      });
      // IM 0.02 × 100 000 / 10 = 200 → available 9900 < 10 000.
      expect(g.PL2?.failures).toEqual([{ message: 'Insufficient balance: 9900 < 10000 USDT' }]);
    });

    it('an ETHUSDT position does not conflict with a BTCUSDT play', async () => {
      const g = await preLive(EXAMPLE, {
        target: 'mock',
        mockAccount: account({
          balanceUsdt: 50_000,
          positions: [{ symbol: 'ETHUSDT', side: 'Buy', size: 1, avgPrice: 2500, leverage: 5 }],
        }),
      });
      expect(g.PL3).toMatchObject({ passed: true, detail: 'BTCUSDT flat' });
    });

    it('PL4 names each account key the raw YAML leaves out', async () => {
      const noSlippage = playVariant('no_slippage', (t) => t.replace(/^ {2}slippage_bps: 2\n/m, ''));
      expect(readFileSync(noSlippage, 'utf8')).not.toContain('slippage_bps');
      const g = await preLive(noSlippage, { target: 'mock' });
      expect(g.PL4).toMatchObject({
        passed: false,
        checked: 5,
        detail: 'Play: no_slippage',
        failures: [{ message: 'missing account.slippage_bps' }],
      });
      const emptyFees = playVariant('empty_fees', (t) =>
        t.replace(/^ {2}fee_model: .*\n/m, '  fee_model: {}\n').replace(/^ {2}max_leverage: 2\n/m, ''),
      );
      const h = await preLive(emptyFees, { target: 'mock' });
      expect(h.PL4?.failures.map((f) => f.message)).toEqual([
        'missing account.max_leverage',
        'missing account.fee_model',
      ]);
    });

    it('PL3 reports the exchange rejection for a symbol the target does not list', async () => {
      const doge = playVariant('doge', (t) => t.replace(/^symbol: BTCUSDT$/m, 'symbol: DOGEUSDT'));
      const g = await preLive(doge, { target: 'mock' });
      expect(g.PL3).toMatchObject({ passed: false, checked: 1, detail: 'DOGEUSDT' });
      expect(g.PL3?.failures[0]?.message).toMatch(
        /^position list failed: retCode 10001 params error: symbol invalid: DOGEUSDT/,
      );
    });
  },
);

describe('pre-live without keys never reaches the network', () => {
  it.each(['demo', 'live'] as const)(
    'target %s without keys fails PL1–PL3 with "no API key for %s"',
    async (target) => {
      const g = await preLive(EXAMPLE, { target, env: {} });
      for (const id of ['PL1', 'PL2', 'PL3'])
        expect(g[id]).toMatchObject({
          passed: false,
          checked: 0,
          failures: [{ message: `no API key for ${target}` }],
        });
      expect(g.PL4?.passed).toBe(true);
    },
  );

  it('one key without its secret is a configuration error', async () => {
    const g = await preLive(EXAMPLE, { target: 'demo', env: { BYBIT_DEMO_API_KEY: 'k' } });
    expect(g.PL1?.failures[0]?.message).toBe(
      'BYBIT_DEMO_API_KEY and BYBIT_DEMO_API_SECRET must be set together (only one is set); set both BYBIT_DEMO_API_KEY and BYBIT_DEMO_API_SECRET, or neither',
    );
  });
});

describe('available balance rule (validation.md §12)', () => {
  it('uses totalAvailableBalance, else USDT walletBalance − totalPositionIM − totalOrderIM', () => {
    expect(availableUsdt({ accountType: 'UNIFIED', totalAvailableBalance: '123.5', coin: [] })).toBe(123.5);
    expect(
      availableUsdt({
        accountType: 'UNIFIED',
        totalAvailableBalance: '',
        coin: [{ coin: 'USDT', walletBalance: '1000', totalPositionIM: '150', totalOrderIM: '50.5' }],
      }),
    ).toBe(799.5);
    expect(
      availableUsdt({ accountType: 'UNIFIED', coin: [{ coin: 'BTC', walletBalance: '1' }] }),
    ).toBeUndefined();
  });
});
