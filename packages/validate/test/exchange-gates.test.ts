import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MockAccountSpec, startMockBybit } from '@trade/bybit-mock';
import { findSharedDir } from '@trade/core';
import { describe, expect, it } from 'vitest';
import { testOrder } from '../src/gates/exchange/exchange-gates';
import { smokeSettings } from '../src/gates/exchange/smoke-settings';
import { type GateResult, runValidation } from '../src/index';
import { isolatedHome } from './helpers';

const shared = findSharedDir();
const repoRoot = new URL('../../..', import.meta.url).pathname;

/** The exchange tier for real (EX1–EX5 against the in-process mock). */
async function exchange(preLive: {
  target?: 'demo' | 'live' | 'mock';
  env?: Record<string, string>;
  mockAccount?: MockAccountSpec;
}): Promise<Record<string, GateResult>> {
  const run = await runValidation({
    tier: 'exchange',
    workers: 1,
    cwd: repoRoot,
    failFast: false,
    env: {},
    preLive: { ...preLive, env: { ...isolatedHome(), ...preLive.env } },
  });
  return Object.fromEntries(run.report.gates.map((g) => [g.gateId, g]));
}

describe.skipIf(shared === undefined)(
  'exchange gates against the in-process mock (validation.md §13)',
  () => {
    it('passes EX1–EX5 with the default smoke settings', async () => {
      const g = await exchange({ target: 'mock' });
      expect(g.EX1).toMatchObject({ passed: true, checked: 2, failures: [] });
      expect(Math.abs(Number(/^mock offset=(-?\d+)ms$/.exec(g.EX1!.detail)?.[1]))).toBeLessThanOrEqual(5000);
      expect(g.EX2).toMatchObject({ passed: true, checked: 5, failures: [] });
      expect(g.EX3).toMatchObject({ passed: true, checked: 5, detail: 'BTCUSDT', failures: [] });
      expect(g.EX4).toMatchObject({ passed: true, checked: 6, failures: [] });
      // ETHUSDT (the last smoke symbol): 20 USD at 90 % of the price, floored to 0.01 ETH / tick 0.01.
      expect(g.EX4!.detail).toMatch(/^ETHUSDT Buy 0\.0\d @ \d+\.\d{2} PostOnly ex4-[0-9a-z]+$/);
      // EX5: rate-limit headers, both streams and the health summary (REST latency, clock offset, states).
      expect(g.EX5).toMatchObject({ passed: true, checked: 4, failures: [] });
      expect(g.EX5!.detail).toMatch(
        /^rest \d+ms limit \d+\/\d+, mock offset=-?\d+ms, public open, private authenticated$/,
      );
    });

    it('EX3 and EX4 fail with the settings line when a smoke symbol is not served by the mock', async () => {
      const g = await exchange({ target: 'mock', env: { TRADE_SMOKE_SYMBOLS: 'BTCUSDT,DOGEUSDT' } });
      const line = 'TRADE_SMOKE_SYMBOLS: DOGEUSDT not served by the mock (served: BTCUSDT, ETHUSDT)';
      expect(g.EX3).toMatchObject({ passed: false, checked: 0, failures: [{ message: line }] });
      expect(g.EX4).toMatchObject({ passed: false, checked: 0, failures: [{ message: line }] });
      expect(g.EX1?.passed).toBe(true);
    });

    it('EX4 fails on a rejected order and still cancels in its finally step', async () => {
      const g = await exchange({
        target: 'mock',
        env: { TRADE_SMOKE_SYMBOLS: 'BTCUSDT' },
        mockAccount: { apiKey: 'ex-poor', apiSecret: 'ex-poor-secret', balanceUsdt: 1 },
      });
      // Leverage, price, the order (rejected: cost above 1 USDT), then cancel-all; no final listing.
      expect(g.EX4).toMatchObject({
        passed: false,
        checked: 4,
        failures: [{ message: 'order create failed: retCode 110007 ab not enough for new order' }],
      });
      expect(g.EX4!.detail).toMatch(/^BTCUSDT Buy 0\.001 @ \d+\.\d PostOnly ex4-/);
    });

    it('EX1 and EX2 fail through the signed calls when the keys do not match the mock account', async () => {
      // A wrong secret for the mock's account: the signature check answers 10004 on every private call.
      const g = await exchange({
        target: 'mock',
        env: { TRADE_SMOKE_USD_SIZE: 'lots' },
      });
      expect(g.EX3).toMatchObject({
        passed: false,
        failures: [{ message: "TRADE_SMOKE_USD_SIZE must be a number > 0, got 'lots'" }],
      });
      expect(g.EX2?.passed).toBe(true);
    });
  },
);

describe.skipIf(shared === undefined)('exchange tier without keys', () => {
  it('runs the public EX1/EX3 and the EX5 public stream, fails the signed steps with `no API key for live`, skips EX4 on live', async () => {
    // Target live at a local mock (TRADE_BYBIT_REST_URL) so nothing leaves the machine.
    const mock = await startMockBybit({ dataDir: join(shared!, 'data') });
    try {
      const g = await exchange({
        target: 'live',
        env: { TRADE_BYBIT_REST_URL: mock.url, TRADE_BYBIT_WS_PUBLIC_URL: mock.wsPublicUrl },
      });
      expect(g.EX1).toMatchObject({ passed: true, checked: 2 });
      expect(g.EX1!.detail).toMatch(/^live offset=-?\d+ms$/);
      expect(g.EX2).toMatchObject({
        passed: false,
        checked: 0,
        failures: [{ message: 'no API key for live' }],
      });
      expect(g.EX3).toMatchObject({ passed: true, checked: 5, detail: 'BTCUSDT' });
      expect(g.EX4).toMatchObject({
        passed: true,
        checked: 0,
        detail: 'skipped (live target: no order flow)',
      });
      // EX5 still runs the public stream and the clock; the private steps fail as one line.
      expect(g.EX5).toMatchObject({
        passed: false,
        checked: 4,
        failures: [{ message: 'no API key for live' }],
      });
      expect(g.EX5!.detail).toMatch(/^rest \?, live offset=-?\d+ms, public open, private no keys$/);
      // No signed request reached the mock.
      expect(mock.requestLog.filter((e) => e.path.startsWith('/v5/account'))).toEqual([]);
    } finally {
      await mock.close();
    }
  });
});

describe.skipIf(shared === undefined)('exchange tier with keys from the credentials file', () => {
  /** A live target at a local mock whose account holds the keys of a private credentials file. */
  async function liveAtMock(secretInFile: string, wsPrivatePath = '/v5/private') {
    const mock = await startMockBybit({
      dataDir: join(shared!, 'data'),
      accounts: [{ apiKey: 'file-key-0001', apiSecret: 'file-secret', balanceUsdt: 10_000 }],
    });
    const home = isolatedHome();
    const file = join(home.TRADE_HOME, 'credentials.json');
    writeFileSync(file, JSON.stringify({ live: { key: 'file-key-0001', secret: secretInFile } }), {
      mode: 0o600,
    });
    const env = {
      ...home,
      TRADE_SMOKE_SYMBOLS: 'BTCUSDT',
      TRADE_BYBIT_REST_URL: mock.url,
      TRADE_BYBIT_WS_PUBLIC_URL: mock.wsPublicUrl,
      TRADE_BYBIT_WS_PRIVATE_URL: mock.wsPublicUrl.replace('/v5/public/linear', wsPrivatePath),
    };
    return { mock, env };
  }

  it('signs with the live keys of the file: EX2 and EX5 pass, both streams on the overridden hosts', async () => {
    const { mock, env } = await liveAtMock('file-secret');
    try {
      const g = await exchange({ target: 'live', env });
      expect(g.EX2).toMatchObject({ passed: true, checked: 5 });
      expect(g.EX5).toMatchObject({ passed: true, checked: 4 });
      expect(g.EX5!.detail).toMatch(
        /^rest \d+ms limit \d+\/\d+, live offset=-?\d+ms, public open, private authenticated$/,
      );
      // The signed calls were accepted: the file's key and secret match the mock's account.
      expect(mock.requestLog.some((e) => e.path === '/v5/account/wallet-balance' && e.retCode === 0)).toBe(
        true,
      );
    } finally {
      await mock.close();
    }
  });

  it('EX5 fails on a private stream that refuses the auth (wrong secret in the file), naming it', async () => {
    const { mock, env } = await liveAtMock('wrong-secret');
    try {
      const g = await exchange({ target: 'live', env });
      expect(g.EX5?.passed).toBe(false);
      expect(g.EX5!.detail).toMatch(/, public open, private not authenticated$/);
      // The signed REST call and the private auth both refuse the signature; the public stream is unaffected.
      expect(g.EX5!.failures.map((f) => f.message)).toEqual([
        expect.stringMatching(/^rate-limit headers: wallet-balance failed: retCode 10004 /),
        'private auth refused: Error sign',
      ]);
    } finally {
      await mock.close();
    }
  }, 30_000);
});

describe.skipIf(shared === undefined)('EX5 on a public stream that never answers', () => {
  it('fails after the 10 s subscribe window with the step named, the private stream still healthy', async () => {
    const mock = await startMockBybit({
      dataDir: join(shared!, 'data'),
      accounts: [{ apiKey: 'ws-key-0002', apiSecret: 'ws-secret', balanceUsdt: 10_000 }],
    });
    try {
      const g = await exchange({
        target: 'live',
        env: {
          TRADE_SMOKE_SYMBOLS: 'BTCUSDT',
          BYBIT_LIVE_API_KEY: 'ws-key-0002',
          BYBIT_LIVE_API_SECRET: 'ws-secret',
          TRADE_BYBIT_REST_URL: mock.url,
          // The mock closes `/v5/trade` upgrades with 1008 at once: the client connects, is closed, retries.
          TRADE_BYBIT_WS_PUBLIC_URL: mock.wsPublicUrl.replace('/v5/public/linear', '/v5/trade'),
          TRADE_BYBIT_WS_PRIVATE_URL: mock.wsPrivateUrl,
        },
      });
      expect(g.EX5).toMatchObject({
        passed: false,
        checked: 4,
        failures: [
          { message: expect.stringMatching(/^public subscribe tickers\.BTCUSDT: no answer within 10000 ms/) },
        ],
      });
      expect(g.EX5!.detail).toMatch(/, public connecting, private authenticated$/);
    } finally {
      await mock.close();
    }
  }, 40_000);
});

describe('smoke settings and the EX4 order', () => {
  it('reads TRADE_SMOKE_SYMBOLS / TRADE_SMOKE_USD_SIZE with defaults and the 100 USD cap', () => {
    expect(smokeSettings({}, undefined)).toEqual({ symbols: ['BTCUSDT', 'ETHUSDT'], usdSize: 20 });
    expect(
      smokeSettings({ TRADE_SMOKE_SYMBOLS: ' ETHUSDT ', TRADE_SMOKE_USD_SIZE: '500' }, ['ETHUSDT']),
    ).toEqual({
      symbols: ['ETHUSDT'],
      usdSize: 100,
    });
    expect(smokeSettings({ TRADE_SMOKE_USD_SIZE: '0' }, undefined)).toBe(
      "TRADE_SMOKE_USD_SIZE must be a number > 0, got '0'",
    );
    expect(smokeSettings({ TRADE_SMOKE_SYMBOLS: ',' }, undefined)).toBe(
      "TRADE_SMOKE_SYMBOLS ',' names no symbol",
    );
    expect(smokeSettings({ TRADE_SMOKE_SYMBOLS: 'btcusdt' }, undefined)).toMatch(/'btcusdt' is not a symbol/);
  });

  it('floors the price to the tick and sizes the qty to the step, the minimum qty and the minimum notional', () => {
    const rules = { tickSize: '0.10', qtyStep: '0.001', minOrderQty: '0.001', minNotionalValue: '5' };
    // 90 % of 100 000.55 = 90 000.495 → 90 000.4; 20 USD / 90 000.4 < 0.001 → the minimum 0.001.
    expect(testOrder(100_000.55, 20, rules)).toEqual({ price: '90000.4', qty: '0.001' });
    const eth = { tickSize: '0.01', qtyStep: '0.01', minOrderQty: '0.01', minNotionalValue: '5' };
    // 90 % of 2500 = 2250; 100 USD → 0.0444 → 0.04 (90 USD ≥ 5).
    expect(testOrder(2500, 100, eth)).toEqual({ price: '2250.00', qty: '0.04' });
    // 5 USD at 2250 floors to 0 steps; a 50 USDT minimum notional needs ⌈50 / 2250 / 0.01⌉ = 3 steps → 0.03.
    expect(testOrder(2500, 5, { ...eth, minNotionalValue: '50' })).toEqual({ price: '2250.00', qty: '0.03' });
  });
});
