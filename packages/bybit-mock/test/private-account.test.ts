import { RestClientV5 } from 'bybit-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockBybit, MockBybitError, startMockBybit } from '../src/index';
import { signV5 } from '../src/server/auth';
import { dataDir, sample, shared } from './support';

const KEY = 'mock-key-1';
const SECRET = 'mock-secret-1';

/** Keys of a recorded object, in order (nested shapes differ in the recorded extras, e.g. `spotBorrow`). */
const keysOf = (o: unknown): string[] => Object.keys(o as Record<string, unknown>);

describe.skipIf(shared === undefined)('private routes: V5 signatures, wallet balance, position list', () => {
  let mock: MockBybit;
  let client: RestClientV5;

  beforeAll(async () => {
    mock = await startMockBybit({
      dataDir,
      accounts: [
        { apiKey: KEY, apiSecret: SECRET, balanceUsdt: 25_000 },
        {
          apiKey: 'with-position',
          apiSecret: 'secret-2',
          balanceUsdt: 5_000,
          positions: [{ symbol: 'BTCUSDT', side: 'Buy', size: 0.01, avgPrice: 100_000, leverage: 5 }],
        },
      ],
    });
    client = new RestClientV5({ baseUrl: mock.url, key: KEY, secret: SECRET });
  });
  afterAll(() => mock.close());

  it('accepts the genuine client signature and serves the UNIFIED wallet with its USDT coin', async () => {
    const res = await client.getWalletBalance({ accountType: 'UNIFIED' });
    expect(res.retCode).toBe(0);
    const account = res.result.list[0]!;
    expect(account).toMatchObject({
      accountType: 'UNIFIED',
      totalWalletBalance: '25000',
      totalAvailableBalance: '25000',
      totalInitialMargin: '0',
    });
    expect(account.coin.map((c) => [c.coin, c.walletBalance, c.totalPositionIM])).toEqual([
      ['USDT', '25000', '0'],
    ]);
    // Every top-level key of Bybit's recorded wallet answer is present, in a parseable form.
    const recorded = (sample('nautilus-fixtures/http_get_wallet_balance.json').result as { list: object[] })
      .list[0]!;
    expect(keysOf(account).sort()).toEqual(keysOf(recorded).sort());
    for (const [k, v] of Object.entries(account.coin[0]!))
      expect(typeof v === 'string' || typeof v === 'boolean', `coin.${k}`).toBe(true);
  });

  it('subtracts position margin from the available balance', async () => {
    const other = new RestClientV5({ baseUrl: mock.url, key: 'with-position', secret: 'secret-2' });
    const res = await other.getWalletBalance({ accountType: 'UNIFIED', coin: 'USDT' });
    // IM = 0.01 × 100 000 / 5 = 200.
    expect(res.result.list[0]).toMatchObject({ totalWalletBalance: '5000', totalAvailableBalance: '4800' });
    expect(res.result.list[0]!.coin[0]!.totalPositionIM).toBe('200');
  });

  it('lists a flat position by symbol with size "0" and an open one with its fields', async () => {
    const flat = await client.getPositionInfo({ category: 'linear', symbol: 'BTCUSDT' });
    expect(flat.retCode).toBe(0);
    expect(flat.result.list).toHaveLength(1);
    expect(flat.result.list[0]).toMatchObject({ symbol: 'BTCUSDT', size: '0', side: '', positionIdx: 0 });
    const other = new RestClientV5({ baseUrl: mock.url, key: 'with-position', secret: 'secret-2' });
    const open = await other.getPositionInfo({ category: 'linear', symbol: 'BTCUSDT' });
    expect(open.result.list[0]).toMatchObject({
      symbol: 'BTCUSDT',
      side: 'Buy',
      size: '0.01',
      avgPrice: '100000',
      positionValue: '1000',
      leverage: '5',
      positionIM: '200',
      riskId: 1,
    });
    // Every key of the recorded position (minus fields Bybit added after the spec) is served.
    const recorded = (sample('rest/position-list.1.json').result as { list: object[] }).list[0]!;
    const served = new Set(keysOf(open.result.list[0]));
    const missing = keysOf(recorded).filter((k) => !served.has(k));
    expect(missing.sort()).toEqual(
      [
        'breakEvenPrice',
        'leverageSysUpdatedTime',
        'mmrSysUpdateTime',
        'positionIMByMp',
        'positionMMByMp',
        'sessionAvgPrice',
      ].sort(),
    );
    const bySettle = await other.getPositionInfo({ category: 'linear', settleCoin: 'USDT' });
    expect(bySettle.result.list.map((p) => p.symbol)).toEqual(['BTCUSDT']);
    const noneOpen = await client.getPositionInfo({ category: 'linear', settleCoin: 'USDT' });
    expect(noneOpen.result.list).toEqual([]);
    expect(noneOpen.result.nextPageCursor).toBe('');
  });

  it('answers 10004 to a wrong secret and 10003 to an unknown key', async () => {
    const wrongSecret = new RestClientV5({ baseUrl: mock.url, key: KEY, secret: 'not-the-secret' });
    const bad = await wrongSecret.getWalletBalance({ accountType: 'UNIFIED' });
    expect(bad.retCode).toBe(10004);
    expect(bad.retMsg).toMatch(/^error sign! origin_string\[\d+mock-key-1\d+accountType=UNIFIED\]$/);
    const unknown = new RestClientV5({ baseUrl: mock.url, key: 'nobody', secret: SECRET });
    const res = await unknown.getPositionInfo({ category: 'linear', symbol: 'BTCUSDT' });
    expect(res).toMatchObject({ retCode: 10003, retMsg: 'API key is invalid.' });
    const log = mock.requestLog.slice(-2);
    expect(log.map((e) => [e.path, e.retCode])).toEqual([
      ['/v5/account/wallet-balance', 10004],
      ['/v5/position/list', 10003],
    ]);
  });

  it('refuses unsigned requests, stale timestamps and non-UNIFIED accounts', async () => {
    const get = async (path: string, headers: Record<string, string>) =>
      (await (await fetch(`${mock.url}${path}`, { headers })).json()) as { retCode: number; retMsg: string };
    expect((await get('/v5/account/wallet-balance?accountType=UNIFIED', {})).retCode).toBe(10003);
    expect(
      (await get('/v5/account/wallet-balance?accountType=UNIFIED', { 'X-BAPI-API-KEY': KEY })).retCode,
    ).toBe(10004);
    const stale = String(Date.now() - 60_000);
    const query = 'accountType=UNIFIED';
    const staleAnswer = await get(`/v5/account/wallet-balance?${query}`, {
      'X-BAPI-API-KEY': KEY,
      'X-BAPI-TIMESTAMP': stale,
      'X-BAPI-RECV-WINDOW': '5000',
      'X-BAPI-SIGN': signV5(SECRET, `${stale}${KEY}5000${query}`),
    });
    expect(staleAnswer.retCode).toBe(10002);
    expect(staleAnswer.retMsg).toContain(`req_timestamp[${stale}]`);
    // A hand-signed request with the same rule is accepted: the mock checks the raw query as sent.
    const now = String(Date.now());
    const ok = await get(`/v5/account/wallet-balance?${query}`, {
      'X-BAPI-API-KEY': KEY,
      'X-BAPI-TIMESTAMP': now,
      'X-BAPI-RECV-WINDOW': '5000',
      'X-BAPI-SIGN': signV5(SECRET, `${now}${KEY}5000${query}`),
    });
    expect(ok.retCode).toBe(0);
    const spot = await client.getWalletBalance({ accountType: 'CONTRACT' as 'UNIFIED' });
    expect(spot.retCode).toBe(10001);
    expect(spot.retMsg).toContain("accountType 'CONTRACT'");
  });

  it('creates accounts at runtime and checks their specs', () => {
    const a = mock.createAccount({ apiKey: 'late', apiSecret: 's', balanceUsdt: 1 });
    expect(mock.account('late')).toBe(a);
    expect(a.uid).toBeGreaterThan(100_000);
    expect(() => mock.createAccount({ apiKey: 'late', apiSecret: 's' })).toThrow(MockBybitError);
    expect(() =>
      mock.createAccount({
        apiKey: 'bad-sym',
        apiSecret: 's',
        positions: [{ symbol: 'DOGEUSDT', side: 'Buy', size: 1, avgPrice: 1 }],
      }),
    ).toThrow(/position symbol DOGEUSDT is not served/);
    expect(() => mock.createAccount({ apiKey: 'neg', apiSecret: 's', balanceUsdt: -1 })).toThrow(
      /balanceUsdt must be ≥ 0/,
    );
  });
});
