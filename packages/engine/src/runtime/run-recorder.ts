import { canonicalJson } from '@trade/core';
import type { EquityRow, TradeRow } from '../artifacts/rows';

/** One events.jsonl object (`engine.md` §11.6): `{seq, ts, type, ...payload}`. */
export interface RunEvent {
  readonly seq: number;
  readonly ts: number;
  readonly type: string;
  readonly [key: string]: unknown;
}

/** Run event counts that are not metrics (`result.json.counters`, `engine.md` §11.2). */
export interface RunCounters {
  signals: number;
  intents_dropped: number;
  entry_orders: number;
  entry_fills: number;
  rejections_by_reason: Record<string, number>;
  partial_exits: number;
  funding_settlements: number;
}

/** Collects everything a run writes: events, equity rows, trade rows, counters and metric samples. */
export class RunRecorder {
  readonly events: RunEvent[] = [];
  readonly equity: EquityRow[] = [];
  readonly trades: TradeRow[] = [];
  /** Exec-bar index of entry and exit for each trade row (metrics input). */
  readonly tradeBars: { entryBarIndex: number; exitBarIndex: number }[] = [];
  readonly exposureSamples: { positionValue: number; equity: number }[] = [];
  readonly marginSamples: { tradeId: string; coverage: number }[] = [];
  readonly liqDistanceSamples: number[] = [];
  readonly counters: RunCounters = {
    signals: 0,
    intents_dropped: 0,
    entry_orders: 0,
    entry_fills: 0,
    rejections_by_reason: {},
    partial_exits: 0,
    funding_settlements: 0,
  };

  /**
   * Appends an event; non-finite numbers in the payload become null (MISSING), so every line is valid CJ.
   * A payload property that is a getter stays one (run_start's `data_hash` is computed on first read).
   */
  event(ts: number, type: string, payload: Readonly<Record<string, unknown>> = {}): void {
    const event: Record<string, unknown> = { seq: this.events.length + 1, ts, type };
    for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(payload))) {
      if (!d.enumerable) continue;
      if (d.get !== undefined) Object.defineProperty(event, k, { get: d.get, enumerable: true });
      else event[k] = typeof d.value === 'number' && !Number.isFinite(d.value) ? null : d.value;
    }
    this.events.push(event as RunEvent);
  }

  rejection(reason: string): void {
    this.counters.rejections_by_reason[reason] = (this.counters.rejections_by_reason[reason] ?? 0) + 1;
  }

  /** events.jsonl: one canonical-JSON object per line. */
  eventsJsonl(): string {
    return this.events.map((e) => `${canonicalJson(e)}\n`).join('');
  }
}
