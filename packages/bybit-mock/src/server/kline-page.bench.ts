/**
 * How many 1000-row kline pages per second does the mock answer over loopback, one request at a time?
 * (The sync of a month of 1m bars is 44 such pages.) Bounded: each case runs ~2 s and at least 50 requests.
 */
import { join } from 'node:path';
import { findSharedDir } from '@trade/core';
import { RestClientV5 } from 'bybit-api';
import { afterAll, bench, describe } from 'vitest';
import { type MockBybit, startMockBybit } from '../index';

const shared = findSharedDir();
const OPTIONS = { time: 2000, iterations: 50, warmupTime: 200, warmupIterations: 5 };

// Top-level setup: vitest 4 runs bench bodies without awaiting describe-level beforeAll hooks.
const mock: MockBybit | undefined =
  shared === undefined
    ? undefined
    : // The per-IP budget (600 per 5 s) would turn a benchmark into 403s.
      await startMockBybit({ dataDir: join(shared, 'data'), ipRateLimit: false });
const client = new RestClientV5({ baseUrl: mock?.url ?? 'http://127.0.0.1:1', keepAlive: true });
const rawUrl = `${mock?.url}/v5/market/kline?category=linear&symbol=BTCUSDT&interval=1&limit=1000`;

describe.skipIf(mock === undefined)('kline page of 1000 rows, sequential over 127.0.0.1', () => {
  afterAll(() => mock?.close());

  bench(
    '1m page via fetch (server cost + HTTP)',
    async () => {
      const r = await fetch(rawUrl);
      await r.text();
      mock!.clearRequestLog();
    },
    OPTIONS,
  );

  bench(
    '1m page via bybit-api RestClientV5',
    async () => {
      await client.getKline({ category: 'linear', symbol: 'BTCUSDT', interval: '1', limit: 1000 });
    },
    OPTIONS,
  );

  bench(
    '1h page aggregated from 1m and 5m via RestClientV5',
    async () => {
      await client.getKline({ category: 'linear', symbol: 'BTCUSDT', interval: '60', limit: 1000 });
    },
    OPTIONS,
  );
});
