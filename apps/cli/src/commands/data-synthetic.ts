import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { Timeframe } from '@trade/core';
import { EXIT } from '@trade/core';
import {
  exportSeries,
  generateSynthetic,
  importFile,
  listPatterns,
  openWriter,
  parsePatternConfigAssignments,
  type SyntheticDataset,
  SyntheticError,
  type SyntheticOptions,
  syntheticCsvFiles,
  syntheticManifest,
  syntheticSeriesFileName,
} from '@trade/data';
import { type CommandContext, type CommandDef, numberFlag, stringFlag, UsageError } from '../command';
import { dataLocation } from './data-args';

interface SyntheticImport {
  readonly db_path: string;
  readonly data_env: string;
  readonly source: string;
  readonly series: readonly { tf: string; inserted: number; updated: number; unchanged: number }[];
}

/**
 * `--format parquet`: the staged CSVs go through a scratch store (the importer) and out through the store's
 * exporter, so the Parquet files have the columns and types of `trade data export`. Returns the written paths.
 */
async function writeParquet(
  ctx: CommandContext,
  d: SyntheticDataset,
  csvDir: string,
  outDir: string,
): Promise<string[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'trade-synthetic-db-'));
  mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  try {
    const store = await openWriter(
      { dataDir: scratch, dataEnv: 'synthetic', cwd: ctx.io.cwd, env: {} },
      'write',
    );
    try {
      for (const tf of d.tfs.keys()) {
        await importFile(store, {
          file: join(csvDir, syntheticSeriesFileName(d.symbol, tf)),
          kind: 'candles',
          symbol: d.symbol,
          tf: tf as Timeframe,
          format: 'csv',
          source: `synthetic:${d.dataHash}`,
          strict: true,
        });
        const out = join(outDir, syntheticSeriesFileName(d.symbol, tf, 'parquet'));
        await exportSeries(store, {
          kind: 'candles',
          symbol: d.symbol,
          tf: tf as Timeframe,
          out,
          format: 'parquet',
        });
        files.push(out);
      }
    } finally {
      await store.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const names = files.map((f) => f.slice(outDir.length + 1));
  const manifest = join(outDir, 'synthetic.json');
  writeFileSync(manifest, `${JSON.stringify(syntheticManifest(d, names), null, 2)}\n`);
  return [...files, manifest];
}

/** `--import`: every TF's CSV through the store's importer, tagged `synthetic:<data_hash>` (`data.md` §3). */
async function importSeries(ctx: CommandContext, d: SyntheticDataset, dir: string): Promise<SyntheticImport> {
  const source = `synthetic:${d.dataHash}`;
  const store = await openWriter(dataLocation(ctx), 'import');
  try {
    const series = [];
    for (const tf of d.tfs.keys()) {
      const r = await importFile(store, {
        file: join(dir, syntheticSeriesFileName(d.symbol, tf)),
        kind: 'candles',
        symbol: d.symbol,
        tf: tf as Timeframe,
        format: 'csv',
        source,
        strict: true,
      });
      series.push({ tf, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged });
    }
    await store.checkpoint();
    return { db_path: store.dbPath, data_env: store.dataEnv, source, series };
  } finally {
    await store.close();
  }
}

/** Generator option → the flag that sets it, so a rejected value is reported against the flag (cli.md §1). */
const FLAG_OF_OPTION: Readonly<Record<string, string>> = {
  pattern: '--pattern',
  bars: '--bars',
  seed: '--seed',
  tfs: '--tfs',
  patternTf: '--pattern-tf',
  symbol: '--symbol',
  leadInBars: '--lead-in',
  config: '--config',
};

function listResult() {
  const patterns = listPatterns();
  const width = Math.max(...patterns.map((p) => p.name.length));
  const lines = patterns.map(
    (p) =>
      `${p.id}  ${p.name.padEnd(width)}  ${p.summary}${p.params.length > 0 ? ` [${p.params.join(', ')}]` : ''}`,
  );
  return {
    exitCode: EXIT.ok,
    message: `${patterns.length} synthetic patterns`,
    data: { patterns },
    human: `${lines.join('\n')}\n`,
  };
}

function optionsFromFlags(ctx: CommandContext, pattern: string): SyntheticOptions {
  const tfs = stringFlag(ctx, 'tfs');
  const config = ctx.flags.config;
  const symbol = stringFlag(ctx, 'symbol');
  return {
    pattern,
    bars: numberFlag(ctx, 'bars'),
    seed: numberFlag(ctx, 'seed'),
    leadInBars: numberFlag(ctx, 'lead-in'),
    patternTf: stringFlag(ctx, 'pattern-tf'),
    tfs: tfs?.split(',').map((tf) => tf.trim()),
    symbol: symbol?.toUpperCase(),
    config: Array.isArray(config) ? parsePatternConfigAssignments(config) : undefined,
  };
}

export const dataSyntheticCommand: CommandDef = {
  path: ['data', 'synthetic'],
  summary: 'generate a seeded synthetic market (one 1m path, every TF aggregated) and print its data_hash',
  options: {
    pattern: {
      type: 'string',
      valueName: 'P',
      description: 'pattern name (see --list); required unless --list',
    },
    bars: { type: 'string', valueName: 'N', description: 'pattern-TF bars (10 … 2000000; default 1000)' },
    seed: { type: 'string', valueName: 'S', description: 'seed, integer 0 … 2^32-1 (default 42)' },
    tfs: {
      type: 'string',
      valueName: 'TF,…',
      description: 'timeframes (default 1m,5m,15m,1h,4h; 1m always added)',
    },
    'pattern-tf': {
      type: 'string',
      valueName: 'TF',
      description: 'TF the pattern is drawn on (default: fastest TF above 1m)',
    },
    'lead-in': {
      type: 'string',
      valueName: 'N',
      description: 'pattern-TF bars of ranging lead-in before the pattern (default 0)',
    },
    symbol: { type: 'string', valueName: 'S', description: 'symbol label, e.g. BTCUSDT (default BTCUSDT)' },
    config: {
      type: 'string',
      multiple: true,
      valueName: 'key=value',
      description: 'pattern parameter override (repeat)',
    },
    out: {
      type: 'string',
      valueName: 'DIR',
      description: 'write <SYMBOL>_<tf>.<csv|parquet> per TF and synthetic.json into DIR',
    },
    format: {
      type: 'string',
      valueName: 'csv|parquet',
      description: 'file format with --out (default csv; parquet has the columns of trade data export)',
    },
    import: {
      type: 'boolean',
      description: 'load every TF into the data env (--data-env) with source synthetic:<data_hash>',
    },
    list: { type: 'boolean', description: 'list the patterns and their parameters' },
  },
  async run(ctx) {
    if (ctx.flags.list === true) return listResult();
    const pattern = stringFlag(ctx, 'pattern');
    if (pattern === undefined)
      throw new UsageError(
        'missing required flag --pattern',
        'e.g. --pattern trend_up_clean (run with --list for all)',
      );
    const format = stringFlag(ctx, 'format') ?? 'csv';
    if (format !== 'csv' && format !== 'parquet')
      throw new UsageError(`--format expects csv or parquet, got '${format}'`, 'e.g. --format parquet');
    let dataset: ReturnType<typeof generateSynthetic>;
    try {
      dataset = generateSynthetic(optionsFromFlags(ctx, pattern));
    } catch (e) {
      if (!(e instanceof SyntheticError)) throw e;
      const option = e.path?.split('.')[0] ?? '';
      const flag = FLAG_OF_OPTION[option];
      // A rejected flag value is a usage error naming the flag (cli.md §1); the generator's code stays in the text.
      if (flag === undefined) throw e;
      throw new UsageError(`${flag}: ${e.message} (${e.code})`, e.hint ?? '');
    }

    const barsByTf: Record<string, number> = {};
    for (const [tf, c] of dataset.tfs) barsByTf[tf] = c.length;
    const outFlag = stringFlag(ctx, 'out');
    const outDir =
      outFlag === undefined ? undefined : isAbsolute(outFlag) ? outFlag : join(ctx.io.cwd, outFlag);
    const wantsImport = ctx.flags.import === true;
    // CSV is the staging form for parquet output and --import; it lives in a temporary folder unless it is the
    // requested output itself.
    const csvOut = outDir !== undefined && format === 'csv';
    const stageDir = csvOut
      ? outDir
      : outDir !== undefined || wantsImport
        ? mkdtempSync(join(tmpdir(), 'trade-synthetic-'))
        : undefined;
    let files: string[] = [];
    let imported: SyntheticImport | undefined;
    try {
      if (stageDir !== undefined) {
        mkdirSync(stageDir, { recursive: true });
        for (const file of syntheticCsvFiles(dataset)) {
          writeFileSync(join(stageDir, file.name), file.content);
          if (csvOut) files.push(join(stageDir, file.name));
        }
      }
      if (outDir !== undefined && stageDir !== undefined && format === 'parquet')
        files = await writeParquet(ctx, dataset, stageDir, outDir);
      if (wantsImport && stageDir !== undefined) imported = await importSeries(ctx, dataset, stageDir);
    } finally {
      if (stageDir !== undefined && !csvOut) rmSync(stageDir, { recursive: true, force: true });
    }
    const o = dataset.options;
    const data = {
      pattern: dataset.pattern,
      symbol: dataset.symbol,
      seed: o.seed,
      bars: o.bars,
      lead_in_bars: o.leadInBars,
      pattern_tf: dataset.patternTf,
      data_start: new Date(dataset.dataStartMs).toISOString(),
      start: new Date(dataset.startMs).toISOString(),
      end: new Date(dataset.endMs).toISOString(),
      bars_by_tf: barsByTf,
      config: o.config,
      data_hash: dataset.dataHash,
      data_digest: dataset.dataDigest,
      out_dir: outDir ?? null,
      files,
      import: imported ?? null,
    };
    const message = `synthetic ${dataset.pattern} ${dataset.symbol} seed ${o.seed}: ${o.bars} x ${dataset.patternTf} bars, data_hash ${dataset.dataHash}`;
    const human = [
      message,
      `  span ${data.data_start} .. ${data.end}${o.leadInBars > 0 ? ` (pattern from ${data.start})` : ''}`,
      `  bars ${Object.entries(barsByTf)
        .map(([tf, n]) => `${tf} ${n}`)
        .join(', ')}`,
      outDir === undefined
        ? wantsImport
          ? ''
          : '  (nothing written; pass --out DIR to write CSV files)'
        : `  wrote ${files.length} files to ${outDir}`,
      imported === undefined
        ? ''
        : `  imported into ${imported.db_path} (data env ${imported.data_env}) as source ${imported.source}: ${imported.series
            .map((s) => `${s.tf} +${s.inserted}/~${s.updated}/=${s.unchanged}`)
            .join(', ')}`,
    ]
      .filter((line) => line !== '')
      .join('\n');
    return { exitCode: EXIT.ok, message, data, human };
  },
};
