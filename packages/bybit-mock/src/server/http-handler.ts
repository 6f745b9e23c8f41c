import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccountStore } from '../account/accounts';
import type { MockClock } from '../clock';
import type { FaultEngine } from '../faults/fault-engine';
import type { FaultKind, FaultRule } from '../faults/fault-rule';
import type { MarketStore } from '../market/market-store';
import { authenticate } from './auth';
import { BybitApiReject, envelopeJson, RATE_LIMIT_MSG, RetCode } from './envelope';
import { QueryParams } from './params';
import type { RequestLog } from './request-log';
import type { Router } from './router';
import type { SlidingWindowLimiter } from './sliding-window';

/** Everything one request needs; owned by the server instance. */
export interface ServerState {
  readonly router: Router;
  readonly market: MarketStore;
  readonly clock: MockClock;
  readonly accounts: AccountStore;
  /** `false` accepts any signature of a known key (`bybit-mock.md` §1). */
  readonly verifySignatures: boolean;
  readonly faults: FaultEngine;
  readonly log: RequestLog;
  /** Per remote address; absent when the IP budget is switched off. */
  readonly ipLimiters: Map<string, SlidingWindowLimiter> | undefined;
  readonly newIpLimiter: () => SlidingWindowLimiter;
  /** Resolves after `ms`, or at once when the server closes. */
  readonly sleep: (ms: number) => Promise<void>;
  nextSeq: number;
}

const MAX_BODY_BYTES = 1 << 20;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function decodeQuery(search: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of search) out[k] = v;
  return out;
}

/**
 * Answers with a terminal fault instead of handling the request; returns what the log records.
 * - http5xx: the status with a text body (403 with Bybit's IP-ban text);
 * - rateLimit: HTTP 200, retCode 10006, no budget left, reset `resetAfterMs` ahead (wall clock, as clients
 *   compare it with theirs);
 * - drop: status line, headers and half the body, then the socket is destroyed, as when a proxy or the
 *   exchange dies mid-response.
 */
function answerWithFault(
  rule: FaultRule,
  res: ServerResponse,
  headers: Record<string, string>,
  timeMs: number,
): { status: number; retCode: number | null } {
  if (rule.kind === 'http5xx') {
    const status = rule.status ?? 503;
    const text = status === 403 ? 'access too frequent' : `${status} error injected by the mock`;
    res.writeHead(status, { 'Content-Type': 'text/plain' }).end(text);
    return { status, retCode: null };
  }
  if (rule.kind === 'rateLimit') {
    res
      .writeHead(200, {
        ...headers,
        'X-Bapi-Limit-Status': '0',
        'X-Bapi-Limit-Reset-Timestamp': String(Date.now() + (rule.resetAfterMs ?? 1000)),
      })
      .end(envelopeJson(RetCode.rateLimit, RATE_LIMIT_MSG, {}, timeMs));
    return { status: 200, retCode: RetCode.rateLimit };
  }
  const text = envelopeJson(RetCode.ok, 'OK', {}, timeMs);
  res.writeHead(200, { ...headers, 'Content-Length': String(text.length * 2) });
  res.write(text.slice(0, Math.ceil(text.length / 2)), () => res.socket?.destroy());
  return { status: 0, retCode: null };
}

/**
 * The request pipeline: IP budget → fault layer (latency, then a terminal fault) → route → envelope.
 * Every request ends in exactly one log entry.
 */
export async function handleRequest(state: ServerState, req: IncomingMessage, res: ServerResponse) {
  const arrival = Date.now();
  const virtualMs = state.clock.now();
  const seq = state.nextSeq++;
  const method = req.method ?? 'GET';
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
  const search = new URLSearchParams(rawQuery);
  let fault: FaultKind | null = null;
  const finish = (status: number, retCode: number | null, error?: string) => {
    state.log.push({
      seq,
      method,
      path,
      rawQuery,
      query: decodeQuery(search),
      status,
      retCode,
      timestamp: arrival,
      virtualMs,
      fault,
      latencyMs: Date.now() - arrival,
      ...(error === undefined ? {} : { error }),
    });
  };
  const body = await readBody(req);

  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (state.ipLimiters !== undefined) {
    const ip = req.socket.remoteAddress ?? 'unknown';
    let limiter = state.ipLimiters.get(ip);
    if (limiter === undefined) {
      limiter = state.newIpLimiter();
      state.ipLimiters.set(ip, limiter);
    }
    const budget = limiter.tryAcquire(arrival);
    if (!budget.allowed) {
      finish(403, null);
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end('access too frequent');
      return;
    }
    headers['X-Bapi-Limit'] = String(limiter.limit);
    headers['X-Bapi-Limit-Status'] = String(budget.remaining);
    headers['X-Bapi-Limit-Reset-Timestamp'] = String(budget.resetAtMs);
  }

  const decision = state.faults.decide(path);
  if (decision.latencyMs > 0) {
    fault = 'latency';
    await state.sleep(decision.latencyMs);
  }
  const timeMs = state.clock.now();
  if (decision.terminal !== undefined) {
    fault = decision.terminal.kind;
    const answered = answerWithFault(decision.terminal, res, headers, timeMs);
    finish(answered.status, answered.retCode);
    return;
  }

  const match = state.router.match(method, path);
  if (match.kind === 'notFound') {
    finish(404, RetCode.routeNotFound);
    res
      .writeHead(404, headers)
      .end(JSON.stringify({ retCode: RetCode.routeNotFound, retMsg: 'route not found' }));
    return;
  }
  if (match.kind === 'wrongMethod') {
    const retMsg = `params error: ${method} is not allowed on ${path} (use ${match.allowed.join(', ')})`;
    finish(400, RetCode.paramsError);
    res.writeHead(400, headers).end(envelopeJson(RetCode.paramsError, retMsg, {}, timeMs));
    return;
  }
  let retCode: number = RetCode.ok;
  let retMsg = 'OK';
  let result: unknown = {};
  let error: string | undefined;
  try {
    const account =
      match.route.access === 'private'
        ? authenticate(state.accounts, {
            headers: req.headers,
            method,
            rawQuery,
            body,
            serverTimeMs: timeMs,
            verifySignatures: state.verifySignatures,
          })
        : undefined;
    result = match.route.handler({
      query: new QueryParams(search),
      rawQuery,
      body,
      headers: req.headers,
      market: state.market,
      clock: state.clock,
      faults: state.faults,
      account,
    });
  } catch (e) {
    if (e instanceof BybitApiReject) {
      retCode = e.retCode;
      retMsg = e.retMsg;
    } else {
      // A bug or unreadable data: Bybit's generic server error, with the reason kept in the log.
      retCode = 10016;
      retMsg = 'Server error.';
      error = e instanceof Error ? e.message : String(e);
    }
    result = {};
  }
  finish(200, retCode, error);
  res.writeHead(200, headers).end(envelopeJson(retCode, retMsg, result, timeMs));
}
