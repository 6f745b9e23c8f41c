import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Candles, MINUTE_MS } from '@trade/core';
import { RestClientV5, WebsocketClient } from 'bybit-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type MockBybit, startMockBybit } from '../src/index';
import { signV5 } from '../src/server/auth';
import { closeClients, dataDir, QUIET_LOGGER, shared, storedCandles } from './support';

const HOUR = 60 * MINUTE_MS;
const KEY = 'ws-key';
const SECRET = 'ws-secret';
type Json = Record<string, unknown>;

/** A raw `ws` client that keeps every frame, for exact reply texts. */
class RawClient {
  readonly texts: string[] = [];
  private waiters: (() => void)[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.texts.push(String(data));
      for (const w of this.waiters.splice(0)) w();
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
  }

  static open(url: string): Promise<RawClient> {
    const ws = new WebSocket(url);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new RawClient(ws)));
      ws.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first frame not yet taken that satisfies `match` (removed from the inbox), waiting up to `ms`. */
  async take(match: (text: string) => boolean = () => true, ms = 2000): Promise<string> {
    const deadline = Date.now() + ms;
    for (;;) {
      const i = this.texts.findIndex(match);
      if (i >= 0) return this.texts.splice(i, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching frame within ${ms} ms; inbox: ${this.texts.join('\n')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async takeJson(match: (o: Json) => boolean = () => true, ms = 2000): Promise<Json> {
    return JSON.parse(await this.take((t) => match(JSON.parse(t) as Json), ms)) as Json;
  }

  close(): void {
    this.ws.terminate();
  }
}

/** Every `update` the genuine client emits, and a way to wait for the next matching one (or another event). */
function record(client: WebsocketClient) {
  const updates: Json[] = [];
  const on = client.on.bind(client) as (name: string, listener: (e: Json) => void) => void;
  const off = client.off.bind(client) as (name: string, listener: (e: Json) => void) => void;
  on('update', (e) => updates.push(e));
  const next = (name: string, match: (e: Json) => boolean = () => true, ms = 3000): Promise<Json> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no '${name}' event within ${ms} ms`)), ms);
      const listener = (e: Json) => {
        if (!match(e)) return;
        clearTimeout(timer);
        off(name, listener);
        resolve(e);
      };
      on(name, listener);
    });
  return { updates, next };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The auth frame `bybit-api` sends, signed with `secret`. */
const authFrame = (key: string, secret: string, expires = Date.now() + 5000) => ({
  op: 'auth',
  args: [key, expires, signV5(secret, `GET/realtime${expires}`)],
  req_id: 'a1',
});

describe.skipIf(shared === undefined)('public stream on a manual clock (genuine WebsocketClient)', () => {
  let mock: MockBybit;
  let rest: RestClientV5;
  let m1: Candles;
  let hour: number;
  const clients: WebsocketClient[] = [];

  beforeAll(async () => {
    m1 = storedCandles('BTCUSDT', '1m');
    hour = Math.floor(m1.ts[20_000]! / HOUR) * HOUR;
    mock = await startMockBybit({ dataDir, clock: { startMs: hour + 56 * MINUTE_MS } });
    rest = new RestClientV5({ baseUrl: mock.url });
  });
  afterEach(() => {
    closeClients(clients);
  });
  afterAll(() => mock.close());

  function publicClient(options: { pingInterval?: number; pongTimeout?: number } = {}): WebsocketClient {
    const c = new WebsocketClient(
      { wsUrl: mock.wsPublicUrl, promiseSubscribeRequests: true, reconnectTimeout: 50, ...options },
      QUIET_LOGGER,
    );
    clients.push(c);
    return c;
  }

  async function restBar(interval: string, start: number): Promise<string[]> {
    const r = await rest.getKline({
      category: 'linear',
      symbol: 'BTCUSDT',
      interval: interval as '1',
      start,
      end: start,
    });
    expect(r.result.list).toHaveLength(1);
    return r.result.list[0]!;
  }

  it('serves the URLs of the spec and resolves subscriptions by their req_id, then a ticker snapshot', async () => {
    expect(mock.wsPublicUrl).toBe(`${mock.url.replace('http', 'ws')}/v5/public/linear`);
    expect(mock.wsPrivateUrl).toBe(`${mock.url.replace('http', 'ws')}/v5/private`);
    const client = publicClient();
    const { updates, next } = record(client);
    const acks: Json[] = [];
    client.on('response', (e) => acks.push(e as Json));
    await client.connect('v5LinearPublic');
    const snapshot = next('update', (e) => e.topic === 'tickers.BTCUSDT');
    await Promise.all(client.subscribeV5(['tickers.BTCUSDT', 'orderbook.50.BTCUSDT'], 'linear'));
    expect(acks.find((a) => a.op === 'subscribe')).toMatchObject({
      success: true,
      ret_msg: '',
      req_id: 'tickers.BTCUSDT,orderbook.50.BTCUSDT',
    });
    const tick = await snapshot;
    const row = (await rest.getTickers({ category: 'linear', symbol: 'BTCUSDT' })).result.list[0];
    expect(tick).toMatchObject({ type: 'snapshot', data: row, ts: hour + 56 * MINUTE_MS });
    expect(updates.find((u) => u.topic === 'orderbook.50.BTCUSDT')).toMatchObject({
      type: 'snapshot',
      data: { s: 'BTCUSDT', u: 1 },
    });
  });

  it('answers pings within the pong timeout, so the client never reconnects', async () => {
    const client = publicClient({ pingInterval: 100, pongTimeout: 400 });
    const { next } = record(client);
    await client.connect('v5LinearPublic');
    await expect(next('reconnect', () => true, 900)).rejects.toThrow(/no 'reconnect'/);
  });

  it('on advance pushes each closed bar (equal to REST) in time order, same-instant closes by interval, then forming bars', async () => {
    const client = publicClient();
    const { updates, next } = record(client);
    await client.connect('v5LinearPublic');
    const bookSnapshot = next('update', (e) => e.topic === 'orderbook.50.BTCUSDT');
    const topics = [
      'kline.60.BTCUSDT',
      'kline.1.BTCUSDT',
      'kline.5.BTCUSDT',
      'tickers.BTCUSDT',
      'orderbook.50.BTCUSDT',
    ];
    await Promise.all(client.subscribeV5(topics, 'linear'));
    await bookSnapshot;
    const tickerSnap = updates.find((u) => u.topic === 'tickers.BTCUSDT')!;
    const bookSnap = updates.find((u) => u.topic === 'orderbook.50.BTCUSDT')!;
    updates.length = 0;
    const lastPush = next('update', (e) => e.topic === 'orderbook.50.BTCUSDT');
    mock.clock.advance(4 * MINUTE_MS); // 56 → 60: the hour closes with its 5m and 1m bars
    await lastPush;
    const klines = updates.filter((u) => String(u.topic).startsWith('kline.'));
    const items = klines.map((u) => (u.data as Json[])[0]!);
    expect(klines.map((u) => [u.topic, (u.data as Json[])[0]!.confirm])).toEqual([
      ['kline.1.BTCUSDT', true],
      ['kline.1.BTCUSDT', true],
      ['kline.1.BTCUSDT', true],
      ['kline.1.BTCUSDT', true],
      ['kline.5.BTCUSDT', true],
      ['kline.60.BTCUSDT', true],
      ['kline.1.BTCUSDT', false],
      ['kline.5.BTCUSDT', false],
      ['kline.60.BTCUSDT', false],
    ]);
    const starts = [56, 57, 58, 59, 55, 0].map((m) => hour + m * MINUTE_MS);
    expect(items.slice(0, 6).map((k) => k.start)).toEqual(starts);
    for (const k of items.slice(0, 6)) {
      const row = await restBar(String(k.interval), Number(k.start));
      expect([String(k.start), k.open, k.high, k.low, k.close, k.volume, k.turnover]).toEqual(row);
      expect(Number(k.end) - Number(k.start) + 1).toBe(Number(k.interval) * MINUTE_MS);
    }
    // The forming bars open at the hour and equal REST's forming row at the same now.
    for (const k of items.slice(6)) {
      expect(k.start).toBe(hour + 60 * MINUTE_MS);
      const row = await restBar(String(k.interval), Number(k.start));
      expect([String(k.start), k.open, k.high, k.low, k.close, k.volume, k.turnover]).toEqual(row);
    }
    // Ticker and book: snapshot + deltas rebuild what REST serves now.
    const delta = updates.find((u) => u.topic === 'tickers.BTCUSDT')!;
    expect(delta.type).toBe('delta');
    expect(Number(delta.cs)).toBeGreaterThan(Number(tickerSnap.cs));
    const merged = { ...(tickerSnap.data as Json), ...(delta.data as Json) };
    expect(merged).toEqual((await rest.getTickers({ category: 'linear', symbol: 'BTCUSDT' })).result.list[0]);
    const bookDelta = updates.find((u) => u.topic === 'orderbook.50.BTCUSDT')!;
    expect(bookDelta).toMatchObject({ type: 'delta', data: { u: 2 } });
    const apply = (side: string[][], changes: string[][]) => {
      const m = new Map(side.map(([p, s]) => [p!, s!]));
      for (const [p, s] of changes) s === '0' ? m.delete(p!) : m.set(p!, s!);
      return [...m.entries()].map(([p, s]) => [p, s]);
    };
    const book = (await rest.getOrderbook({ category: 'linear', symbol: 'BTCUSDT', limit: 50 })).result;
    const snapData = bookSnap.data as { b: string[][]; a: string[][] };
    const deltaData = bookDelta.data as { b: string[][]; a: string[][] };
    const byPrice = (rows: string[][], desc: boolean) =>
      [...rows].sort((x, y) => (desc ? Number(y[0]) - Number(x[0]) : Number(x[0]) - Number(y[0])));
    expect(byPrice(apply(snapData.b, deltaData.b), true)).toEqual(book.b);
    expect(byPrice(apply(snapData.a, deltaData.a), false)).toEqual(book.a);
  });

  it('replies to an invalid topic with success false and still subscribes the valid ones', async () => {
    const raw = await RawClient.open(mock.wsPublicUrl);
    raw.send({
      op: 'subscribe',
      req_id: 'r1',
      args: ['kline.7.BTCUSDT', 'tickers.ETHUSDT', 'publicTrade.BTCUSDT'],
    });
    const reply = await raw.take((t) => t.includes('"op":"subscribe"'));
    const connId = (JSON.parse(reply) as Json).conn_id as string;
    expect(reply).toBe(
      `{"success":false,"ret_msg":"error:invalid topic kline.7.BTCUSDT,publicTrade.BTCUSDT","conn_id":"${connId}","req_id":"r1","op":"subscribe"}`,
    );
    expect(await raw.takeJson((o) => o.topic === 'tickers.ETHUSDT')).toMatchObject({ type: 'snapshot' });
    raw.send({ op: 'ping', req_id: 'p1' });
    expect(await raw.take((t) => t.includes('pong'))).toBe(
      `{"success":true,"ret_msg":"pong","conn_id":"${connId}","req_id":"p1","op":"ping"}`,
    );
    raw.send('not json');
    expect(await raw.takeJson((o) => o.success === false)).toMatchObject({
      ret_msg: 'Unrecognized request: not json',
    });
    raw.send({ op: 'auth', req_id: 7, args: [] });
    expect(await raw.take((t) => t.includes('auth'))).toBe(
      `{"success":false,"ret_msg":"Unrecognized request: auth","op":"auth","conn_id":"${connId}","req_id":7}`,
    );
    raw.close();
  });

  it('closes /v5/trade with 1008 and refuses unknown paths with HTTP 404', async () => {
    const trade = await RawClient.open(mock.wsPublicUrl.replace('/v5/public/linear', '/v5/trade'));
    expect((await trade.closed).code).toBe(1008);
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(mock.wsPublicUrl.replace('/linear', '/spot'));
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => {});
    });
    expect(status).toBe(404);
  });
});

describe('public stream on the wall clock', () => {
  it('pushes the forming bar of the current minute on a 250 ms timer', async () => {
    // An hour of 1m bars around the wall clock's now, so a forming bar exists.
    const dir = mkdtempSync(join(tmpdir(), 'bybit-mock-ws-'));
    const first = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS - 30 * MINUTE_MS;
    const lines = ['ts,open,high,low,close,volume'];
    for (let i = 0; i < 60; i++)
      lines.push(`${first + i * MINUTE_MS},${100 + i},${102 + i},${99 + i},${101 + i},10`);
    writeFileSync(join(dir, 'XUSDT_1m.csv'), `${lines.join('\n')}\n`);
    const mock = await startMockBybit({ dataDir: dir });
    try {
      const raw = await RawClient.open(mock.wsPublicUrl);
      raw.send({ op: 'subscribe', req_id: 'w', args: ['kline.1.XUSDT'] });
      const items: Json[] = [];
      for (let n = 0; n < 3; n++) {
        const msg = await raw.takeJson((o) => o.topic === 'kline.1.XUSDT');
        items.push((msg.data as Json[])[0]!);
      }
      const minute = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
      const forming = items.filter((k) => k.confirm === false);
      // Server-side push times (the mock's now in each item): one timer step apart, never faster.
      const times = forming.map((k) => Number(k.timestamp));
      for (let n = 1; n < times.length; n++) expect(times[n]! - times[n - 1]!).toBeGreaterThanOrEqual(240);
      expect(forming.length).toBeGreaterThanOrEqual(2);
      for (const k of forming) {
        const i = (Number(k.start) - first) / MINUTE_MS;
        expect(k.open).toBe(String(100 + i));
        expect(Number(k.timestamp)).toBeGreaterThanOrEqual(Number(k.start));
        expect(Number(k.start)).toBeLessThanOrEqual(minute);
      }
      raw.close();
    } finally {
      await mock.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(shared === undefined)('private stream (wall clock)', () => {
  let mock: MockBybit;
  const clients: WebsocketClient[] = [];

  beforeAll(async () => {
    mock = await startMockBybit({
      dataDir,
      accounts: [{ apiKey: KEY, apiSecret: SECRET, balanceUsdt: 50_000 }],
    });
  });
  afterEach(() => {
    closeClients(clients);
  });
  afterAll(() => mock.close());

  it('authenticates the genuine client, acknowledges wallet and order, and pushes order creates and cancels', async () => {
    const client = new WebsocketClient({ wsUrl: mock.wsPrivateUrl, key: KEY, secret: SECRET }, QUIET_LOGGER);
    clients.push(client);
    const { updates, next } = record(client);
    const authenticated = next('authenticated');
    const ack = next('response', (e) => e.op === 'subscribe');
    client.subscribeV5(['wallet', 'order'], 'linear');
    expect(await authenticated).toMatchObject({ success: true, op: 'auth', req_id: 'v5Private-auth' });
    expect(await ack).toMatchObject({ success: true, ret_msg: '', req_id: 'wallet,order' });
    expect(updates).toEqual([]); // no snapshot on subscribe

    const rest = new RestClientV5({ baseUrl: mock.url, key: KEY, secret: SECRET });
    const last = Number(
      (await rest.getTickers({ category: 'linear', symbol: 'BTCUSDT' })).result.list[0]!.lastPrice,
    );
    const price = (Math.floor((last * 0.95) / 0.1) * 0.1).toFixed(1);
    const pushed = next('update', (e) => e.topic === 'order');
    const created = await rest.submitOrder({
      category: 'linear',
      symbol: 'BTCUSDT',
      side: 'Buy',
      orderType: 'Limit',
      qty: '0.001',
      price,
      orderLinkId: 'ws-push-1',
    });
    expect(created.retCode).toBe(0);
    const push = await pushed;
    const listed = await rest.getActiveOrders({ category: 'linear', orderId: created.result.orderId });
    expect(push.data).toEqual([listed.result.list[0]]);
    expect(push).toMatchObject({ topic: 'order', creationTime: expect.any(Number), id: expect.any(String) });

    const cancelPush = next('update', (e) => e.topic === 'order');
    await rest.cancelAllOrders({ category: 'linear', symbol: 'BTCUSDT' });
    const cancelled = (await cancelPush).data as Json[];
    expect(cancelled.map((o) => [o.orderLinkId, o.orderStatus, o.cancelType])).toEqual([
      ['ws-push-1', 'Cancelled', 'CancelByUser'],
    ]);
  });

  it('answers the spec texts for a bad signature, an unknown key, an early subscribe and a second auth', async () => {
    const raw = await RawClient.open(`${mock.wsPrivateUrl}?max_active_time=1m`);
    raw.send({ op: 'subscribe', req_id: 's0', args: ['order'] });
    const early = await raw.takeJson();
    expect(early).toMatchObject({
      success: false,
      ret_msg: 'Request not authorized',
      op: 'subscribe',
      req_id: 's0',
    });
    const connId = early.conn_id as string;
    raw.send(authFrame(KEY, 'wrong-secret'));
    expect(await raw.take()).toBe(
      `{"success":false,"ret_msg":"Error sign","op":"auth","conn_id":"${connId}","req_id":"a1"}`,
    );
    raw.send(authFrame('nobody', SECRET));
    expect(await raw.take()).toBe(
      `{"success":false,"ret_msg":"Invalid apikey","retCode":10003,"op":"auth","conn_id":"${connId}","req_id":"a1"}`,
    );
    raw.send(authFrame(KEY, SECRET, Date.now() - 1000));
    expect(await raw.takeJson()).toMatchObject({ success: false, ret_msg: 'Params Error' });
    raw.send(authFrame(KEY, SECRET));
    expect(await raw.take()).toBe(
      `{"success":true,"ret_msg":"","op":"auth","conn_id":"${connId}","req_id":"a1"}`,
    );
    raw.send(authFrame(KEY, SECRET));
    expect(await raw.takeJson()).toMatchObject({ success: false, ret_msg: 'Already authenticated' });
    raw.send({ op: 'subscribe', req_id: 's1', args: ['order.linear', 'tickers.BTCUSDT'] });
    expect(await raw.takeJson()).toMatchObject({
      success: false,
      ret_msg: 'error:invalid topic tickers.BTCUSDT',
    });
    raw.send({ op: 'ping', req_id: 'p9' });
    const pong = await raw.take();
    expect(pong).toMatch(
      new RegExp(`^\\{"req_id":"p9","op":"pong","args":\\["\\d+"\\],"conn_id":"${connId}"\\}$`),
    );
    raw.close();
  });
});

describe.skipIf(shared === undefined)('WebSocket faults, reconnects and limits', () => {
  let mock: MockBybit | undefined;
  const clients: WebsocketClient[] = [];
  afterEach(async () => {
    closeClients(clients);
    await mock?.close();
    mock = undefined;
  });

  function publicClient(m: MockBybit, options: { pingInterval?: number; pongTimeout?: number } = {}) {
    const c = new WebsocketClient(
      { wsUrl: m.wsPublicUrl, promiseSubscribeRequests: true, reconnectTimeout: 50, ...options },
      QUIET_LOGGER,
    );
    clients.push(c);
    return c;
  }

  it('the client reconnects and resubscribes after dropConnections (rule and convenience)', async () => {
    mock = await startMockBybit({ dataDir });
    const client = publicClient(mock);
    const { next } = record(client);
    await client.connect('v5LinearPublic');
    await Promise.all(client.subscribeV5(['tickers.BTCUSDT'], 'linear'));
    let resubscribed = next('update', (e) => e.topic === 'tickers.BTCUSDT' && e.type === 'snapshot');
    const reconnect = next('reconnect');
    mock.setFaults([{ kind: 'dropConnections', scope: 'public', code: 1011 }]);
    expect(((await reconnect).event as { code?: number } | undefined)?.code).toBe(1011);
    await next('reconnected');
    await resubscribed;
    resubscribed = next('update', (e) => e.topic === 'tickers.BTCUSDT' && e.type === 'snapshot');
    expect(mock.dropConnections('private')).toBe(0);
    expect(mock.dropConnections('all', 1006)).toBe(1);
    await resubscribed;
  });

  it('noPong makes the client time out and reconnect; pongs return when the window ends', async () => {
    mock = await startMockBybit({ dataDir, clock: { startMs: Date.UTC(2025, 5, 10) } });
    mock.setFaults([{ kind: 'noPong', scope: 'public', durationMs: 500 }]);
    const client = publicClient(mock, { pingInterval: 100, pongTimeout: 250 });
    const events: string[] = [];
    client.on('reconnect', () => events.push('reconnect'));
    client.on('reconnected', () => events.push('reconnected'));
    await client.connect('v5LinearPublic');
    await sleep(1000);
    expect(events).toContain('reconnect');
    expect(events.at(-1)).toBe('reconnected');
    // After the window: more pings, every one answered in time, so no further reconnect.
    const seen = events.length;
    await sleep(500);
    expect(events).toHaveLength(seen);
    expect(client.isConnected('v5LinearPublic')).toBe(true);
  });

  it('closes a connection without client frames after idleTimeoutMs with 1000; pings keep one open', async () => {
    mock = await startMockBybit({ dataDir, idleTimeoutMs: 300 });
    const silent = await RawClient.open(mock.wsPublicUrl);
    const chatty = await RawClient.open(mock.wsPrivateUrl);
    const pinger = setInterval(() => chatty.send({ op: 'ping' }), 100);
    const started = Date.now();
    const closed = await silent.closed;
    expect(closed.code).toBe(1000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await sleep(200);
    expect(chatty.ws.readyState).toBe(WebSocket.OPEN);
    clearInterval(pinger);
    chatty.close();
  });

  it('stallTopic holds a topic, duplicateFrames doubles one, authFail refuses a good signature', async () => {
    const start = Date.UTC(2025, 5, 10, 12, 0, 20);
    mock = await startMockBybit({
      dataDir,
      clock: { startMs: start },
      accounts: [{ apiKey: KEY, apiSecret: SECRET }],
      faults: [
        { kind: 'stallTopic', topic: 'kline.*' },
        { kind: 'duplicateFrames', topic: 'tickers.*', count: 1 },
        { kind: 'authFail', count: 1 },
      ],
    });
    const raw = await RawClient.open(mock.wsPublicUrl);
    raw.send({ op: 'subscribe', args: ['kline.1.BTCUSDT', 'tickers.BTCUSDT'] });
    await raw.takeJson((o) => o.op === 'subscribe');
    // The snapshot is the duplicated push (count 1); later pushes come once.
    await raw.takeJson((o) => o.type === 'snapshot');
    await raw.takeJson((o) => o.type === 'snapshot');
    mock.clock.advance(MINUTE_MS);
    await raw.takeJson((o) => o.type === 'delta');
    await sleep(50);
    expect(raw.texts.filter((t) => t.includes('kline') || t.includes('"type":"delta"'))).toEqual([]);
    raw.close();

    const priv = await RawClient.open(mock.wsPrivateUrl);
    priv.send(authFrame(KEY, SECRET));
    expect(await priv.takeJson()).toMatchObject({ success: false, ret_msg: 'Error sign' });
    priv.send(authFrame(KEY, SECRET));
    expect(await priv.takeJson()).toMatchObject({ success: true });
    priv.close();
  });

  it('refuses the 501st upgrade within 5 minutes with HTTP 429', async () => {
    mock = await startMockBybit({ dataDir });
    const open: RawClient[] = [];
    for (let i = 0; i < 500; i += 50) {
      open.push(...(await Promise.all(Array.from({ length: 50 }, () => RawClient.open(mock!.wsPublicUrl)))));
    }
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(mock!.wsPublicUrl);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => {});
    });
    expect(status).toBe(429);
    for (const c of open) c.close();
  });
});
