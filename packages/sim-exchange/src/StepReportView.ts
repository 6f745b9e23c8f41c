import type { SnapshotStore } from './ledger/SnapshotStore';
import type { Fill, FundingRecord, SimEvent, Snapshot, StepReport, Trade } from './types';

export const EMPTY: readonly never[] = Object.freeze([]);

/**
 * The `StepReport` a simulator returns from every `stepMinute`: one reused object (nothing allocated on a
 * quiet bar), arrays are fresh only when the bar produced records, and the snapshot is materialised on read.
 * Valid until the next `stepMinute` call.
 */
export class StepReportView implements StepReport {
  openTime = 0;
  fills: readonly Fill[] = EMPTY;
  closedTrades: readonly Trade[] = EMPTY;
  funding: readonly FundingRecord[] = EMPTY;
  events: readonly SimEvent[] = EMPTY;
  stopped = false;

  constructor(
    private readonly store: SnapshotStore,
    private readonly initial: Snapshot,
  ) {}

  get snapshot(): Snapshot {
    return this.store.length > 0 ? this.store.at(this.store.length - 1) : this.initial;
  }
}
