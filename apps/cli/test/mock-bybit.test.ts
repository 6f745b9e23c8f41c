import { findSharedDir } from '@trade/core';
import { describe, expect, it } from 'vitest';
import { startTrade } from './io';

const shared = findSharedDir();

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out waiting for the mock to listen');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(shared === undefined)('trade mock-bybit serve', () => {
  it('streams NDJSON events under --json and stops by itself after --duration', async () => {
    const run = startTrade(['mock-bybit', 'serve', '--json', '--duration', '1.5']);
    const listening = await waitFor(() => {
      const line = run.out().split('\n')[0];
      return line
        ? (JSON.parse(line) as {
            type: string;
            url: string;
            ws_public_url: string;
            ws_private_url: string;
            symbols: string[];
          })
        : undefined;
    });
    expect(listening.type).toBe('listening');
    expect(listening.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(listening.symbols).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(listening.ws_public_url).toBe(`${listening.url.replace('http', 'ws')}/v5/public/linear`);
    expect(listening.ws_private_url).toBe(`${listening.url.replace('http', 'ws')}/v5/private`);
    const r = await fetch(`${listening.url}/v5/market/time`);
    expect(((await r.json()) as { retCode: number }).retCode).toBe(0);
    expect(await run.done).toBe(0);
    const lines = run.out().trim().split('\n');
    const request = JSON.parse(lines[1]!) as Record<string, unknown>;
    expect(request).toMatchObject({
      type: 'request',
      method: 'GET',
      path: '/v5/market/time',
      status: 200,
      retCode: 0,
    });
    // Strict NDJSON: every line is one JSON document, the envelope included.
    expect(lines).toHaveLength(3);
    const envelope = JSON.parse(lines[2]!) as Record<string, unknown>;
    expect(envelope).toMatchObject({ status: 'ok', command: 'mock-bybit serve', exit_code: 0 });
    expect(envelope.data).toMatchObject({ requests: 1, stopped_by: 'duration' });
    await expect(fetch(`${listening.url}/v5/market/time`)).rejects.toBeDefined();
  });

  it('prints the URL for humans and shuts down cleanly on SIGINT', async () => {
    const run = startTrade(['mock-bybit', 'serve']);
    const url = await waitFor(() => /listening on (http:\/\/\S+)/.exec(run.out())?.[1]);
    await fetch(`${url}/v5/market/kline?category=linear&symbol=BTCUSDT&interval=1&limit=1`);
    process.emit('SIGINT');
    expect(await run.done).toBe(0);
    expect(run.out()).toMatch(
      /GET \/v5\/market\/kline\?category=linear&symbol=BTCUSDT&interval=1&limit=1 -> 200 retCode 0/,
    );
    expect(run.out()).toMatch(/stopped \(signal\) after 1 request/);
    expect(process.listenerCount('SIGINT')).toBe(0);
  });

  it('refuses a bad port and a missing data folder with usage and data exit codes', async () => {
    const port = startTrade(['mock-bybit', 'serve', '--port', '70000']);
    expect(await port.done).toBe(2);
    expect(port.err()).toMatch(/--port must be an integer in \[0, 65535\]/);
    const data = startTrade(['mock-bybit', 'serve', '--data', '/nonexistent/trade-data', '--json']);
    expect(await data.done).toBe(4);
    expect(JSON.parse(data.out()).error.code).toBe('E_MOCK_DATA_DIR');
  });
});
