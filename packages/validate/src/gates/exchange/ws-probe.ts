import { WebsocketClient } from 'bybit-api';
import type { WsEndpoints } from '../prelive/connection';

/** §13 EX5: a subscription ack and the first push must arrive within 10 s; a ping reply within the pong timeout. */
export const WS_STEP_TIMEOUT_MS = 10_000;
/** live.md §1: the clients' heartbeat settings. */
const PING_INTERVAL_MS = 10_000;
const PONG_TIMEOUT_MS = 5000;

/** How a probed stream ended up: `open` / `authenticated` when healthy, else the reason it is not. */
export interface WsProbeResult {
  /** The failure lines of the probe's steps (empty when every step succeeded). */
  readonly failures: readonly string[];
  readonly state: string;
  /** Milliseconds from connect to the subscription ack. */
  readonly subscribeMs: number | null;
}

type Listener = (event: unknown) => void;

/**
 * One `bybit-api` `WebsocketClient` per endpoint (`wsUrl` replaces every URL of a client, live.md §1). The
 * library's own log lines are kept as one-line messages for the failure report and never printed as objects:
 * its objects can carry the client options, secret included (`cli.md` §7).
 */
function newClient(endpoints: WsEndpoints, scope: 'public' | 'private', logLines: string[]): WebsocketClient {
  const url = scope === 'public' ? endpoints.publicUrl : endpoints.privateUrl;
  const keep = (...params: unknown[]): void => {
    const text = params.find((p): p is string => typeof p === 'string');
    if (text !== undefined && logLines.length < 5) logLines.push(text);
  };
  return new WebsocketClient(
    {
      pingInterval: PING_INTERVAL_MS,
      pongTimeout: PONG_TIMEOUT_MS,
      ...(url === undefined ? {} : { wsUrl: url }),
      ...(scope === 'private'
        ? {
            ...(endpoints.key === undefined ? {} : { key: endpoints.key }),
            ...(endpoints.secret === undefined ? {} : { secret: endpoints.secret }),
            demoTrading: endpoints.demoTrading,
          }
        : {}),
    },
    { trace: () => {}, info: () => {}, error: keep },
  );
}

/** Resolves with `promise`'s value, or rejects with `<what>: no answer within <ms> ms`. */
function within<T>(what: string, ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The first event `client` emits as `name` that satisfies `match`. With `failOp`, an `exception` event (Bybit's
 * `success:false` reply) for that op rejects with its `ret_msg`. `subscribeV5`'s own promise resolves once the
 * request is sent, not when Bybit acknowledges it, so acks are awaited here.
 */
function nextEvent(
  client: WebsocketClient,
  name: string,
  match: (e: Record<string, unknown>) => boolean,
  failOp?: string,
): Promise<Record<string, unknown>> {
  const on = client.on.bind(client) as (n: string, l: Listener) => void;
  const off = client.off.bind(client) as (n: string, l: Listener) => void;
  const settled = new Promise<Record<string, unknown>>((resolve, reject) => {
    const done = (): void => {
      off(name, onEvent);
      off('exception', onException);
    };
    const onEvent: Listener = (e) => {
      const event = e as Record<string, unknown>;
      if (!match(event)) return;
      done();
      resolve(event);
    };
    const onException: Listener = (e) => {
      const event = e as Record<string, unknown>;
      if (failOp === undefined || event.op !== failOp) return;
      done();
      reject(new Error(`${failOp} refused: ${message(event)}`));
    };
    on(name, onEvent);
    on('exception', onException);
  });
  // Armed before the request and awaited later: a refusal that arrives first must not be an unhandled rejection.
  settled.catch(() => {});
  return settled;
}

const isSubscribeAck = (e: Record<string, unknown>): boolean => e.op === 'subscribe' && e.success === true;

function message(e: unknown): string {
  if (e instanceof Error) return e.message;
  const o = e as { ret_msg?: unknown; message?: unknown } | null;
  const text = o?.ret_msg ?? o?.message;
  return typeof text === 'string' && text !== '' ? text : 'rejected';
}

/** Sends an explicit `{"op":"ping"}` on the client's own socket and waits for Bybit's reply to it. */
async function pingAnswered(client: WebsocketClient, wsKey: string): Promise<void> {
  const ws = client.getWsStore().get(wsKey as never)?.ws;
  if (ws === undefined) throw new Error('no open connection to ping on');
  const reqId = `ex5-ping-${Date.now().toString(36)}`;
  const reply = new Promise<void>((resolve) => {
    const onMessage = (data: unknown): void => {
      let parsed: { op?: unknown; req_id?: unknown; ret_msg?: unknown };
      try {
        parsed = JSON.parse(String(data)) as typeof parsed;
      } catch {
        return;
      }
      // Public streams answer `op: ping, ret_msg: pong`; private ones `op: pong` (bybit-mock.md §8.1).
      const isPong = parsed.op === 'pong' || (parsed.op === 'ping' && parsed.ret_msg === 'pong');
      if (isPong && (parsed.req_id === undefined || parsed.req_id === reqId)) {
        ws.off('message', onMessage);
        resolve();
      }
    };
    ws.on('message', onMessage);
  });
  ws.send(JSON.stringify({ op: 'ping', req_id: reqId }));
  await within('ping', PONG_TIMEOUT_MS, reply);
}

/**
 * §13 EX5 public stream: connect, subscribe `tickers.<symbol>`, receive a push for it within 10 s, and have an
 * explicit ping answered. The client is closed before returning.
 */
export async function probePublicStream(endpoints: WsEndpoints, symbol: string): Promise<WsProbeResult> {
  const logLines: string[] = [];
  const client = newClient(endpoints, 'public', logLines);
  const topic = `tickers.${symbol}`;
  const failures: string[] = [];
  let state = 'connecting';
  let subscribeMs: number | null = null;
  const started = Date.now();
  try {
    const ack = nextEvent(client, 'response', isSubscribeAck, 'subscribe');
    const push = nextEvent(client, 'update', (e) => e.topic === topic);
    client.subscribeV5([topic], 'linear');
    await within(`subscribe ${topic}`, WS_STEP_TIMEOUT_MS, ack);
    subscribeMs = Date.now() - started;
    state = 'subscribed';
    await within(`push on ${topic}`, WS_STEP_TIMEOUT_MS, push);
    await pingAnswered(client, 'v5LinearPublic');
    state = 'open';
  } catch (e) {
    failures.push(withLog(`public ${message(e)}`, logLines));
  } finally {
    client.closeAll(true);
    client.removeAllListeners();
  }
  return { failures, state, subscribeMs };
}

/**
 * §13 EX5 private stream: authenticate and have the `wallet` subscription acknowledged within 10 s, then an
 * explicit ping answered. The caller makes sure there are keys.
 */
export async function probePrivateStream(endpoints: WsEndpoints): Promise<WsProbeResult> {
  const logLines: string[] = [];
  const client = newClient(endpoints, 'private', logLines);
  const failures: string[] = [];
  let state = 'connecting';
  let subscribeMs: number | null = null;
  const started = Date.now();
  let authenticated = false;
  try {
    const auth = nextEvent(client, 'authenticated', () => true, 'auth');
    const ack = nextEvent(client, 'response', isSubscribeAck, 'subscribe');
    client.subscribeV5(['wallet'], 'linear');
    await within('auth', WS_STEP_TIMEOUT_MS, auth);
    authenticated = true;
    await within('subscribe wallet', WS_STEP_TIMEOUT_MS, ack);
    subscribeMs = Date.now() - started;
    state = 'authenticated';
    await pingAnswered(client, 'v5Private');
  } catch (e) {
    state = authenticated ? 'authenticated, not subscribed' : 'not authenticated';
    failures.push(withLog(`private ${message(e)}`, logLines));
  } finally {
    client.closeAll(true);
    client.removeAllListeners();
  }
  return { failures, state, subscribeMs };
}

function withLog(line: string, logLines: readonly string[]): string {
  return logLines.length === 0 ? line : `${line} (client: ${logLines.join('; ')})`;
}
