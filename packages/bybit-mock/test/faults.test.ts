import { afterEach, describe, expect, it } from 'vitest';
import { type FaultRule, MockBybitError } from '../src/index';
import { type MockWithClient, shared, startWithClient } from './support';

const KLINE = '/v5/market/kline';
const klineUrl = (t: MockWithClient) =>
  `${t.mock.url}${KLINE}?category=linear&symbol=BTCUSDT&interval=60&limit=1`;

describe.skipIf(shared === undefined)('fault injection and the request log', () => {
  let t: MockWithClient | undefined;
  afterEach(async () => {
    await t?.mock.close();
    t = undefined;
  });

  /** HTTP statuses of `n` sequential kline requests. */
  async function statuses(m: MockWithClient, n: number, path = KLINE): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const url = path === KLINE ? klineUrl(m) : `${m.mock.url}${path}`;
      const r = await fetch(url);
      await r.text();
      out.push(r.status);
    }
    return out;
  }

  it('http5xx answers the given status `count` times, then the endpoint recovers', async () => {
    t = await startWithClient({ faults: [{ endpoint: KLINE, kind: 'http5xx', status: 502, count: 2 }] });
    const seen: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      try {
        seen.push(
          (await t.client.getKline({ category: 'linear', symbol: 'BTCUSDT', interval: '1' })).retCode,
        );
      } catch (e) {
        seen.push((e as { code: number }).code);
      }
    }
    expect(seen).toEqual([502, 502, 0]);
    expect(t.mock.requestLog.map((e) => [e.status, e.retCode, e.fault])).toEqual([
      [502, null, 'http5xx'],
      [502, null, 'http5xx'],
      [200, 0, null],
    ]);
  });

  it('http5xx with status 403 answers Bybit’s IP-ban text', async () => {
    t = await startWithClient({ faults: [{ kind: 'http5xx', status: 403, count: 1 }] });
    const r = await fetch(klineUrl(t));
    expect(r.status).toBe(403);
    expect(await r.text()).toBe('access too frequent');
  });

  it('rateLimit answers retCode 10006 with a zero budget and a reset time ahead', async () => {
    t = await startWithClient({
      faults: [{ endpoint: KLINE, kind: 'rateLimit', resetAfterMs: 700, count: 1 }],
    });
    const before = Date.now();
    const r = await t.client.getKline({ category: 'linear', symbol: 'BTCUSDT', interval: '1' });
    expect(r.retCode).toBe(10006);
    expect(r.retMsg).toBe('Too many visits. Exceeded the API Rate Limit.');
    expect(r.rateLimitApi?.remainingRequests).toBe(0);
    expect(r.rateLimitApi?.resetAtTimestamp).toBeGreaterThanOrEqual(before + 700);
    expect((await t.client.getKline({ category: 'linear', symbol: 'BTCUSDT', interval: '1' })).retCode).toBe(
      0,
    );
  });

  it('latency delays the answer by latencyMs and is logged', async () => {
    t = await startWithClient({ faults: [{ endpoint: KLINE, kind: 'latency', latencyMs: 150 }] });
    const r = await t.client.getKline({ category: 'linear', symbol: 'BTCUSDT', interval: '1', limit: 1 });
    expect(r.retCode).toBe(0);
    const entry = t.mock.requestLog[0]!;
    expect(entry.fault).toBe('latency');
    expect(entry.latencyMs).toBeGreaterThanOrEqual(150);
  });

  it('drop destroys the socket mid-response; the client sees a transport error and can retry', async () => {
    t = await startWithClient({ faults: [{ endpoint: KLINE, kind: 'drop', count: 1 }] });
    // axios saw the 200 status line before the stream died, so bybit-api reports status 200 without a body.
    await expect(
      t.client.getKline({ category: 'linear', symbol: 'BTCUSDT', interval: '1' }),
    ).rejects.toMatchObject({ code: 200, body: undefined });
    const ok = await t.client.getKline({ category: 'linear', symbol: 'BTCUSDT', interval: '1' });
    expect(ok.retCode).toBe(0);
    expect(t.mock.requestLog.map((e) => [e.status, e.fault])).toEqual([
      [0, 'drop'],
      [200, null],
    ]);
  });

  it('everyNth and skipFirst select which matching requests fail', async () => {
    t = await startWithClient({ faults: [{ endpoint: KLINE, kind: 'http5xx', everyNth: 3, skipFirst: 2 }] });
    expect(await statuses(t, 9)).toEqual([200, 200, 200, 200, 503, 200, 200, 503, 200]);
  });

  it('every rule counts every matching request, so skipFirst ranges of several rules do not shift', async () => {
    t = await startWithClient({
      faults: [
        { endpoint: KLINE, kind: 'http5xx', status: 500, skipFirst: 1, count: 2 },
        { endpoint: KLINE, kind: 'http5xx', status: 502, skipFirst: 4, count: 1 },
        { endpoint: KLINE, kind: 'http5xx', status: 504, skipFirst: 1, count: 1 },
      ],
    });
    // Request 2 and 3 hit the first rule; the third rule would fire on 2 but is pre-empted and keeps its
    // count, so it fires on 4; request 5 hits the second rule.
    expect(await statuses(t, 6)).toEqual([200, 500, 500, 504, 502, 200]);
  });

  it('probability decisions are deterministic for a seed and differ across seeds', async () => {
    const rule: FaultRule = { endpoint: KLINE, kind: 'http5xx', probability: 0.5 };
    const run = async (seed: number) => {
      const m = await startWithClient({ seed, faults: [rule] });
      try {
        return await statuses(m, 24);
      } finally {
        await m.mock.close();
      }
    };
    const a = await run(7);
    expect(await run(7)).toEqual(a);
    expect(await run(8)).not.toEqual(a);
    expect(a.filter((s) => s === 503).length).toBeGreaterThan(3);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(3);
  });

  it('endpoint globs select paths; other endpoints stay healthy', async () => {
    t = await startWithClient({ faults: [{ endpoint: '/v5/market/fund*', kind: 'http5xx' }] });
    expect(await statuses(t, 1, '/v5/market/funding/history?category=linear&symbol=BTCUSDT')).toEqual([503]);
    expect(await statuses(t, 1)).toEqual([200]);
  });

  it('setFaults replaces the rules and restarts their counters; invalid rules are refused', async () => {
    t = await startWithClient({ faults: [{ kind: 'http5xx' }] });
    expect(await statuses(t, 1)).toEqual([503]);
    t.mock.setFaults([{ kind: 'http5xx', status: 500, skipFirst: 1, count: 1 }]);
    expect(await statuses(t, 3)).toEqual([200, 500, 200]);
    t.mock.setFaults([]);
    expect(await statuses(t, 1)).toEqual([200]);
    const bad = () => t!.mock.setFaults([{ kind: 'explode' } as unknown as FaultRule]);
    expect(bad).toThrow(MockBybitError);
    expect(bad).toThrow(/faults\[0\]\.kind/);
  });

  it('the request log records method, path, raw and decoded query, status, retCode and time', async () => {
    t = await startWithClient();
    const before = Date.now();
    await t.client.getKline({
      category: 'linear',
      symbol: 'BTCUSDT',
      interval: '60',
      start: 1,
      end: 2,
      limit: 1000,
    });
    await fetch(`${t.mock.url}/v5/market/nope`);
    const [kline, missing] = t.mock.requestLog;
    expect(kline).toMatchObject({
      seq: 1,
      method: 'GET',
      path: KLINE,
      query: { category: 'linear', symbol: 'BTCUSDT', interval: '60', start: '1', end: '2', limit: '1000' },
      status: 200,
      retCode: 0,
      fault: null,
    });
    expect(kline!.rawQuery).toContain('limit=1000');
    expect(kline!.timestamp).toBeGreaterThanOrEqual(before);
    expect(missing).toMatchObject({ seq: 2, path: '/v5/market/nope', status: 404, retCode: 10017 });
    t.mock.clearRequestLog();
    expect(t.mock.requestLog).toHaveLength(0);
  });

  it('answers unknown paths with HTTP 404 retCode 10017 and a wrong method with HTTP 400', async () => {
    t = await startWithClient();
    const missing = await fetch(`${t.mock.url}/v5/market/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ retCode: 10017, retMsg: 'route not found' });
    const post = await fetch(`${t.mock.url}${KLINE}`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(400);
    expect(((await post.json()) as { retCode: number }).retCode).toBe(10001);
  });

  it('enforces the per-IP budget with HTTP 403 and reports it in the rate-limit headers', async () => {
    t = await startWithClient({ ipRateLimit: { limit: 3, windowMs: 60_000 } });
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await fetch(klineUrl(t));
      await r.text();
      expect(r.headers.get('x-bapi-limit')).toBe('3');
      remaining.push(r.headers.get('x-bapi-limit-status'));
    }
    expect(remaining).toEqual(['2', '1', '0']);
    expect(await statuses(t, 1)).toEqual([403]);
  });

  it('close ends pending latency waits and refuses new connections', async () => {
    t = await startWithClient({ faults: [{ kind: 'latency', latencyMs: 60_000 }] });
    const pending = fetch(klineUrl(t)).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await t.mock.close();
    await pending;
    expect(Date.now() - started).toBeLessThan(30_000);
    await expect(fetch(klineUrl(t))).rejects.toBeDefined();
  });
});
