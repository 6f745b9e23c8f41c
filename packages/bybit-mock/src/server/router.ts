import type { IncomingHttpHeaders } from 'node:http';
import type { MockAccount } from '../account/accounts';
import type { MockClock } from '../clock';
import type { FaultEngine } from '../faults/fault-engine';
import type { MarketStore } from '../market/market-store';
import type { QueryParams } from './params';

export type HttpMethod = 'GET' | 'POST';

/** What every handler can read. */
export interface RouteContext {
  readonly query: QueryParams;
  /** Exactly as received: signatures are computed over it (`bybit-mock.md` §3). */
  readonly rawQuery: string;
  /** Raw request body (POST routes sign and parse it). */
  readonly body: string;
  /** `X-BAPI-*` authentication headers of private routes arrive here. */
  readonly headers: IncomingHttpHeaders;
  readonly market: MarketStore;
  readonly clock: MockClock;
  /** The fault rules in force (routes that edit served data read theirs, e.g. `missingBars` on klines). */
  readonly faults: FaultEngine;
  /** The authenticated account on `private` routes (checked before the handler runs); undefined on public ones. */
  readonly account: MockAccount | undefined;
}

/** A handler returns the envelope's `result`, or throws `BybitApiReject` for a non-zero retCode. */
export type RouteHandler = (ctx: RouteContext) => unknown;

export interface RouteDef {
  readonly method: HttpMethod;
  readonly path: string;
  /** `private` routes pass Bybit's header authentication (`server/auth.ts`) before their handler runs. */
  readonly access: 'public' | 'private';
  readonly handler: RouteHandler;
}

/** Exact-path route table; adding the private and WebSocket surfaces means adding rows, not rewriting. */
export class Router {
  private readonly byPath = new Map<string, RouteDef[]>();

  constructor(routes: readonly RouteDef[]) {
    for (const r of routes) {
      const list = this.byPath.get(r.path) ?? [];
      list.push(r);
      this.byPath.set(r.path, list);
    }
  }

  /** `route` when found, `wrongMethod` when the path exists for another method, else `notFound`. */
  match(
    method: string,
    path: string,
  ):
    | { kind: 'route'; route: RouteDef }
    | { kind: 'wrongMethod'; allowed: HttpMethod[] }
    | { kind: 'notFound' } {
    const list = this.byPath.get(path);
    if (list === undefined) return { kind: 'notFound' };
    const route = list.find((r) => r.method === method);
    return route === undefined
      ? { kind: 'wrongMethod', allowed: list.map((r) => r.method) }
      : { kind: 'route', route };
  }
}
