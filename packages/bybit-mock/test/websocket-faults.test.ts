import { type Candles, MINUTE_MS } from '@trade/core';
import { RestClientV5, WebsocketClient } from 'bybit-api';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseFaultRules } from '../src/faults/fault-rule';
import { type FaultRule, type MockBybit, startMockBybit } from '../src/index';
import { closeClients, dataDir, QUIET_LOGGER, shared, storedCandles } from './support';

/**
 * The fault kinds `dropFrames`, `reorderCloses`, `missingBars` and `resetOrderbook` (`bybit-mock.md` §10), as the
 * genuine `WebsocketClient` (and REST client) observe them, on a manual clock so every push is one `advance`.
 */

const HOUR = 60 * MINUTE_MS;
type Json = Record<string, unknown>;
interface KlineItem {
  start: number;
  interval: string;
  confirm: boolean;
}

const item = (u: Json) => (u.data as KlineItem[])[0]!;

/** Every `update` the genuine client emits, and a way to wait for the next matching one. */
function record(client: WebsocketClient) {
  const updates: Json[] = [];
  const on = client.on.bind(client) as (name: string, listener: (e: Json) => void) => void;
  const off = client.off.bind(client) as (name: string, listener: (e: Json) => void) => void;
  on('update', (e) => updates.push(e));
  const next = (match: (e: Json) => boolean, ms = 3000): Promise<Json> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching update within ${ms} ms`)), ms);
      const listener = (e: Json) => {
        if (!match(e)) return;
        clearTimeout(timer);
        off('update', listener);
        resolve(e);
      };
      on('update', listener);
    });
  return { updates, next };
}

/** A forming (confirm:false) kline push of `topic`: the last message of a step for that topic. */
const formingOf = (topic: string) => (e: Json) => e.topic === topic && item(e).confirm === false;

describe.skipIf(shared === undefined)('WebSocket fault kinds of the data streams', () => {
  let m1: Candles;
  let hour: number;
  let mock: MockBybit | undefined;
  const clients: WebsocketClient[] = [];
  const others: MockBybit[] = [];

  beforeAll(() => {
    m1 = storedCandles('BTCUSDT', '1m');
    hour = Math.floor(m1.ts[20_000]! / HOUR) * HOUR;
  });
  afterEach(async () => {
    closeClients(clients);
    await mock?.close();
    mock = undefined;
    for (const m of others.splice(0)) await m.close();
  });

  /** A genuine client subscribed to `topics`; resolves once `first` (a snapshot, say) has arrived, if given. */
  async function subscribed(m: MockBybit, topics: string[], first?: (e: Json) => boolean) {
    const client = new WebsocketClient(
      { wsUrl: m.wsPublicUrl, promiseSubscribeRequests: true, reconnectTimeout: 50 },
      QUIET_LOGGER,
    );
    clients.push(client);
    const rec = record(client);
    await client.connect('v5LinearPublic');
    const arrived = first === undefined ? undefined : rec.next(first);
    await Promise.all(client.subscribeV5(topics, 'linear'));
    await arrived;
    return rec;
  }

  /** The open of the stored 1m bar starting at `start`, as Bybit prints it. */
  const m1Open = (start: number) => {
    const i = m1.ts.indexOf(start);
    expect(i).toBeGreaterThanOrEqual(0);
    return m1.open[i]!;
  };

  it('dropFrames with probability 1 drops every ticker delta while kline pushes go on; without it deltas flow', async () => {
    mock = await startMockBybit({ dataDir, clock: { startMs: hour } });
    // The ticker snapshot arrives before the rule is set: the topic is live.
    const { updates, next } = await subscribed(
      mock,
      ['kline.1.BTCUSDT', 'tickers.BTCUSDT'],
      (e) => e.topic === 'tickers.BTCUSDT',
    );
    mock.setFaults([{ kind: 'dropFrames', topic: 'tickers.*', probability: 1 }]);
    updates.length = 0;
    for (let n = 1; n <= 5; n++) {
      const step = next(formingOf('kline.1.BTCUSDT'));
      mock.clock.advance(MINUTE_MS);
      await step;
    }
    const confirmed = updates.filter((u) => u.topic === 'kline.1.BTCUSDT' && item(u).confirm);
    expect(confirmed.map((u) => item(u).start)).toEqual([0, 1, 2, 3, 4].map((m) => hour + m * MINUTE_MS));
    expect(updates.filter((u) => u.topic === 'tickers.BTCUSDT')).toEqual([]);
    // The same steps without the rule do carry ticker deltas, so their absence above is the fault's doing.
    mock.setFaults([]);
    const delta = next((e) => e.topic === 'tickers.BTCUSDT');
    mock.clock.advance(MINUTE_MS);
    expect(await delta).toMatchObject({ type: 'delta' });
  });

  it('dropFrames with probability 0.5 drops a seeded, reproducible part of the pushes', async () => {
    const rule: FaultRule = { kind: 'dropFrames', topic: 'kline.1.*', probability: 0.5 };
    /** The starts of the confirmed 1m bars a raw connection receives over 20 one-minute steps. */
    const run = async (seed: number): Promise<number[]> => {
      const m = await startMockBybit({ dataDir, seed, clock: { startMs: hour }, faults: [rule] });
      others.push(m);
      const ws = new WebSocket(m.wsPublicUrl);
      const texts: string[] = [];
      ws.on('message', (d) => texts.push(String(d)));
      await new Promise((resolve) => ws.once('open', resolve));
      ws.send(JSON.stringify({ op: 'subscribe', args: ['kline.1.BTCUSDT'] }));
      while (!texts.some((t) => t.includes('"op":"subscribe"'))) await new Promise((r) => setTimeout(r, 5));
      for (let n = 0; n < 20; n++) m.clock.advance(MINUTE_MS);
      // A ping's pong arrives after every push the steps produced (one socket, in order).
      ws.send(JSON.stringify({ op: 'ping' }));
      while (!texts.some((t) => t.includes('"ret_msg":"pong"'))) await new Promise((r) => setTimeout(r, 5));
      ws.terminate();
      return texts
        .map((t) => JSON.parse(t) as Json)
        .filter((o) => o.topic === 'kline.1.BTCUSDT' && item(o).confirm)
        .map((o) => (item(o).start - hour) / MINUTE_MS);
    };
    const a = await run(7);
    expect(a.length).toBeGreaterThan(0);
    expect(a.length).toBeLessThan(20);
    expect(await run(7)).toEqual(a);
    expect(await run(8)).not.toEqual(a);
  });

  it('reorderCloses descending: where 1m, 5m and 15m close together the confirms come 15m, 5m, 1m', async () => {
    mock = await startMockBybit({
      dataDir,
      clock: { startMs: hour + 13 * MINUTE_MS },
      faults: [{ kind: 'reorderCloses', mode: 'descending' }],
    });
    const topics = ['kline.1.BTCUSDT', 'kline.5.BTCUSDT', 'kline.15.BTCUSDT'];
    const { updates, next } = await subscribed(mock, topics);
    const step = next(formingOf('kline.15.BTCUSDT'));
    mock.clock.advance(2 * MINUTE_MS); // 13 → 15: the 1m bar of 13 alone, then 14m, 10m and 0m close at :15
    await step;
    expect(updates.map((u) => [u.topic, item(u).start, item(u).confirm])).toEqual([
      ['kline.1.BTCUSDT', hour + 13 * MINUTE_MS, true],
      ['kline.15.BTCUSDT', hour, true],
      ['kline.5.BTCUSDT', hour + 10 * MINUTE_MS, true],
      ['kline.1.BTCUSDT', hour + 14 * MINUTE_MS, true],
      // Forming updates keep ascending interval order.
      ['kline.1.BTCUSDT', hour + 15 * MINUTE_MS, false],
      ['kline.5.BTCUSDT', hour + 15 * MINUTE_MS, false],
      ['kline.15.BTCUSDT', hour + 15 * MINUTE_MS, false],
    ]);
  });

  it('reorderCloses shuffle: each instant carries the same confirms in a seeded order, not always ascending', async () => {
    const topics = ['kline.1.BTCUSDT', 'kline.5.BTCUSDT', 'kline.15.BTCUSDT'];
    /** Per instant (:05, :10, … :60) the intervals of its confirms, in arrival order, over one hour. */
    const run = async (faults: FaultRule[], seed = 3): Promise<string[][]> => {
      const m = await startMockBybit({ dataDir, seed, clock: { startMs: hour }, faults });
      others.push(m);
      const { updates, next } = await subscribed(m, topics);
      for (let n = 1; n <= 12; n++) {
        const step = next(formingOf('kline.15.BTCUSDT'));
        m.clock.advance(5 * MINUTE_MS);
        await step;
      }
      const byInstant = new Map<number, string[]>();
      for (const u of updates.filter((x) => item(x).confirm)) {
        const k = item(u);
        const close = k.start + Number(k.interval) * MINUTE_MS;
        if (close % (5 * MINUTE_MS) !== 0) continue; // the lone 1m closes between the instants
        byInstant.set(close, [...(byInstant.get(close) ?? []), k.interval]);
      }
      return [...byInstant.values()];
    };
    const ascending = await run([]);
    expect(ascending).toHaveLength(12);
    expect(ascending[2]).toEqual(['1', '5', '15']);
    const shuffled = await run([{ kind: 'reorderCloses', mode: 'shuffle' }]);
    expect(shuffled.map((xs) => [...xs].sort())).toEqual(ascending.map((xs) => [...xs].sort()));
    expect(shuffled).not.toEqual(ascending);
    expect(await run([{ kind: 'reorderCloses', mode: 'shuffle' }])).toEqual(shuffled);
    expect(await run([{ kind: 'reorderCloses', mode: 'shuffle' }], 4)).not.toEqual(shuffled);
  });

  it('missingBars: REST pages lack exactly those bars, the WS never confirms them while the neighbours arrive', async () => {
    const at = (m: number) => hour + m * MINUTE_MS;
    mock = await startMockBybit({
      dataDir,
      clock: { startMs: at(1) },
      faults: [{ kind: 'missingBars', symbol: 'BTCUSDT', interval: '1', start: at(2), end: at(5) }],
    });
    const { updates, next } = await subscribed(mock, ['kline.1.BTCUSDT', 'kline.5.BTCUSDT']);
    for (let n = 2; n <= 7; n++) {
      const step = next(formingOf('kline.5.BTCUSDT'));
      mock.clock.advance(MINUTE_MS);
      await step;
    }
    const ones = updates.filter((u) => u.topic === 'kline.1.BTCUSDT').map(item);
    expect(ones.filter((k) => k.confirm).map((k) => k.start)).toEqual([at(1), at(5), at(6)]);
    // The forming updates of the missing minutes still flowed; other intervals are untouched.
    expect(ones.filter((k) => !k.confirm).map((k) => k.start)).toEqual([2, 3, 4, 5, 6, 7].map(at));
    const fives = updates.filter((u) => u.topic === 'kline.5.BTCUSDT').map(item);
    expect(fives.filter((k) => k.confirm).map((k) => k.start)).toEqual([at(0)]);

    const rest = new RestClientV5({ baseUrl: mock.url });
    const page = async (interval: '1' | '5', start: number, end: number, limit?: number) =>
      (
        await rest.getKline({
          category: 'linear',
          symbol: 'BTCUSDT',
          interval,
          start,
          end,
          ...(limit === undefined ? {} : { limit }),
        })
      ).result.list.map((row) => Number(row[0]));
    // Now is :07, so :07 is the forming row; 2, 3, 4 are gone.
    expect(await page('1', at(0), at(9))).toEqual([7, 6, 5, 1, 0].map(at));
    // `limit` counts bars that exist: the page reaches past the gap to fill up.
    expect(await page('1', at(0), at(6), 3)).toEqual([6, 5, 1].map(at));
    expect(await page('5', at(0), at(9))).toEqual([at(5), at(0)]);
    const row = (
      await rest.getKline({ category: 'linear', symbol: 'BTCUSDT', interval: '1', start: at(1), end: at(1) })
    ).result.list[0]!;
    expect(Number(row[1])).toBe(m1Open(at(1)));
    // The rule gone, the bars are back.
    mock.setFaults([]);
    expect(await page('1', at(0), at(9))).toEqual([7, 6, 5, 4, 3, 2, 1, 0].map(at));
  });

  it("resetOrderbook: after deltas the symbol's books get a snapshot with u 1, then deltas from u 2; other symbols go on", async () => {
    mock = await startMockBybit({ dataDir, clock: { startMs: hour } });
    const { updates, next } = await subscribed(
      mock,
      ['orderbook.50.BTCUSDT', 'orderbook.50.ETHUSDT'],
      (e) => e.topic === 'orderbook.50.ETHUSDT',
    );
    const book = (symbol: string) => updates.filter((u) => u.topic === `orderbook.50.${symbol}`);
    const step = async () => {
      const done = next((e) => e.topic === 'orderbook.50.ETHUSDT' && e.type === 'delta');
      mock!.clock.advance(MINUTE_MS);
      await done;
    };
    await step();
    await step();
    const us = (symbol: string) => book(symbol).map((u) => [u.type, (u.data as Json).u]);
    expect(us('BTCUSDT')).toEqual([
      ['snapshot', 1],
      ['delta', 2],
      ['delta', 3],
    ]);
    mock.setFaults([{ kind: 'resetOrderbook', symbol: 'BTCUSDT' }]);
    await step();
    await step();
    expect(us('BTCUSDT').slice(3)).toEqual([
      ['snapshot', 1],
      ['delta', 2],
    ]);
    expect(us('ETHUSDT').slice(3)).toEqual([
      ['delta', 4],
      ['delta', 5],
    ]);
    // The reset snapshot is a whole book: it and the delta after it rebuild the book REST serves now.
    const [reset, after] = book('BTCUSDT').slice(3) as [Json, Json];
    const apply = (side: string[][], changes: string[][], desc: boolean) => {
      const m = new Map(side.map(([p, s]) => [p!, s!]));
      for (const [p, s] of changes) s === '0' ? m.delete(p!) : m.set(p!, s!);
      return [...m.entries()].sort((x, y) => (desc ? 1 : -1) * (Number(y[0]) - Number(x[0])));
    };
    const rest = new RestClientV5({ baseUrl: mock.url });
    const now = (await rest.getOrderbook({ category: 'linear', symbol: 'BTCUSDT', limit: 50 })).result;
    const r = reset.data as { b: string[][]; a: string[][] };
    const d = after.data as { b: string[][]; a: string[][] };
    expect(apply(r.b, d.b, true)).toEqual(now.b);
    expect(apply(r.a, d.a, false)).toEqual(now.a);
  });
});

describe('validation of the data-stream fault kinds', () => {
  const bad = (rule: Record<string, unknown>) => () => parseFaultRules([rule]);

  it('accepts each kind with its own fields', () => {
    const rules = [
      { kind: 'dropFrames', topic: 'tickers.*', probability: 0.25 },
      { kind: 'dropFrames', topic: 'kline.1.BTCUSDT' },
      { kind: 'reorderCloses', mode: 'descending' },
      { kind: 'reorderCloses', mode: 'shuffle' },
      { kind: 'missingBars', symbol: 'BTCUSDT', interval: 'D', start: 0, end: 86_400_000 },
      { kind: 'resetOrderbook', symbol: 'ETHUSDT' },
    ] as const;
    expect(parseFaultRules(rules)).toEqual(rules);
  });

  it('dropFrames: needs a topic, takes probability in [0, 1] and no other selector', () => {
    expect(bad({ kind: 'dropFrames' })).toThrow(/faults\[0\]\.topic: dropFrames needs a topic pattern/);
    expect(bad({ kind: 'dropFrames', topic: 'x', probability: 1.5 })).toThrow(/faults\[0\]\.probability/);
    expect(bad({ kind: 'dropFrames', topic: 'x', count: 2 })).toThrow(
      /faults\[0\]\.count: count does not apply to kind dropFrames \(it takes topic, probability\)/,
    );
    expect(bad({ kind: 'dropFrames', topic: 'x', scope: 'public' })).toThrow(/faults\[0\]\.scope/);
  });

  it('reorderCloses: needs a mode of descending or shuffle, nothing else', () => {
    expect(bad({ kind: 'reorderCloses' })).toThrow(/faults\[0\]\.mode: reorderCloses needs a mode/);
    expect(bad({ kind: 'reorderCloses', mode: 'ascending' })).toThrow(/faults\[0\]\.mode/);
    expect(bad({ kind: 'reorderCloses', mode: 'shuffle', topic: 'kline.*' })).toThrow(
      /faults\[0\]\.topic: topic does not apply to kind reorderCloses \(it takes mode\)/,
    );
  });

  it('missingBars: needs symbol, a Bybit interval and a non-empty [start, end) of epoch ms', () => {
    const ok = { kind: 'missingBars', symbol: 'BTCUSDT', interval: '1', start: 60_000, end: 120_000 };
    expect(bad({ ...ok, symbol: undefined })).toThrow(/faults\[0\]\.symbol: missingBars needs a symbol/);
    expect(bad({ ...ok, interval: '1m' })).toThrow(/faults\[0\]\.interval/);
    expect(bad({ ...ok, interval: undefined })).toThrow(
      /faults\[0\]\.interval: missingBars needs an interval/,
    );
    expect(bad({ ...ok, start: -1 })).toThrow(/faults\[0\]\.start/);
    expect(bad({ ...ok, end: 1.5 })).toThrow(/faults\[0\]\.end/);
    expect(bad({ ...ok, end: 60_000 })).toThrow(
      /faults\[0\]\.end: end \(60000\) must lie after start \(60000\)/,
    );
    expect(bad({ ...ok, topic: 'kline.1.BTCUSDT' })).toThrow(
      /faults\[0\]\.topic: topic does not apply to kind missingBars/,
    );
  });

  it('resetOrderbook: needs a symbol and takes nothing else; symbol belongs to no HTTP kind', () => {
    expect(bad({ kind: 'resetOrderbook' })).toThrow(/faults\[0\]\.symbol: resetOrderbook needs a symbol/);
    expect(bad({ kind: 'resetOrderbook', symbol: '' })).toThrow(/faults\[0\]\.symbol/);
    expect(bad({ kind: 'resetOrderbook', symbol: 'BTCUSDT', count: 1 })).toThrow(/faults\[0\]\.count/);
    expect(bad({ kind: 'http5xx', symbol: 'BTCUSDT' })).toThrow(/faults\[0\]\.symbol: symbol does not apply/);
  });
});
