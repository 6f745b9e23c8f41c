import { type LockHolder, readLockHolder } from '../store/lock-file';
import type { MarketStore } from '../store/market-store';

export interface InfoReport {
  readonly db_path: string;
  readonly data_env: string;
  readonly size_bytes: number;
  readonly schema_version: number;
  readonly row_counts: Readonly<Record<string, number>>;
  /** The writer lock file's holder, when one exists (this process while it writes). */
  readonly lock_holder: LockHolder | null;
}

const TABLES = [
  'candles',
  'mark_candles',
  'funding',
  'open_interest',
  'instruments',
  'risk_tiers',
  'sync_state',
  'gaps',
  'candles_rejected',
];

/** `trade data info` (`data.md` §10): path, size, schema version, row counts per table, lock holder. */
export async function dataInfo(store: MarketStore): Promise<InfoReport> {
  const counts = await store.query(
    TABLES.map((t) => `SELECT '${t}' AS t, count(*)::DOUBLE AS n FROM ${t}`).join(' UNION ALL '),
  );
  const version = await store.query("SELECT value FROM schema_meta WHERE key = 'schema_version'");
  const size = store.fileSizeBytes();
  return {
    db_path: store.dbPath,
    data_env: store.dataEnv,
    size_bytes: size,
    schema_version: Number(version[0]?.value ?? 0),
    row_counts: Object.fromEntries(counts.map((r) => [String(r.t), Number(r.n)])),
    lock_holder: readLockHolder(store.location.lockPath) ?? null,
  };
}
