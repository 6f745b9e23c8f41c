import type { MarketStore } from '../store/market-store';
import { loadCoverage } from '../store/readers';
import { SCHEMA_VERSION } from '../store/schema';
import type { SeriesDataset } from '../sync/datasets';
import { seriesStepMs } from './gaps';

export interface StatusSeries {
  readonly dataset: string;
  readonly symbol: string;
  readonly key: string;
  readonly first_ts: number;
  readonly last_ts: number;
  readonly rows: number;
  readonly missing: number;
  readonly open_gaps: number;
  readonly last_sync: number | null;
  readonly sync_status: string | null;
  readonly last_error: string | null;
  /** The last stored bar is within 2 steps of now. */
  readonly is_current: boolean;
}

export interface StatusReport {
  readonly db_path: string;
  readonly data_env: string;
  readonly schema_version: number;
  readonly size_bytes: number;
  readonly series: readonly StatusSeries[];
  readonly instruments: readonly { symbol: string; fetched_at: number; risk_tiers: number }[];
}

/** `trade data status` (`data.md` §10): per series first/last/rows/gaps/last sync, plus instruments. */
export async function dataStatus(
  store: MarketStore,
  filter: { symbol?: string; datasets?: readonly string[]; now?: number } = {},
): Promise<StatusReport> {
  const now = filter.now ?? Date.now();
  const coverage = (
    await loadCoverage(store, filter.symbol === undefined ? {} : { symbol: filter.symbol })
  ).filter((c) => filter.datasets === undefined || filter.datasets.includes(c.dataset));
  const states = await store.query(
    'SELECT dataset, symbol, key, updated_at::DOUBLE AS updated_at, status, last_error FROM sync_state',
  );
  const stateOf = (d: string, s: string, k: string) =>
    states.find((r) => r.dataset === d && r.symbol === s && r.key === k);
  const series: StatusSeries[] = [];
  for (const c of coverage) {
    const state = stateOf(c.dataset, c.symbol, c.key);
    const step = await seriesStepMs(store, c.dataset as SeriesDataset, c.symbol, c.key);
    series.push({
      dataset: c.dataset,
      symbol: c.symbol,
      key: c.key,
      first_ts: c.firstTs,
      last_ts: c.lastTs,
      rows: c.rows,
      missing: c.missing,
      open_gaps: c.openGaps,
      last_sync: state === undefined ? null : Number(state.updated_at),
      sync_status: state === undefined ? null : String(state.status),
      last_error: state?.last_error == null ? null : String(state.last_error),
      is_current: c.lastTs + step >= now - 2 * step,
    });
  }
  const instruments = await store.query(
    `SELECT i.symbol, i.fetched_at::DOUBLE AS fetched_at, (SELECT count(*) FROM risk_tiers r WHERE r.symbol = i.symbol)::INTEGER AS tiers
     FROM instruments i ${filter.symbol === undefined ? '' : 'WHERE i.symbol = $symbol'} ORDER BY i.symbol`,
    filter.symbol === undefined ? {} : { symbol: filter.symbol.toUpperCase() },
  );
  const size = store.fileSizeBytes();
  return {
    db_path: store.dbPath,
    data_env: store.dataEnv,
    schema_version: SCHEMA_VERSION,
    size_bytes: size,
    series,
    instruments: instruments.map((r) => ({
      symbol: String(r.symbol),
      fetched_at: Number(r.fetched_at),
      risk_tiers: Number(r.tiers),
    })),
  };
}
