import { fixtureRules } from '@trade/bybit-mock';
import type { Candles, InstrumentSpec } from '@trade/core';
import { detectGaps, loadCandles, loadFunding, loadInstrument, openReader } from '@trade/data';
import type { FundingConfig } from '@trade/engine';
import type { GateContext } from '../../runner/types';
import { engineDataset, loadManifest, type ManifestDataset, type RealManifest } from './manifest';
import { dataLocation, realSettings } from './settings';

/** What a symbol's RD tasks receive: the engine 1m dataset as shared columns, its instrument and funding. */
export interface SymbolData {
  readonly dataset: ManifestDataset;
  readonly candles1m: Candles;
  readonly instrument: InstrumentSpec;
  /** Where the instrument came from: the data env (`synced`) or a fixture of this package. */
  readonly instrumentSource: 'synced' | 'fixture';
  readonly funding: FundingConfig;
}

export interface RealRunData {
  readonly manifest: RealManifest;
  /** Per symbol: the data, or why it is missing (`<id>: dataset missing …`, `validation.md` §14). */
  readonly symbols: ReadonlyMap<string, SymbolData | { readonly missing: string }>;
}

/** `data.md` §3.1: risk-tier deductions that keep maintenance margin continuous (same rule as `bybit-mock.md` §2.5). */
function sharedCopy(src: Float64Array): Float64Array {
  const out = new Float64Array(new SharedArrayBuffer(src.length * Float64Array.BYTES_PER_ELEMENT));
  out.set(src);
  return out;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Phase 3 of `validation.md` §11.5: opens the env read-only once, loads every engine 1m dataset of the manifest
 * (with instrument and funding) into `SharedArrayBuffer` columns, and closes the reader. Workers get views of
 * these columns and never open DuckDB.
 */
async function loadRealData(ctx: GateContext): Promise<RealRunData> {
  const manifest = loadManifest(realSettings(ctx).manifestPath);
  const symbols = new Map<string, SymbolData | { missing: string }>();
  const location = dataLocation(ctx, manifest);
  const engineSets = [...new Set(manifest.datasets.map((d) => d.symbol))]
    .map((s) => engineDataset(manifest, s))
    .filter((d): d is ManifestDataset => d !== undefined);
  let reader: Awaited<ReturnType<typeof openReader>>;
  try {
    reader = await openReader(location);
  } catch (error) {
    const why = `${(error as { code?: string }).code ?? 'Error'}: ${(error as Error).message}`;
    for (const d of engineSets)
      symbols.set(d.symbol, {
        missing: `dataset missing: ${d.symbol} candles 1m in data env ${manifest.dataEnv} (${why}); run trade validate real (RD0) first`,
      });
    return { manifest, symbols };
  }
  try {
    for (const d of engineSets) {
      const candles = await loadCandles(reader, { symbol: d.symbol, tf: '1m', start: d.start, end: d.end });
      const missingBars = detectGaps(candles.ts, 60_000, { start: d.start, end: d.end }).gaps.reduce(
        (n, g) => n + g.missing,
        0,
      );
      if (candles.length === 0 || missingBars > 0) {
        symbols.set(d.symbol, {
          missing: `dataset missing: ${d.symbol} candles 1m [${iso(d.start)}, ${iso(d.end)}) in data env ${manifest.dataEnv} has ${candles.length} of ${candles.length + missingBars} bars; run trade validate real (RD0) first`,
        });
        continue;
      }
      const stored = await loadInstrument(reader, d.symbol);
      // The fixture rules of `bybit-mock.md` §2.5 (ETHUSDT: tick and step 0.01, BTCUSDT's tiers at half the
      // limits): plausible, not an exchange fact; instruments synced into the env win.
      const fixture = fixtureRules(d.symbol)?.rules;
      const synced = stored !== undefined && stored.riskTiers.length > 0;
      if (!synced && fixture === undefined) {
        symbols.set(d.symbol, {
          missing: `dataset missing: no instrument spec for ${d.symbol} in data env ${manifest.dataEnv}; trade data sync --symbol ${d.symbol} fetches it`,
        });
        continue;
      }
      let instrument: InstrumentSpec = synced ? stored : (fixture as InstrumentSpec);
      const f = manifest.funding[d.symbol];
      let funding: FundingConfig = { source: 'none' };
      if (f?.mode === 'constant') {
        // The manifest's interval is the settlement grid of the constant rate.
        instrument = { ...instrument, fundingIntervalMin: f.intervalMin };
        funding = { source: 'constant', rate: f.rate };
      } else if (f?.mode === 'history') {
        const rows = await loadFunding(reader, { symbol: d.symbol, start: d.start, end: d.end });
        funding = { source: 'history', ts: sharedCopy(rows.ts), rates: sharedCopy(rows.rate) };
      }
      symbols.set(d.symbol, {
        dataset: d,
        candles1m: {
          ts: sharedCopy(candles.ts),
          open: sharedCopy(candles.open),
          high: sharedCopy(candles.high),
          low: sharedCopy(candles.low),
          close: sharedCopy(candles.close),
          volume: sharedCopy(candles.volume),
          length: candles.length,
        },
        instrument,
        instrumentSource: synced ? 'synced' : 'fixture',
        funding,
      });
    }
  } finally {
    await reader.close();
  }
  return { manifest, symbols };
}

/** One load per validation run, shared by RD1–RD4 running concurrently in one stage. */
const RUNS = new WeakMap<GateContext, Promise<RealRunData>>();

export function realRunData(ctx: GateContext): Promise<RealRunData> {
  let p = RUNS.get(ctx);
  if (p === undefined) {
    p = loadRealData(ctx);
    RUNS.set(ctx, p);
  }
  return p;
}
