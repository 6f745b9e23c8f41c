import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { AccountStore } from '../account/accounts';
import type { ObservedClock } from '../clock';
import type { FaultEngine } from '../faults/fault-engine';
import type { WsScope } from '../faults/fault-rule';
import type { MarketStore } from '../market/market-store';
import { SlidingWindowLimiter } from '../server/sliding-window';
import { PublicFeed } from './public-feed';
import { Session, type SessionHost } from './session';

/** Paths a client may upgrade on (`bybit-mock.md` §1); `/v5/trade` is accepted only to be closed with 1008. */
const ROUTES: Readonly<Record<string, 'public' | 'private' | 'trade'>> = {
  '/v5/public/linear': 'public',
  '/v5/private': 'private',
  '/v5/trade': 'trade',
};

/** Bybit's connection budget: 500 new connections per 5 minutes (§8.4). */
const CONNECTIONS_PER_WINDOW = 500;
const CONNECTION_WINDOW_MS = 300_000;
/** Wall clock: how often forming bars and deltas are pushed (at most every 250 ms, §8.2). */
const WALL_TICK_MS = 250;

export interface WsServerOptions {
  readonly market: MarketStore;
  readonly clock: ObservedClock;
  readonly accounts: AccountStore;
  readonly faults: FaultEngine;
  readonly verifySignatures: boolean;
  readonly idleTimeoutMs: number;
}

/** The close codes `dropConnections` sends: 1006 is abrupt (no close frame), the others close cleanly. */
export type DropCode = 1000 | 1006 | 1011;

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The WebSocket side of the mock: routes upgrades, owns the connections, and pushes the public streams on every
 * manual clock step (or every 250 ms on the wall clock). Private `order` pushes reach connections through
 * `order-feed.ts`.
 */
export class MockWsServer {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Set<Session>();
  private readonly limiter = new SlidingWindowLimiter(CONNECTIONS_PER_WINDOW, CONNECTION_WINDOW_MS);
  private readonly feed: PublicFeed;
  private readonly host: SessionHost;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly dropTimers = new Set<NodeJS.Timeout>();
  private readonly wallTimer: NodeJS.Timeout | undefined;
  private connSeq = 0;
  private readonly connPrefix = randomBytes(6).toString('hex');

  constructor(private readonly options: WsServerOptions) {
    this.feed = new PublicFeed({ market: options.market, clock: options.clock }, options.faults);
    // REST `/v5/market/kline` applies `missingBars` of this mock's rules (its routes do not see the engine).
    this.host = {
      faults: options.faults,
      feed: this.feed,
      accounts: options.accounts,
      verifySignatures: options.verifySignatures,
      idleTimeoutMs: options.idleTimeoutMs,
      now: () => options.clock.now(),
      closed: (session) => this.sessions.delete(session),
    };
    if (options.clock.manual) {
      this.unsubscribe.push(options.clock.onAdvance((from, to) => this.feed.step(from, to)));
    } else {
      let last = options.clock.now();
      this.wallTimer = setInterval(() => {
        const now = options.clock.now();
        this.feed.step(last, now);
        last = now;
      }, WALL_TICK_MS);
      this.wallTimer.unref();
    }
    this.unsubscribe.push(options.faults.onSet(() => this.scheduleDrops()));
    // Rules given at start count from the start (a drop `afterMs` into the run).
    this.scheduleDrops();
  }

  /** The `upgrade` handler of the HTTP server. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const route = ROUTES[q < 0 ? url : url.slice(0, q)];
    if (route === undefined) {
      refuse(socket, 404, 'Not Found');
      return;
    }
    if (!this.limiter.tryAcquire(Date.now()).allowed) {
      refuse(socket, 429, 'Too Many Requests');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      if (route === 'trade') {
        ws.close(1008, 'the WebSocket trade API is not served by this mock');
        return;
      }
      const connId = `${this.connPrefix}-${++this.connSeq}`;
      this.sessions.add(new Session(ws, route, connId, this.host));
    });
  }

  /** Closes the open connections of `scope` with `code` (1006: abruptly); returns how many. */
  dropConnections(scope: WsScope, code: DropCode): number {
    let n = 0;
    for (const s of [...this.sessions]) {
      if (scope !== 'all' && s.scope !== scope) continue;
      n++;
      if (code === 1006) s.socket.terminate();
      else s.socket.close(code, 'dropped by the mock');
    }
    return n;
  }

  /** Ends every connection and timer. */
  close(): void {
    for (const off of this.unsubscribe) off();
    if (this.wallTimer !== undefined) clearInterval(this.wallTimer);
    for (const t of this.dropTimers) clearTimeout(t);
    this.dropTimers.clear();
    for (const s of this.sessions) s.socket.terminate();
    this.sessions.clear();
    this.wss.close();
  }

  /** A `dropConnections` rule fires once, `afterMs` after it was set; a new rule set cancels pending drops. */
  private scheduleDrops(): void {
    for (const t of this.dropTimers) clearTimeout(t);
    this.dropTimers.clear();
    for (const { rule, atMs } of this.options.faults.connectionDrops()) {
      const timer = setTimeout(
        () => {
          this.dropTimers.delete(timer);
          this.dropConnections(rule.scope ?? 'all', rule.code ?? 1006);
        },
        Math.max(0, atMs - Date.now()),
      );
      timer.unref();
      this.dropTimers.add(timer);
    }
  }
}
