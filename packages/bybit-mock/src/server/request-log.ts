import type { FaultKind } from '../faults/fault-rule';

/** One request as the mock saw and answered it. */
export interface RequestLogEntry {
  /** Arrival order, from 1. */
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  /** The query string after `?`, exactly as received (no decoding, no re-ordering). */
  readonly rawQuery: string;
  /** Decoded query parameters (the last value wins for a repeated name). */
  readonly query: Readonly<Record<string, string>>;
  /** HTTP status sent; 0 when the connection was dropped instead of answered. */
  readonly status: number;
  /** The envelope's retCode; null when the answer was not an envelope (injected HTTP error, drop). */
  readonly retCode: number | null;
  /** Wall-clock ms at arrival. */
  readonly timestamp: number;
  /** The mock's now at arrival (equals `timestamp` unless the clock is manual). */
  readonly virtualMs: number;
  /** The injected fault that shaped the answer (`latency` when only delayed), or null. */
  readonly fault: FaultKind | null;
  /** Wall ms from arrival to the answer. */
  readonly latencyMs: number;
  /** Internal failure text when the mock answered 10016. */
  readonly error?: string;
}

/** Keeps memory bounded when `trade mock-bybit serve` runs for days: the oldest tenth goes first. */
const MAX_ENTRIES = 100_000;

export class RequestLog {
  readonly entries: RequestLogEntry[] = [];

  constructor(private readonly onEntry?: (entry: RequestLogEntry) => void) {}

  push(entry: RequestLogEntry): void {
    if (this.entries.length >= MAX_ENTRIES) this.entries.splice(0, MAX_ENTRIES / 10);
    this.entries.push(entry);
    this.onEntry?.(entry);
  }

  /** Empties in place, so references handed out earlier see the cleared log. */
  clear(): void {
    this.entries.length = 0;
  }
}
