import type { SyntheticDataset } from './generate';
import type { SyntheticCandles } from './minute-bars';

/** Header of a synthetic CSV: the candle export columns of `data.md` (core's CSV reader ignores `turnover`). */
export const SYNTHETIC_CSV_HEADER = 'ts,open,high,low,close,volume,turnover';

/** CSV text of synthetic bars: header, then one row per bar with shortest round-trip numbers, `ts` in epoch ms. */
export function syntheticCandlesToCsv(c: SyntheticCandles): string {
  const parts: string[] = [`${SYNTHETIC_CSV_HEADER}\n`];
  const { ts, open, high, low, close, volume, turnover } = c;
  for (let i = 0; i < c.length; i++)
    parts.push(`${ts[i]},${open[i]},${high[i]},${low[i]},${close[i]},${volume[i]},${turnover[i]}\n`);
  return parts.join('');
}

/** The `synthetic.json` document written beside the series files: identity, span and the hashed descriptor. */
export interface SyntheticManifest {
  readonly data_hash: string;
  readonly data_digest: string;
  readonly pattern: string;
  readonly symbol: string;
  readonly seed: number;
  readonly pattern_tf: string;
  readonly bars: number;
  readonly lead_in_bars: number;
  /** First bar of the data (lead-in included), ISO-8601 UTC. */
  readonly data_start: string;
  /** First bar of the pattern phase, ISO-8601 UTC. */
  readonly start: string;
  /** End of the data (exclusive), ISO-8601 UTC. */
  readonly end: string;
  /** Bars per timeframe. */
  readonly bars_by_tf: Readonly<Record<string, number>>;
  readonly files: readonly string[];
  readonly descriptor: SyntheticDataset['descriptor'];
}

export interface SyntheticExportFile {
  readonly name: string;
  readonly content: string;
}

/** File name of one series: `<SYMBOL>_<tf>.<ext>` (`synthetic-data.md` §10). */
export function syntheticSeriesFileName(symbol: string, tf: string, ext = 'csv'): string {
  return `${symbol}_${tf}.${ext}`;
}

export function syntheticManifest(d: SyntheticDataset, files: readonly string[]): SyntheticManifest {
  const barsByTf: Record<string, number> = {};
  for (const [tf, c] of d.tfs) barsByTf[tf] = c.length;
  return {
    data_hash: d.dataHash,
    data_digest: d.dataDigest,
    pattern: d.pattern,
    symbol: d.symbol,
    seed: d.options.seed,
    pattern_tf: d.patternTf,
    bars: d.options.bars,
    lead_in_bars: d.options.leadInBars,
    data_start: new Date(d.dataStartMs).toISOString(),
    start: new Date(d.startMs).toISOString(),
    end: new Date(d.endMs).toISOString(),
    bars_by_tf: barsByTf,
    files,
    descriptor: d.descriptor,
  };
}

/**
 * The files of `trade data synthetic --out DIR --format csv`: one CSV per timeframe, then `synthetic.json`.
 * Pure (no I/O): the caller writes them.
 */
export function syntheticCsvFiles(d: SyntheticDataset): SyntheticExportFile[] {
  const files: SyntheticExportFile[] = [];
  for (const [tf, c] of d.tfs)
    files.push({ name: syntheticSeriesFileName(d.symbol, tf), content: syntheticCandlesToCsv(c) });
  const manifest = syntheticManifest(
    d,
    files.map((f) => f.name),
  );
  files.push({ name: 'synthetic.json', content: `${JSON.stringify(manifest, null, 2)}\n` });
  return files;
}
