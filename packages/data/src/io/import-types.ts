import type { Timeframe } from '@trade/core';

export type ImportKind = 'candles' | 'mark' | 'funding' | 'oi' | 'risk_tiers';
export const IMPORT_KINDS: readonly ImportKind[] = ['candles', 'mark', 'funding', 'oi', 'risk_tiers'];

export interface ImportOptions {
  readonly file: string;
  readonly kind: ImportKind;
  readonly symbol: string;
  /** Candles and mark (default `1m`). */
  readonly tf?: Timeframe;
  /** Open interest (`5min` … `1d`, default `1h`). */
  readonly interval?: string;
  readonly format?: 'auto' | 'csv' | 'parquet';
  readonly tsColumn?: string;
  readonly tsUnit?: 'auto' | 'ms' | 's' | 'iso';
  /** `close`: the file stamps bars at their close; one TF is subtracted. */
  readonly tsIs?: 'open' | 'close';
  readonly shiftHours?: number;
  /** Funding only: accept timestamps off the interval grid by whole hours as they are. */
  readonly allowOffgrid?: boolean;
  /** Default `import:<file name>`. */
  readonly source?: string;
  /** `error` (default): a repeated timestamp is a format error; `last`: the last row wins. */
  readonly dedupe?: 'error' | 'last';
  /** Fail with `E_IMPORT_REJECTED` on any rejected row instead of skipping it. */
  readonly strict?: boolean;
  readonly dryRun?: boolean;
}

export interface ImportReport {
  readonly file: string;
  readonly kind: ImportKind;
  readonly symbol: string;
  readonly tf?: string;
  readonly interval?: string;
  readonly source: string;
  readonly rows_read: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: Readonly<Record<string, number>>;
  readonly first_rejections: readonly string[];
  readonly first_ts: number | null;
  readonly last_ts: number | null;
  readonly checksum: string;
  readonly snapped: number;
  readonly warnings: readonly { code: string; message: string }[];
  readonly dry_run: boolean;
}
