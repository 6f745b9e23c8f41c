import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type InstrumentSpec, sharedPath } from '@trade/core';
import { AccountStore, type MockAccount, type MockAccountSpec } from './account/accounts';
import { createMockClock, type MockClock } from './clock';
import { MockBybitError } from './errors';
import { FaultEngine } from './faults/fault-engine';
import type { FaultRule, WsScope } from './faults/fault-rule';
import { MarketStore } from './market/market-store';
import { ALL_ROUTES } from './routes/index';
import { handleRequest, type ServerState } from './server/http-handler';
import { RequestLog, type RequestLogEntry } from './server/request-log';
import { Router } from './server/router';
import { SlidingWindowLimiter } from './server/sliding-window';
import { type DropCode, MockWsServer } from './ws/ws-server';

export interface StartMockBybitOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Loopback only: `127.0.0.1` (default), `localhost` or `::1`. */
  readonly host?: string;
  /** Folder searched for `<SYM>_<tf>.csv`, `<SYM>_mark_<tf>.csv`, `<SYM>_funding*.csv`, `<SYM>_tiers.csv`; default `<shared>/data`. */
  readonly dataDir?: string;
  readonly faults?: readonly FaultRule[];
  /** Seeds the fault decisions and the open-interest walk (default 1). */
  readonly seed?: number;
  /** Manual virtual clock starting at `startMs`; without it the mock runs on the wall clock. */
  readonly clock?: { readonly startMs: number };
  /** Adds or overrides instruments (trading rules and risk tiers). */
  readonly instruments?: readonly InstrumentSpec[];
  /** Bybit's per-IP budget (default 600 requests per 5 s → HTTP 403); `false` switches it off (benchmarks). */
  readonly ipRateLimit?: { readonly limit: number; readonly windowMs: number } | false;
  /** Keyed test accounts for the private routes (`bybit-mock.md` §1 `accounts`); more via `createAccount`. */
  readonly accounts?: readonly MockAccountSpec[];
  /** Default true; false accepts any signature of a known key (the key, timestamp window still apply). */
  readonly verifySignatures?: boolean;
  /** Called with each request-log entry as it is recorded (e.g. to stream it as NDJSON). */
  readonly onRequest?: (entry: RequestLogEntry) => void;
  /** WebSocket connections without a client frame for this long are closed with 1000 (default 600 000 ms). */
  readonly idleTimeoutMs?: number;
}

export interface MockBybit {
  /** `http://127.0.0.1:PORT`, the `baseUrl` for `RestClientV5`. */
  readonly url: string;
  /** `ws://127.0.0.1:PORT/v5/public/linear`: the `wsUrl` of the public `WebsocketClient`. */
  readonly wsPublicUrl: string;
  /** `ws://127.0.0.1:PORT/v5/private`: the `wsUrl` of the private `WebsocketClient`. */
  readonly wsPrivateUrl: string;
  /**
   * Closes the open WebSocket connections of `scope` now, with `code` (default 1006: abrupt, no close frame);
   * returns how many. The `dropConnections` fault does the same from a rule.
   */
  dropConnections(scope: WsScope, code?: DropCode): number;
  readonly port: number;
  /** Every request so far, in answer order (live view). */
  readonly requestLog: readonly RequestLogEntry[];
  /** Replaces every fault rule (counters and the seeded PRNG restart). */
  setFaults(rules: readonly FaultRule[]): void;
  clearRequestLog(): void;
  /** Stops listening, ends open connections (HTTP and WebSocket) and pending latency waits. */
  close(): Promise<void>;
  /** The mock's now; `advance`/`advanceTo` only with a manual clock. */
  readonly clock: MockClock;
  /** Symbols served, alphabetical. */
  readonly symbols: readonly string[];
  /** Adds a keyed test account (bad specs throw `E_MOCK_ACCOUNT_INVALID`); returns its live state. */
  createAccount(spec: MockAccountSpec): MockAccount;
  /** The live state of an account by API key (tests inspect or adjust it). */
  account(apiKey: string): MockAccount | undefined;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Starts a mock Bybit V5 REST server on loopback serving the market endpoints from CSV files
 * (`bybit-mock.md`); resolves once it listens.
 */
export async function startMockBybit(options: StartMockBybitOptions = {}): Promise<MockBybit> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) {
    throw new MockBybitError('E_MOCK_HOST', `the mock binds loopback only, not '${host}'`, {
      hint: 'use 127.0.0.1 (default), localhost or ::1',
    });
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new MockBybitError('E_MOCK_PORT', `port must be an integer in [0, 65535], got ${port}`, {
      hint: '0 picks a free port',
    });
  }
  const idleTimeoutMs = options.idleTimeoutMs ?? 600_000;
  if (!Number.isFinite(idleTimeoutMs) || idleTimeoutMs <= 0) {
    throw new MockBybitError(
      'E_MOCK_WS_IDLE',
      `idleTimeoutMs must be a number of ms > 0, got ${idleTimeoutMs}`,
      {
        hint: 'Bybit closes idle connections after 600 000 ms (the default)',
      },
    );
  }
  const seed = options.seed ?? 1;
  const market = new MarketStore({
    dataDir: options.dataDir ?? sharedPath('data'),
    seed,
    ...(options.instruments === undefined ? {} : { instruments: options.instruments }),
  });
  const clock = createMockClock(options.clock?.startMs);
  const accounts = new AccountStore(
    (symbol) => market.hasSymbol(symbol),
    () => clock.now(),
  );
  for (const spec of options.accounts ?? []) accounts.create(spec);
  const ipLimit = options.ipRateLimit === undefined ? { limit: 600, windowMs: 5000 } : options.ipRateLimit;
  const pendingSleeps = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  const state: ServerState = {
    router: new Router(ALL_ROUTES),
    market,
    clock,
    accounts,
    verifySignatures: options.verifySignatures ?? true,
    faults: new FaultEngine(seed, options.faults ?? []),
    log: new RequestLog(options.onRequest),
    ipLimiters: ipLimit === false ? undefined : new Map(),
    newIpLimiter: () =>
      ipLimit === false
        ? new SlidingWindowLimiter(1, 1)
        : new SlidingWindowLimiter(ipLimit.limit, ipLimit.windowMs),
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        const entry = {
          timer: setTimeout(() => {
            pendingSleeps.delete(entry);
            resolve();
          }, ms),
          resolve,
        };
        pendingSleeps.add(entry);
      }),
    nextSeq: 1,
  };

  const server = createServer((req, res) => {
    handleRequest(state, req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`mock internal error: ${e instanceof Error ? e.message : String(e)}`);
    });
  });
  const ws = new MockWsServer({
    market,
    clock,
    accounts,
    faults: state.faults,
    verifySignatures: state.verifySignatures,
    idleTimeoutMs,
  });
  server.on('upgrade', (req, socket, head) => ws.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new MockBybitError('E_MOCK_LISTEN', `cannot listen on ${host}:${port}: ${e.code ?? e.message}`, {
          kind: 'exchange',
          cause: e,
          hint:
            e.code === 'EADDRINUSE' ? 'pick another port, or 0 for a free one' : 'check the host and port',
        }),
      ),
    );
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closed: Promise<void> | undefined;

  return {
    url: `http://${urlHost}:${bound}`,
    wsPublicUrl: `ws://${urlHost}:${bound}/v5/public/linear`,
    wsPrivateUrl: `ws://${urlHost}:${bound}/v5/private`,
    dropConnections: (scope, code = 1006) => ws.dropConnections(scope, code),
    port: bound,
    get requestLog() {
      return state.log.entries;
    },
    setFaults: (rules) => state.faults.set(rules),
    clearRequestLog: () => state.log.clear(),
    clock: state.clock,
    symbols: market.symbols,
    createAccount: (spec) => accounts.create(spec),
    account: (apiKey) => accounts.get(apiKey),
    close() {
      closed ??= new Promise<void>((resolve) => {
        for (const s of pendingSleeps) {
          clearTimeout(s.timer);
          s.resolve();
        }
        pendingSleeps.clear();
        ws.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
