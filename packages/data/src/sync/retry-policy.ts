/** Retry timing of `data.md` §6.5; tests shrink the delays, production uses the defaults. */
export interface RetryPolicy {
  /** Exponential backoff base (ms), factor 2, full jitter. */
  readonly baseMs: number;
  readonly capMs: number;
  /** Attempts for 5xx / 429 / 10000 / 10016 / network errors (including the first). */
  readonly maxAttempts: number;
  /** Attempts while Bybit answers 10006 (each waits for the reset timestamp). */
  readonly rateLimitMaxAttempts: number;
  /** Wait used for 10006 when the reset header is absent. */
  readonly rateLimitDefaultWaitMs: number;
  /** Longest single wait honoured from a reset timestamp (guards against clock skew). */
  readonly rateLimitMaxWaitMs: number;
  /** Uniform [0, 1) source for jitter. */
  readonly random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseMs: 500,
  capMs: 30_000,
  maxAttempts: 6,
  rateLimitMaxAttempts: 20,
  rateLimitDefaultWaitMs: 1000,
  rateLimitMaxWaitMs: 10_000,
  random: Math.random,
};

/** Full-jitter exponential backoff before attempt `attempt + 1`. */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  return Math.floor(policy.random() * Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1)));
}

/** 50–250 ms jitter added to 10006 waits so parallel jobs do not retry in lock-step. */
export function rateLimitJitterMs(policy: RetryPolicy): number {
  return 50 + Math.floor(policy.random() * 200);
}
