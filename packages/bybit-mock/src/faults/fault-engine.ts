import { createPrng, type Xoshiro128ss } from '@trade/core';
import {
  endpointMatches,
  type FaultRule,
  isWsFaultKind,
  parseFaultRules,
  type ReorderMode,
  topicMatches,
  type WsScope,
} from './fault-rule';

/** PRNG stream of fault decisions, apart from the market streams. */
const FAULT_STREAM = 21;
/** PRNG stream of `reorderCloses: shuffle`, seeded per instant (see `shuffleCloses`). */
const SHUFFLE_STREAM = 22;

/** A `missingBars` range: bar starts in `[start, end)` (epoch ms). */
export interface MissingRange {
  readonly start: number;
  readonly end: number;
}

/** What the fault layer decided for one request. */
export interface FaultDecision {
  /** Total injected delay before the request is handled (ms). */
  readonly latencyMs: number;
  /** The terminal fault that replaces normal handling, if any. */
  readonly terminal: FaultRule | undefined;
}

interface RuleState {
  readonly rule: FaultRule;
  /** Wall ms when the rule was set: `durationMs` and `afterMs` of WebSocket kinds count from here. */
  readonly setAtMs: number;
  seen: number;
  fired: number;
}

/** A WebSocket connection a fault may select: its endpoint and, for pushes, the topic. */
export interface WsSubject {
  readonly scope: Exclude<WsScope, 'all'>;
  readonly topic?: string;
}

function selects(rule: FaultRule, subject: WsSubject): boolean {
  const scope = rule.scope ?? 'all';
  if (scope !== 'all' && scope !== subject.scope) return false;
  return rule.topic === undefined || (subject.topic !== undefined && topicMatches(rule.topic, subject.topic));
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
  private readonly setListeners = new Set<(rules: readonly FaultRule[]) => void>();

  constructor(
    private readonly seed: number,
    rules: readonly unknown[] = [],
  ) {
    this.prng = createPrng(seed, FAULT_STREAM);
    this.set(rules);
  }

  /** Replaces every rule; counters and the PRNG restart so a rule set always behaves the same. */
  set(rules: readonly unknown[]): void {
    const setAtMs = Date.now();
    this.states = parseFaultRules(rules).map((rule) => ({ rule, setAtMs, seen: 0, fired: 0 }));
    this.prng = createPrng(this.seed, FAULT_STREAM);
    for (const listener of this.setListeners) listener(this.rules());
  }

  /** Called after every `set` with the new rules (the WebSocket layer schedules `dropConnections` from it). */
  onSet(listener: (rules: readonly FaultRule[]) => void): () => void {
    this.setListeners.add(listener);
    return () => this.setListeners.delete(listener);
  }

  /**
   * A time-window WebSocket fault (`noPong`, `stallTopic`) in force for `subject` at wall time `nowMs`: within
   * `durationMs` of being set, or for as long as it is set when it has none.
   */
  wsActive(kind: 'noPong' | 'stallTopic', subject: WsSubject, nowMs = Date.now()): boolean {
    return this.states.some(
      (s) =>
        s.rule.kind === kind &&
        selects(s.rule, subject) &&
        (s.rule.durationMs === undefined || nowMs - s.setAtMs < s.rule.durationMs),
    );
  }

  /**
   * Whether a per-event WebSocket fault (`authFail` per auth attempt, `duplicateFrames` and `dropFrames` per push)
   * fires on this event: every matching rule counts it, then its `skipFirst`, `count`, `everyNth` and
   * `probability` decide (`dropFrames` takes only `probability`, one draw per push and connection).
   */
  wsFires(kind: 'authFail' | 'duplicateFrames' | 'dropFrames', subject: WsSubject): boolean {
    let fired = false;
    for (const s of this.states) {
      if (s.rule.kind !== kind || !selects(s.rule, subject)) continue;
      if (this.fires(s, '', fired)) fired = true;
    }
    return fired;
  }

  /** `dropConnections` rules with the wall time each should fire at. */
  connectionDrops(): { rule: FaultRule; atMs: number }[] {
    return this.states
      .filter((s) => s.rule.kind === 'dropConnections')
      .map((s) => ({ rule: s.rule, atMs: s.setAtMs + (s.rule.afterMs ?? 0) }));
  }

  /** The order of same-instant `confirm:true` messages: the first `reorderCloses` rule's mode, else undefined. */
  closeOrder(): ReorderMode | undefined {
    return this.states.find((s) => s.rule.kind === 'reorderCloses')?.rule.mode;
  }

  /**
   * `items` (the closes of one instant, ascending) in a seeded random order. The permutation depends only on the
   * mock's seed and `instantMs`, not on what was pushed before, so every connection, a reconnect and a rerun see
   * the same order at the same instant.
   */
  shuffleCloses<T>(items: readonly T[], instantMs: number): T[] {
    const minute = Math.floor(instantMs / 60_000);
    const prng = createPrng((this.seed ^ Math.imul(minute, 0x9e3779b1)) >>> 0, SHUFFLE_STREAM);
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = prng.int(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /** The `missingBars` ranges of `symbol` at Bybit `interval` (`1`, `60`, `D`); empty without such rules. */
  missingRanges(symbol: string, interval: string): MissingRange[] {
    const out: MissingRange[] = [];
    for (const { rule } of this.states) {
      if (rule.kind !== 'missingBars' || rule.symbol !== symbol || rule.interval !== interval) continue;
      out.push({ start: rule.start!, end: rule.end! });
    }
    return out;
  }

  /**
   * One token per `resetOrderbook` rule of `symbol` in the current rule set. A book that has not yet answered a
   * token resets (new snapshot, `u: 1`) and remembers it, so each rule resets each book once; setting the rules
   * again gives new tokens.
   */
  orderbookResets(symbol: string): readonly object[] {
    return this.states.filter((s) => s.rule.kind === 'resetOrderbook' && s.rule.symbol === symbol);
  }

  rules(): readonly FaultRule[] {
    return this.states.map((s) => s.rule);
  }

  decide(path: string): FaultDecision {
    let latencyMs = 0;
    let terminal: FaultRule | undefined;
    for (const s of this.states) {
      // WebSocket faults act on connections and pushes, never on HTTP requests (nor count them).
      if (isWsFaultKind(s.rule.kind)) continue;
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
    if (!isWsFaultKind(r.kind) && !endpointMatches(r.endpoint, path)) return false;
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

/** True when `startMs` lies in one of `ranges` (each `[start, end)`). */
export function inMissingRange(ranges: readonly MissingRange[], startMs: number): boolean {
  return ranges.some((r) => startMs >= r.start && startMs < r.end);
}
