import { basename, join } from 'node:path';
import { type Candles, rollup, type Timeframe, tfDurationMs } from '@trade/core';
import {
  BybitMarketDataClient,
  detectGaps,
  importFile,
  loadCandles,
  loadFunding,
  loadMarkCandles,
  type MarketStore,
  openReader,
  openWriter,
  syncMarketData,
} from '@trade/data';
import type { GateContext, GateDef, GateFailure, GateOutcome } from '../../runner/types';
import { globFiles } from './files';
import { datasetLabel, loadManifest, type ManifestDataset, type RealManifest } from './manifest';
import { dataLocation, realSettings } from './settings';

/** OHLC and volume tolerances of the consistency proof (`validation.md` §11.3 step 2c). */
const OHLC_REL = 1e-9;
const VOLUME_REL = 1e-6;

const iso = (ms: number): string => new Date(ms).toISOString().replace(':00.000Z', 'Z');

/** What RD0 did with one dataset. */
export interface DatasetSyncRow {
  readonly label: string;
  /** `imported` (rows written), `unchanged` (identical rows already present), `synced`, or `failed`. */
  readonly action: 'imported' | 'unchanged' | 'synced' | 'failed';
  readonly rows: number;
}

function relDiff(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1, Math.abs(b));
}

/** (b) OHLC invariants on every row; returns the first offending row, if any. */
export function ohlcViolations(c: Candles): { count: number; first: string | undefined } {
  let count = 0;
  let first: string | undefined;
  for (let i = 0; i < c.length; i++) {
    const o = c.open[i]!;
    const h = c.high[i]!;
    const l = c.low[i]!;
    const cl = c.close[i]!;
    const v = c.volume[i]!;
    const ok =
      [o, h, l, cl, v].every(Number.isFinite) &&
      l <= Math.min(o, cl) &&
      Math.max(o, cl) <= h &&
      l > 0 &&
      v >= 0;
    if (!ok) {
      count++;
      first ??= `${iso(c.ts[i]!)} o=${o} h=${h} l=${l} c=${cl} v=${v}`;
    }
  }
  return { count, first };
}

/**
 * (c) Consistency: 1m rolled up to the native TF equals the native rows over their overlap (complete buckets
 * only: the 1m edges, including the forming last bar of the stored files, never make a partial bucket count).
 */
export function consistencyMismatches(
  minutes: Candles,
  native: Candles,
  tf: Timeframe,
): { compared: number; mismatches: number; first: string | undefined } {
  const rolled = rollup(minutes, tf);
  const byTs = new Map<number, number>();
  for (let i = 0; i < native.length; i++) byTs.set(native.ts[i]!, i);
  let compared = 0;
  let mismatches = 0;
  let first: string | undefined;
  for (let i = 0; i < rolled.length; i++) {
    const j = byTs.get(rolled.ts[i]!);
    if (j === undefined) continue;
    compared++;
    const fields: [string, number, number, number][] = [
      ['open', rolled.open[i]!, native.open[j]!, OHLC_REL],
      ['high', rolled.high[i]!, native.high[j]!, OHLC_REL],
      ['low', rolled.low[i]!, native.low[j]!, OHLC_REL],
      ['close', rolled.close[i]!, native.close[j]!, OHLC_REL],
      ['volume', rolled.volume[i]!, native.volume[j]!, VOLUME_REL],
    ];
    const bad = fields.find(([, got, ref, tol]) => relDiff(got, ref) > tol);
    if (bad !== undefined) {
      mismatches++;
      first ??= `${iso(rolled.ts[i]!)} ${bad[0]} 1m-rollup=${bad[1]} native=${bad[2]}`;
    }
  }
  return { compared, mismatches, first };
}

/** Step 1 for one dataset. Returns a failure message, or the action taken. */
async function makePresent(
  store: MarketStore,
  manifest: RealManifest,
  d: ManifestDataset,
  ctx: GateContext,
  sync: boolean,
): Promise<{ action: DatasetSyncRow['action']; rows: number } | { error: string }> {
  if (sync) {
    const s = realSettings(ctx);
    const report = await syncMarketData(store, new BybitMarketDataClient({ env: s.env }), {
      symbols: [d.symbol],
      datasets: [d.kind],
      ...(d.tf === undefined ? {} : { tfs: [d.tf] }),
      start: d.start,
      end: d.end,
      concurrency: 1,
    });
    const bad = report.jobs.find((j) => j.status === 'error' || j.status === 'interrupted');
    if (bad !== undefined)
      return { error: `sync ${bad.status}: ${bad.error?.code ?? ''} ${bad.error?.message ?? ''}`.trim() };
    return { action: 'synced', rows: report.jobs.reduce((n, j) => n + j.inserted + j.updated, 0) };
  }
  if (ctx.sharedDir === undefined) return { error: 'shared data folder missing (TRADE_SHARED_DIR)' };
  const root = join(ctx.sharedDir, 'data');
  const matches = globFiles(root, d.file ?? '');
  if (matches.length !== 1)
    return {
      error:
        matches.length === 0
          ? `file missing: no file matches ${d.file} under ${root} (${manifest.file} ${d.path}.file)`
          : `file ambiguous: ${matches.length} files match ${d.file} under ${root} (${matches.map((m) => basename(m)).join(', ')})`,
    };
  const report = await importFile(store, {
    file: matches[0]!,
    kind: d.kind,
    symbol: d.symbol,
    ...(d.tf === undefined ? {} : { tf: d.tf }),
  });
  const rejected = Object.entries(report.rejected).filter(([, n]) => n > 0);
  if (rejected.length > 0)
    return {
      error: `import rejected ${rejected.map(([k, n]) => `${n} ${k}`).join(', ')} row(s) of ${basename(matches[0]!)}; first: ${report.first_rejections[0] ?? '?'}`,
    };
  const written = report.inserted + report.updated;
  return { action: written === 0 ? 'unchanged' : 'imported', rows: report.rows_read };
}

/** Step 2 (a, b) for one dataset: zero missing bars over the declared range, OHLC invariants on every row. */
async function prove(
  store: MarketStore,
  manifest: RealManifest,
  d: ManifestDataset,
): Promise<{ errors: string[]; candles: Candles | undefined }> {
  const errors: string[] = [];
  if (d.kind === 'funding') {
    const rows = await loadFunding(store, { symbol: d.symbol, start: d.start, end: d.end });
    const f = manifest.funding[d.symbol];
    const stepMs = (f?.mode === 'constant' ? f.intervalMin : (rows.intervalMin[0] ?? 480)) * 60_000;
    const gaps = detectGaps(rows.ts, stepMs, { start: d.start, end: d.end }).gaps;
    const missing = gaps.reduce((n, g) => n + g.missing, 0);
    if (missing > 0)
      errors.push(
        `coverage: ${missing} missing settlement(s) in [${iso(d.start)}, ${iso(d.end)}); first gap ${iso(gaps[0]!.start)}`,
      );
    return { errors, candles: undefined };
  }
  const q = { symbol: d.symbol, tf: d.tf as Timeframe, start: d.start, end: d.end };
  const candles = d.kind === 'mark' ? await loadMarkCandles(store, q) : await loadCandles(store, q);
  const { gaps, misaligned } = detectGaps(candles.ts, tfDurationMs(q.tf), { start: d.start, end: d.end });
  const missing = gaps.reduce((n, g) => n + g.missing, 0);
  if (missing > 0)
    errors.push(
      `coverage: ${missing} missing bar(s) in [${iso(d.start)}, ${iso(d.end)}) (${candles.length} present); first gap ${iso(gaps[0]!.start)}..${iso(gaps[0]!.end)}`,
    );
  if (misaligned > 0) errors.push(`coverage: ${misaligned} bar(s) off the ${q.tf} grid`);
  const ohlc = ohlcViolations(
    d.kind === 'mark' ? { ...candles, volume: new Float64Array(candles.length) } : candles,
  );
  if (ohlc.count > 0)
    errors.push(`ohlc: ${ohlc.count} row(s) break low <= open,close <= high; first ${ohlc.first}`);
  return { errors, candles };
}

/**
 * RD0 Real Data Sync (`validation.md` §11.3): with the env's single writer, makes every manifest dataset present
 * (import of the stored file, or a windowed Bybit sync with `--sync` / `source: bybit`), closes and checkpoints
 * the writer, then proves coverage, OHLC invariants and 1m-vs-native consistency through a read-only handle.
 */
export async function runRealDataSync(
  ctx: GateContext,
): Promise<{ outcome: GateOutcome; rows: DatasetSyncRow[] }> {
  const settings = realSettings(ctx);
  const manifest = loadManifest(settings.manifestPath);
  const sync = settings.sync || manifest.source === 'bybit';
  const location = dataLocation(ctx, manifest);
  const perDataset = new Map<ManifestDataset, string[]>(manifest.datasets.map((d) => [d, []]));
  const actions = new Map<ManifestDataset, { action: DatasetSyncRow['action']; rows: number }>();
  // Phase 1: the only writer, datasets in manifest order, serially.
  const writer = await openWriter(location, sync ? 'sync' : 'import');
  try {
    for (const d of manifest.datasets) {
      try {
        const r = await makePresent(writer, manifest, d, ctx, sync);
        if ('error' in r) perDataset.get(d)!.push(r.error);
        else actions.set(d, r);
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'Error';
        perDataset.get(d)!.push(`${code}: ${(error as Error).message.replace(/\s*\n\s*/g, ' ')}`);
      }
    }
    // Phase 2 (§11.5): flush the WAL into the file before any reader starts.
    await writer.checkpoint();
  } finally {
    await writer.close();
  }
  // Proof through a read-only handle, as RD1–RD4 will read.
  const reader = await openReader(location);
  const minutes = new Map<string, Candles>();
  try {
    for (const d of manifest.datasets) {
      if (perDataset.get(d)!.length > 0) continue;
      const { errors, candles } = await prove(reader, manifest, d);
      perDataset.get(d)!.push(...errors);
      if (candles !== undefined && d.kind === 'candles' && d.tf === '1m') minutes.set(d.symbol, candles);
    }
    for (const d of manifest.datasets) {
      if (d.kind !== 'candles' || d.tf === '1m' || d.tf === undefined || perDataset.get(d)!.length > 0)
        continue;
      const m = minutes.get(d.symbol);
      if (m === undefined) continue;
      const native = await loadCandles(reader, { symbol: d.symbol, tf: d.tf, start: d.start, end: d.end });
      const c = consistencyMismatches(m, native, d.tf);
      if (c.compared === 0)
        perDataset
          .get(d)!
          .push(`consistency: no complete ${d.tf} bucket of the 1m data overlaps the native rows`);
      else if (c.mismatches > 0)
        perDataset
          .get(d)!
          .push(
            `consistency: ${c.mismatches}/${c.compared} ${d.tf} bars differ from the 1m rollup; first ${c.first}`,
          );
    }
  } finally {
    await reader.close();
  }
  const failures: GateFailure[] = [];
  for (const [d, errors] of perDataset)
    for (const e of errors) failures.push({ message: `${datasetLabel(d)}: ${e}` });
  failures.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
  const rows: DatasetSyncRow[] = manifest.datasets.map((d) => {
    const a = actions.get(d);
    return perDataset.get(d)!.length > 0 || a === undefined
      ? { label: datasetLabel(d), action: 'failed', rows: a?.rows ?? 0 }
      : { label: datasetLabel(d), action: a.action, rows: a.rows };
  });
  return {
    outcome: {
      passed: failures.length === 0,
      checked: manifest.datasets.length,
      detail: `${manifest.datasets.length} datasets (${sync ? 'bybit' : 'stored'})`,
      failures,
    },
    rows,
  };
}

/** RD0 as a catalogue gate. */
export const realDataSyncGate: GateDef = {
  id: 'RD0',
  name: 'Real Data Sync',
  module: null,
  async run(ctx: GateContext): Promise<GateOutcome> {
    return (await runRealDataSync(ctx)).outcome;
  },
};
