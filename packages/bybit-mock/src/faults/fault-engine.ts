import { createPrng, type Xoshiro128ss } from '@trade/core';
import { endpointMatches, type FaultRule, parseFaultRules } from './fault-rule';

/** PRNG stream of fault decisions, apart from the market streams. */
const FAULT_STREAM = 21;

/** What the fault layer decided for one request. */
export interface FaultDecision {
  /** Total injected delay before the request is handled (ms). */
  readonly latencyMs: number;
  /** The terminal fault that replaces normal handling, if any. */
  readonly terminal: FaultRule | undefined;
}

interface RuleState {
  readonly rule: FaultRule;
  seen: number;
  fired: number;
}

/**
 * Applies fault rules to requests, deterministically for a given seed and request sequence. Every rule
 * counts every request its endpoint matches, so `skipFirst: 5` means "from the 6th matching request on"
 * whatever other rules did. Latency rules add up; the first terminal rule (http5xx, rateLimit, drop) that
 * fires decides the answer, and a later terminal rule neither fires nor spends its count on that request.
 */
export class FaultEngine {
  private states: RuleState[] = [];
  private prng: Xoshiro128ss;

  constructor(
    private readonly seed: number,
    rules: readonly unknown[] = [],
  ) {
    this.prng = createPrng(seed, FAULT_STREAM);
    this.set(rules);
  }

  /** Replaces every rule; counters and the PRNG restart so a rule set always behaves the same. */
  set(rules: readonly unknown[]): void {
    this.states = parseFaultRules(rules).map((rule) => ({ rule, seen: 0, fired: 0 }));
    this.prng = createPrng(this.seed, FAULT_STREAM);
  }

  rules(): readonly FaultRule[] {
    return this.states.map((s) => s.rule);
  }

  decide(path: string): FaultDecision {
    let latencyMs = 0;
    let terminal: FaultRule | undefined;
    for (const s of this.states) {
      const isLatency = s.rule.kind === 'latency';
      if (!this.fires(s, path, !isLatency && terminal !== undefined)) continue;
      if (isLatency) latencyMs += s.rule.latencyMs ?? 100;
      else terminal = s.rule;
    }
    return { latencyMs, terminal };
  }

  /** Counts the request for `s` and says whether `s` fires on it (never when `preempted`). */
  private fires(s: RuleState, path: string, preempted: boolean): boolean {
    const r = s.rule;
    if (!endpointMatches(r.endpoint, path)) return false;
    s.seen++;
    const ordinal = s.seen - (r.skipFirst ?? 0);
    if (preempted || ordinal <= 0) return false;
    if (r.count !== undefined && s.fired >= r.count) return false;
    if (r.everyNth !== undefined && ordinal % r.everyNth !== 0) return false;
    if (r.probability !== undefined && !(this.prng.uniform() < r.probability)) return false;
    s.fired++;
    return true;
  }
}
