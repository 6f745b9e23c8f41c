import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startMockBybit } from '@trade/bybit-mock';
import { type ApiKeys, resolveApiKeys, TradeError } from '@trade/core';
import type { PreLiveMockAccount, PreLiveSettings, PreLiveTarget } from '../../runner/types';
import { type ExchangeRestClient, newRestClient } from './bybit-client';

/**
 * The mock's keyed test account: a fresh random key pair per run and a balance well above every example play's
 * `starting_equity_usdt` (the largest is 20 000 USDT), flat on every symbol.
 */
export function defaultMockAccount(): PreLiveMockAccount {
  return {
    apiKey: `prelive-${randomBytes(6).toString('hex')}`,
    apiSecret: randomBytes(24).toString('hex'),
    balanceUsdt: 1_000_000,
  };
}

/**
 * Where the target's WebSocket streams are (`live.md` §1): public market data always from mainnet (or the
 * `TRADE_BYBIT_WS_PUBLIC_URL` override, or the mock), private streams from the target's host. `undefined` URLs
 * leave `bybit-api`'s own hosts in place; `wsUrl` replaces every URL of a client, hence one client per endpoint.
 */
export interface WsEndpoints {
  readonly publicUrl: string | undefined;
  readonly privateUrl: string | undefined;
  /** The private stream's keys (absent for a keyless demo/live target). */
  readonly key: string | undefined;
  readonly secret: string | undefined;
  /** True for the demo target: the client then connects the private stream to Bybit's demo host. */
  readonly demoTrading: boolean;
}

/** An open connection to the target; `close` stops the in-process mock when there is one. */
export interface ExchangeConnection {
  readonly target: PreLiveTarget;
  readonly client: ExchangeRestClient;
  readonly ws: WsEndpoints;
  /** Target mock: the symbols it serves (the exchange tier's smoke symbols must be among them). */
  readonly servedSymbols?: readonly string[];
  close(): Promise<void>;
}

/** A failure to open the connection, worded as the gate's failure line. */
export class ConnectionRefused extends Error {}

/** `public`: the gate makes only public calls, so a demo/live target without keys still opens (§13 EX1, EX3). */
export type ExchangeAccess = 'signed' | 'public';

/**
 * Opens the target: `mock` starts the mock on 127.0.0.1 (ephemeral port, the shared folder's stored BTCUSDT and
 * ETHUSDT data, one keyed test account); `demo` / `live` need keys in the environment for `signed` access, else the
 * gate fails with `no API key for <target>` before any request is sent.
 */
export async function openExchange(
  settings: PreLiveSettings,
  sharedDir: string | undefined,
  access: ExchangeAccess = 'signed',
): Promise<ExchangeConnection> {
  if (settings.target === 'mock') {
    if (sharedDir === undefined)
      throw new ConnectionRefused('target mock needs the shared data folder (set TRADE_SHARED_DIR)');
    const account = settings.mockAccount ?? defaultMockAccount();
    const mock = await startMockBybit({ dataDir: join(sharedDir, 'data'), accounts: [account] });
    return {
      target: 'mock',
      servedSymbols: mock.symbols,
      ws: {
        publicUrl: mock.wsPublicUrl,
        privateUrl: mock.wsPrivateUrl,
        key: account.apiKey,
        secret: account.apiSecret,
        demoTrading: false,
      },
      client: newRestClient({ baseUrl: mock.url, key: account.apiKey, secret: account.apiSecret }),
      close: () => mock.close(),
    };
  }
  let keys: ApiKeys | undefined;
  try {
    keys = resolveApiKeys(settings.target, settings.env);
  } catch (e) {
    // A half-set pair, a loose or malformed credentials file: the gate's failure line, never the keys.
    if (e instanceof TradeError)
      throw new ConnectionRefused(e.hint === undefined ? e.message : `${e.message}; ${e.hint}`);
    throw e;
  }
  if (keys === undefined && access === 'signed')
    throw new ConnectionRefused(`no API key for ${settings.target}`);
  // live.md §10: demo keys only go to the demo host, live keys only to mainnet (or TRADE_BYBIT_REST_URL).
  const baseUrl = settings.target === 'live' ? settings.env.TRADE_BYBIT_REST_URL || undefined : undefined;
  return {
    target: settings.target,
    ws: {
      publicUrl: settings.env.TRADE_BYBIT_WS_PUBLIC_URL || undefined,
      privateUrl: settings.env.TRADE_BYBIT_WS_PRIVATE_URL || undefined,
      key: keys?.key,
      secret: keys?.secret,
      demoTrading: settings.target === 'demo',
    },
    client: newRestClient({
      ...(keys ?? {}),
      ...(settings.target === 'demo' ? { demoTrading: true } : {}),
      ...(baseUrl === undefined ? {} : { baseUrl }),
    }),
    close: async () => {},
  };
}

/** A thrown `bybit-api` error as one line: its code and message only (its objects carry the client options, secret included). */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message;
  const err = e as { code?: unknown; message?: unknown } | null;
  const parts = [err?.code, err?.message].filter((p) => p !== undefined && p !== null && p !== '');
  return parts.length > 0 ? parts.map(String).join(' ') : 'request failed';
}
