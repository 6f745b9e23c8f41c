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
}

export const FAULT_KINDS = ['http5xx', 'rateLimit', 'latency', 'drop'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

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
});

/** Checks rules at the API boundary; a bad rule throws `E_MOCK_FAULT_INVALID` naming the field. */
export function parseFaultRules(rules: readonly unknown[]): FaultRule[] {
  return rules.map((rule, index) => {
    const parsed = faultRuleSchema.safeParse(rule);
    if (parsed.success) return parsed.data as FaultRule;
    const issue = parsed.error.issues[0]!;
    const path = `faults[${index}]${issue.path.map((p) => `.${String(p)}`).join('')}`;
    throw new MockBybitError('E_MOCK_FAULT_INVALID', `${path}: ${issue.message}`, {
      path,
      hint: `a fault rule is {endpoint?, kind: ${FAULT_KINDS.join('|')}, count?, probability?, everyNth?, skipFirst?, latencyMs?, status?, resetAfterMs?}`,
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
