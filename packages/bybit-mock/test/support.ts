import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Candles, findSharedDir, parseCandlesCsv } from '@trade/core';
import { RestClientV5, type WebsocketClient } from 'bybit-api';
import { type MockBybit, type StartMockBybitOptions, startMockBybit } from '../src/index';

export const shared = findSharedDir();
export const dataDir = shared === undefined ? '' : join(shared, 'data');

/** A recorded Bybit payload of the test kit; `.jsonc` elisions (`....`) and trailing commas removed. */
export function sample(relative: string): Record<string, unknown> {
  const text = readFileSync(join(dataDir, 'bybit-samples', relative), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '....')
    .join('\n')
    .replace(/,(\s*[}\]])/g, '$1');
  return JSON.parse(text) as Record<string, unknown>;
}

export function storedCandles(symbol: string, tf: '1m' | '5m' | '60m'): Candles {
  const file = join(dataDir, 'klines', 'bybit', `${symbol}_${tf}.csv`);
  return parseCandlesCsv(readFileSync(file, 'utf8'), { file });
}

/**
 * The structure of a JSON value with key order kept: objects become `[key, shape]` lists, arrays the shape
 * of their first element, scalars their JSON type.
 */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shapeOf(value[0])];
  if (value === null) return 'null';
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, shapeOf(v)]);
  }
  return typeof value;
}

/** Drops what `bybit-api` adds on top of Bybit's body. */
export function body<T extends object>(response: T): Omit<T, 'rateLimitApi'> {
  const { rateLimitApi: _ignored, ...rest } = response as T & { rateLimitApi?: unknown };
  return rest;
}

export interface MockWithClient {
  readonly mock: MockBybit;
  readonly client: RestClientV5;
}

export async function startWithClient(options: StartMockBybitOptions = {}): Promise<MockWithClient> {
  const mock = await startMockBybit({ dataDir, ...options });
  const client = new RestClientV5({ baseUrl: mock.url, parseAPIRateLimits: true });
  return { mock, client };
}

/** The genuine client's list of a kline response, as numbers. */
export function klineRows(list: readonly (readonly string[])[]): number[][] {
  return list.map((row) => row.map(Number));
}

/** A `bybit-api` logger that prints nothing (the WebSocket tests provoke errors on purpose). */
export const QUIET_LOGGER = { trace: () => {}, info: () => {}, error: () => {} };

/** Closes and forgets every client of `clients` (an `afterEach` step of the WebSocket tests). */
export function closeClients(clients: WebsocketClient[]): void {
  for (const c of clients.splice(0)) {
    c.closeAll(true);
    c.removeAllListeners();
  }
}
