import { BYBIT_INTERVAL, TIMEFRAMES } from '@trade/core';
import { z } from 'zod';
import { MockBybitError } from '../errors';

/**
 * One fault-injection rule. Which requests it touches: `endpoint` (see `endpointMatches`; every path when
 * absent), then `skipFirst`, `count`, `everyNth` and `probability` (seeded) in that order.
 *
 * - `http5xx`: answer HTTP `status` (default 503; any 400–599, e.g. 403 for Bybit's IP ban, 429) instead
 *   of handling the request.
 * - `rateLimit`: HTTP 200 with retCode 10006 and the rate-limit headers, the reset `resetAfterMs` ahead.
 * - `latency`: wait `latencyMs` (default 100) before handling; latencies of several rules add up.
 * - `drop`: send the status line, headers and half of the body, then destroy the socket.
 *
 * WebSocket kinds (`bybit-mock.md` §10) select connections by `scope` and pushes by `topic` instead of `endpoint`:
 * - `dropConnections`: once, `afterMs` (default 0) after the rule is set, close the open sockets of `scope`
 *   (default all) with `code` (default 1006 = abrupt, no close frame; 1000 and 1011 send a close frame).
 * - `noPong`: for `durationMs` after the rule is set (while it is set when absent), pings on `scope` go unanswered,
 *   so the client's pong timeout reconnects it.
 * - `authFail`: private `auth` fails (`Error sign`); `count`, `skipFirst`, `everyNth`, `probability` select attempts.
 * - `stallTopic`: for `durationMs` (while set when absent) no pushes of the topics `topic` matches; pings are still
 *   answered.
 * - `duplicateFrames`: pushes of the topics `topic` matches are sent twice; the selectors pick which pushes.
 * - `dropFrames`: pushes of the topics `topic` matches are not sent, each with `probability` (default 1; the
 *   engine's seeded PRNG, one draw per push and connection).
 * - `reorderCloses`: the `confirm:true` kline messages closing at one instant go out in `mode` order instead of
 *   ascending interval order: `descending` interval order, or a `shuffle` seeded by the mock's seed and the instant.
 * - `missingBars`: the bars of `symbol` at `interval` with `start` in `[start, end)` do not exist: REST
 *   `/v5/market/kline` leaves them out and the WebSocket never confirms them (forming updates still flow).
 * - `resetOrderbook`: the next push of each order-book topic of `symbol` is a fresh `snapshot` with `u: 1`.
 */
export interface FaultRule {
  readonly endpoint?: string;
  readonly kind: FaultKind;
  /** Fire at most this many times, then the rule is spent; unlimited when absent. */
  readonly count?: number;
  /** Fire on a matching request with this probability (the mock's seeded PRNG); 1 when absent. */
  readonly probability?: number;
  /** Fire only on the n-th, 2n-th, … matching request (counted after `skipFirst`). */
  readonly everyNth?: number;
  /** Let the first `skipFirst` matching requests through untouched ("fail after N windows"). */
  readonly skipFirst?: number;
  /** `latency` only: delay in ms (default 100). */
  readonly latencyMs?: number;
  /** `http5xx` only: HTTP status (default 503). */
  readonly status?: number;
  /** `rateLimit` only: how far ahead `X-Bapi-Limit-Reset-Timestamp` lies, ms (default 1000). */
  readonly resetAfterMs?: number;
  /** `dropConnections`, `noPong`: which WebSocket connections (default `all`). */
  readonly scope?: WsScope;
  /** `dropConnections`: close code (default 1006, abrupt). */
  readonly code?: 1000 | 1006 | 1011;
  /** `dropConnections`: wall ms after the rule is set (default 0). */
  readonly afterMs?: number;
  /** `noPong`, `stallTopic`: wall ms from when the rule is set; the whole time it is set when absent. */
  readonly durationMs?: number;
  /** `stallTopic`, `duplicateFrames`, `dropFrames`: topic pattern, `*` matches any run of characters (`kline.1.*`, `*`). */
  readonly topic?: string;
  /** `reorderCloses`: the order of same-instant `confirm:true` messages. */
  readonly mode?: ReorderMode;
  /** `missingBars`, `resetOrderbook`: the symbol (`BTCUSDT`). */
  readonly symbol?: string;
  /** `missingBars`: Bybit's interval (`1`, `5`, `60`, `D`, …), as REST's `interval` and the kline topics spell it. */
  readonly interval?: string;
  /** `missingBars`: first missing bar start, epoch ms (inclusive). */
  readonly start?: number;
  /** `missingBars`: end of the missing range, epoch ms (exclusive). */
  readonly end?: number;
}

/** `reorderCloses` modes. */
export type ReorderMode = 'descending' | 'shuffle';

export const HTTP_FAULT_KINDS = ['http5xx', 'rateLimit', 'latency', 'drop'] as const;
export const WS_FAULT_KINDS = [
  'dropConnections',
  'noPong',
  'authFail',
  'stallTopic',
  'duplicateFrames',
  'dropFrames',
  'reorderCloses',
  'missingBars',
  'resetOrderbook',
] as const;
export const FAULT_KINDS = [...HTTP_FAULT_KINDS, ...WS_FAULT_KINDS] as const;
export type HttpFaultKind = (typeof HTTP_FAULT_KINDS)[number];
export type WsFaultKind = (typeof WS_FAULT_KINDS)[number];
export type FaultKind = HttpFaultKind | WsFaultKind;
/** Which WebSocket connections a fault touches: `/v5/public/linear`, `/v5/private`, or both. */
export type WsScope = 'public' | 'private' | 'all';

export function isWsFaultKind(kind: FaultKind): kind is WsFaultKind {
  return (WS_FAULT_KINDS as readonly string[]).includes(kind);
}

/** Fields each kind may carry besides `kind` (anything else is refused, so a misplaced field is not ignored). */
const SELECTORS = ['count', 'probability', 'everyNth', 'skipFirst'] as const;
const FIELDS_OF: Record<FaultKind, readonly string[]> = {
  http5xx: ['endpoint', ...SELECTORS, 'status'],
  rateLimit: ['endpoint', ...SELECTORS, 'resetAfterMs'],
  latency: ['endpoint', ...SELECTORS, 'latencyMs'],
  drop: ['endpoint', ...SELECTORS],
  dropConnections: ['scope', 'code', 'afterMs'],
  noPong: ['scope', 'durationMs'],
  authFail: [...SELECTORS],
  stallTopic: ['topic', 'durationMs'],
  duplicateFrames: ['topic', ...SELECTORS],
  dropFrames: ['topic', 'probability'],
  reorderCloses: ['mode'],
  missingBars: ['symbol', 'interval', 'start', 'end'],
  resetOrderbook: ['symbol'],
};

/** Fields a kind cannot do without. */
const REQUIRED_OF: Partial<Record<FaultKind, readonly (keyof FaultRule)[]>> = {
  stallTopic: ['topic'],
  duplicateFrames: ['topic'],
  dropFrames: ['topic'],
  reorderCloses: ['mode'],
  missingBars: ['symbol', 'interval', 'start', 'end'],
  resetOrderbook: ['symbol'],
};

/** Bybit's kline intervals (REST and topics spell them alike: `1`, `60`, `D`, `W`, `M`). */
const INTERVALS = TIMEFRAMES.map((tf) => BYBIT_INTERVAL[tf]) as [string, ...string[]];

const faultRuleSchema = z.strictObject({
  endpoint: z.string().min(1).optional(),
  kind: z.enum(FAULT_KINDS),
  count: z.number().int().min(0).optional(),
  probability: z.number().min(0).max(1).optional(),
  everyNth: z.number().int().min(1).optional(),
  skipFirst: z.number().int().min(0).optional(),
  latencyMs: z.number().min(0).max(600_000).optional(),
  status: z.number().int().min(400).max(599).optional(),
  resetAfterMs: z.number().min(0).max(3_600_000).optional(),
  scope: z.enum(['public', 'private', 'all']).optional(),
  code: z.union([z.literal(1000), z.literal(1006), z.literal(1011)]).optional(),
  afterMs: z.number().min(0).max(3_600_000).optional(),
  durationMs: z.number().min(0).max(86_400_000).optional(),
  topic: z.string().min(1).optional(),
  mode: z.enum(['descending', 'shuffle']).optional(),
  symbol: z.string().min(1).optional(),
  interval: z.enum(INTERVALS).optional(),
  start: z.number().int().min(0).optional(),
  end: z.number().int().min(0).optional(),
});

const checkedRuleSchema = faultRuleSchema.superRefine((rule, ctx) => {
  const allowed = FIELDS_OF[rule.kind];
  for (const [field, value] of Object.entries(rule)) {
    if (field === 'kind' || value === undefined || allowed.includes(field)) continue;
    ctx.addIssue({
      code: 'custom',
      path: [field],
      message: `${field} does not apply to kind ${rule.kind} (it takes ${allowed.join(', ') || 'no other field'})`,
    });
  }
  for (const field of REQUIRED_OF[rule.kind] ?? []) {
    if (rule[field] !== undefined) continue;
    const what = field === 'topic' ? 'a topic pattern' : `${/^[aeiou]/.test(field) ? 'an' : 'a'} ${field}`;
    ctx.addIssue({ code: 'custom', path: [field], message: `${rule.kind} needs ${what}` });
  }
  if (rule.start !== undefined && rule.end !== undefined && rule.end <= rule.start)
    ctx.addIssue({
      code: 'custom',
      path: ['end'],
      message: `end (${rule.end}) must lie after start (${rule.start}): the range [start, end) is empty`,
    });
});

/** Checks rules at the API boundary; a bad rule throws `E_MOCK_FAULT_INVALID` naming the field. */
export function parseFaultRules(rules: readonly unknown[]): FaultRule[] {
  return rules.map((rule, index) => {
    const parsed = checkedRuleSchema.safeParse(rule);
    if (parsed.success) return parsed.data as FaultRule;
    const issue = parsed.error.issues[0]!;
    const path = `faults[${index}]${issue.path.map((p) => `.${String(p)}`).join('')}`;
    throw new MockBybitError('E_MOCK_FAULT_INVALID', `${path}: ${issue.message}`, {
      path,
      hint: `a fault rule is {kind: ${FAULT_KINDS.join('|')}, …}; HTTP kinds take endpoint?, count?, probability?, everyNth?, skipFirst?, latencyMs?, status?, resetAfterMs?; WebSocket kinds take scope?, code?, afterMs?, durationMs?, topic?, mode?, symbol?, interval?, start?, end? (see FaultRule)`,
    });
  });
}

/**
 * True when `endpoint` selects `path`: a full path (`/v5/market/kline`) matches exactly, a trailing `*` makes
 * it a prefix (`/v5/market/*`), and a name without the leading `/` matches the path's last segments
 * (`kline` or `market/kline`, `funding/history`), so rules read well in tests.
 */
export function endpointMatches(endpoint: string | undefined, path: string): boolean {
  if (endpoint === undefined || endpoint === '*') return true;
  const full = endpoint.startsWith('/') ? endpoint : undefined;
  if (endpoint.endsWith('*')) {
    const prefix = endpoint.slice(0, -1);
    return full !== undefined ? path.startsWith(prefix) : path.includes(`/${prefix}`);
  }
  return full !== undefined ? path === full : path.endsWith(`/${endpoint}`);
}

/** True when `pattern` (`*` = any run of characters) matches the whole `topic`. */
export function topicMatches(pattern: string, topic: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === topic;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!topic.startsWith(first) || !topic.endsWith(last) || topic.length < first.length + last.length)
    return false;
  let at = first.length;
  for (const part of parts.slice(1, -1)) {
    const found = topic.indexOf(part, at);
    if (found < 0 || found + part.length > topic.length - last.length) return false;
    at = found + part.length;
  }
  return true;
}
