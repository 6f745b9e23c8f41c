import { hashCanonical, sha256Hex } from '@trade/core';
import { hashRows } from './row-hash';

/** `config_hash` input (`engine.md` §10.3). */
export interface ConfigHashInput {
  readonly data_mode: 'store' | 'file' | 'synthetic';
  readonly window_start: number;
  readonly window_end: number;
  readonly sim_start: number;
  readonly sim_end: number;
  readonly synthetic: {
    readonly pattern: string;
    readonly bars: number;
    readonly seed: number;
    readonly start: number;
    readonly config: Readonly<Record<string, number>>;
  } | null;
  readonly overrides: {
    readonly variables: Readonly<Record<string, unknown>>;
    readonly equity: number | null;
    readonly slippage_bps: number | null;
  };
  readonly funding_mode: 'history' | 'constant' | 'none';
}

export function configHash(config: ConfigHashInput): string {
  return hashCanonical({ kind: 'config/v1', ...config });
}

export function inputHash(args: {
  engine_version: string;
  play_hash: string;
  data_hash: string;
  config_hash: string;
}): string {
  return hashCanonical({ kind: 'input/v1', ...args });
}

/** Rows are the typed objects of trades.csv / equity.csv (header keys, numbers as numbers, empty -> null). */
export function tradesHash(rows: readonly Readonly<Record<string, unknown>>[]): string {
  return hashRows('trades/v1', rows);
}

/** `equity_hash` over equity rows as written: in-memory rows (non-finite = MISSING = null) or typed CSV rows. */
export function equityHash(rows: readonly Readonly<Record<string, unknown>>[]): string {
  return hashRows('equity/v1', rows, { nonFiniteAsNull: true });
}

/** SHA-256 of the events.jsonl bytes. */
export function eventsHash(eventsJsonl: string): string {
  return sha256Hex(eventsJsonl);
}

export function runHash(args: {
  engine_version: string;
  input_hash: string;
  trades_hash: string;
  equity_hash: string;
  events_hash: string;
  stop_reason: string;
}): string {
  return hashCanonical({ kind: 'run/v1', ...args });
}
