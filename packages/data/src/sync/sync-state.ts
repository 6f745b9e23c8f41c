import type { DuckDBConnection } from '@duckdb/node-api';

export type SyncStatus = 'idle' | 'running' | 'interrupted' | 'error';

export interface SyncStateUpdate {
  readonly dataset: string;
  readonly symbol: string;
  readonly key: string;
  readonly status: SyncStatus;
  readonly targetStart?: number | null;
  readonly targetEnd?: number | null;
  readonly cursor?: number | null;
  readonly firstTs?: number | null;
  readonly lastTs?: number | null;
  readonly rowCount?: number | null;
  readonly lastError?: string | null;
  /** `+1` bumps, `0` resets, undefined keeps. */
  readonly attempts?: '+1' | 0;
  readonly launchTime?: number | null;
}

const big = (v: number | null | undefined) => (v === null || v === undefined ? null : BigInt(Math.round(v)));

/** Upserts one `sync_state` row; columns left undefined keep their stored value. */
export async function writeSyncState(connection: DuckDBConnection, u: SyncStateUpdate): Promise<void> {
  const keep = (column: string, given: boolean) => (given ? `excluded.${column}` : `sync_state.${column}`);
  const attemptsSet =
    u.attempts === '+1'
      ? 'coalesce(sync_state.attempts, 0) + 1'
      : u.attempts === 0
        ? '0'
        : 'sync_state.attempts';
  await connection.run(
    `INSERT INTO sync_state (dataset, symbol, key, target_start, target_end, cursor, first_ts, last_ts, row_count,
       status, last_error, attempts, launch_time, updated_at)
     VALUES ($dataset, $symbol, $key, $target_start, $target_end, $cursor, $first_ts, $last_ts, $row_count,
       $status, $last_error, $attempts, $launch_time, $updated_at)
     ON CONFLICT (dataset, symbol, key) DO UPDATE SET
       target_start = ${keep('target_start', u.targetStart !== undefined)},
       target_end = ${keep('target_end', u.targetEnd !== undefined)},
       cursor = ${keep('cursor', u.cursor !== undefined)},
       first_ts = ${keep('first_ts', u.firstTs !== undefined)},
       last_ts = ${keep('last_ts', u.lastTs !== undefined)},
       row_count = ${keep('row_count', u.rowCount !== undefined)},
       status = excluded.status,
       last_error = ${keep('last_error', u.lastError !== undefined)},
       attempts = ${attemptsSet},
       launch_time = ${keep('launch_time', u.launchTime !== undefined)},
       updated_at = excluded.updated_at`,
    {
      dataset: u.dataset,
      symbol: u.symbol,
      key: u.key,
      target_start: big(u.targetStart),
      target_end: big(u.targetEnd),
      cursor: big(u.cursor),
      first_ts: big(u.firstTs),
      last_ts: big(u.lastTs),
      row_count: big(u.rowCount),
      status: u.status,
      last_error: u.lastError ?? null,
      attempts: u.attempts === '+1' ? 1 : 0,
      launch_time: big(u.launchTime),
      updated_at: BigInt(Date.now()),
    },
  );
}

/** Records a window after launch that returned no rows as an open gap candidate (`data.md` §6.3 step 6). */
export async function recordGapCandidate(
  connection: DuckDBConnection,
  g: { dataset: string; symbol: string; key: string; start: number; end: number; stepMs: number },
): Promise<void> {
  const now = BigInt(Date.now());
  await connection.run(
    `INSERT INTO gaps VALUES ($dataset, $symbol, $key, $gs, $ge, $missing, 'open', $now, $now)
     ON CONFLICT (dataset, symbol, key, gap_start) DO UPDATE SET gap_end = excluded.gap_end,
       missing = excluded.missing, checked_at = excluded.checked_at`,
    {
      dataset: g.dataset,
      symbol: g.symbol,
      key: g.key,
      gs: BigInt(g.start),
      ge: BigInt(g.end - g.stepMs),
      missing: Math.round((g.end - g.start) / g.stepMs),
      now,
    },
  );
}
