import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isTimeframe, type Timeframe, TradeError } from '@trade/core';
import { DATA_ENV_NAME, DEFAULT_DATA_ENV } from '@trade/data';
import { type MiniEntry, type MiniNode, parseMiniYaml } from './mini-yaml';

/** The four market phases of RD1–RD4 (`validation.md` §11.4), in gate order. */
export const REAL_PHASES = ['accumulation', 'markup', 'distribution', 'markdown'] as const;
export type RealPhase = (typeof REAL_PHASES)[number];

export type ManifestDatasetKind = 'candles' | 'funding' | 'mark';

/** One `datasets[]` row: `[start, end)` in epoch ms, end exclusive. */
export interface ManifestDataset {
  readonly symbol: string;
  readonly kind: ManifestDatasetKind;
  /** Candles and mark; undefined for funding. */
  readonly tf: Timeframe | undefined;
  readonly start: number;
  readonly end: number;
  /** Glob relative to the shared data root (stored source); must match exactly one file. */
  readonly file: string | undefined;
  readonly role: 'engine' | 'consistency';
  /** Key path of the row in the manifest, e.g. `datasets[2]` (for error lines). */
  readonly path: string;
}

export type ManifestFunding =
  | { readonly mode: 'none' }
  | { readonly mode: 'history' }
  | { readonly mode: 'constant'; readonly rate: number; readonly intervalMin: number };

export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

/** `plays/validation/real_data/manifest.yml` as validated (`validation.md` §11.2). */
export interface RealManifest {
  readonly file: string;
  readonly version: 1;
  readonly source: 'stored' | 'bybit';
  readonly dataEnv: string;
  readonly datasets: readonly ManifestDataset[];
  readonly funding: Readonly<Record<string, ManifestFunding>>;
  readonly phases: Readonly<Partial<Record<RealPhase, TimeWindow>>>;
  readonly windows: Readonly<Record<string, TimeWindow>>;
}

/** Default manifest path under a working directory. */
export function defaultManifestPath(cwd: string): string {
  return join(cwd, 'plays', 'validation', 'real_data', 'manifest.yml');
}

/** A manifest that cannot be used: exit 3 (`validation.md` §15), naming file, line, key path and a fix. */
export class ManifestError extends TradeError {}

class Reader {
  constructor(readonly file: string) {}

  fail(node: { line: number } | undefined, path: string, message: string, hint: string): never {
    const line = node?.line ?? 1;
    // Location and key path live in file/line/path (the CLI prints them), not in the message.
    throw new ManifestError('E_MANIFEST_INVALID', message, {
      file: this.file,
      line,
      path,
      hint,
    });
  }

  map(node: MiniNode, path: string): Map<string, MiniEntry> {
    if (node.kind !== 'map')
      this.fail(node, path, `expected a mapping, got a ${node.kind}`, 'write "key: value" lines');
    return new Map(node.entries.map((e) => [e.key, e]));
  }

  only(entries: Map<string, MiniEntry>, allowed: readonly string[], path: string): void {
    for (const [key, e] of entries)
      if (!allowed.includes(key))
        this.fail(
          e,
          path === '' ? key : `${path}.${key}`,
          'unknown key',
          `allowed keys: ${allowed.join(', ')}`,
        );
  }

  scalar(e: MiniEntry | undefined, path: string, parent: { line: number }): string | number | boolean | null {
    if (e === undefined) this.fail(parent, path, 'missing', 'this key is required');
    if (e.value.kind !== 'scalar')
      this.fail(e, path, `expected a value, got a ${e.value.kind}`, 'write a plain value');
    return e.value.value;
  }

  text(e: MiniEntry | undefined, path: string, parent: { line: number }): string {
    const v = this.scalar(e, path, parent);
    if (typeof v !== 'string')
      this.fail(e, path, `expected text, got ${JSON.stringify(v)}`, 'quote the value');
    return v;
  }

  oneOf<T extends string>(
    e: MiniEntry | undefined,
    path: string,
    parent: { line: number },
    values: readonly T[],
  ): T {
    const v = this.text(e, path, parent);
    if (!(values as readonly string[]).includes(v))
      this.fail(e, path, `'${v}' is not one of ${values.join(' | ')}`, `use one of: ${values.join(', ')}`);
    return v as T;
  }

  number(e: MiniEntry | undefined, path: string, parent: { line: number }): number {
    const v = this.scalar(e, path, parent);
    if (typeof v !== 'number' || !Number.isFinite(v))
      this.fail(e, path, `expected a number, got ${JSON.stringify(v)}`, 'write a decimal number');
    return v;
  }

  time(e: MiniEntry | undefined, path: string, parent: { line: number }): number {
    const v = this.text(e, path, parent);
    const ms = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?Z)?$/.test(v) ? Date.parse(v) : Number.NaN;
    if (!Number.isFinite(ms))
      this.fail(e, path, `'${v}' is not a UTC time`, "write 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM:SSZ'");
    return ms;
  }

  window(e: MiniEntry, path: string): TimeWindow {
    const m = this.map(e.value, path);
    this.only(m, ['start', 'end'], path);
    const start = this.time(m.get('start'), `${path}.start`, e);
    const end = this.time(m.get('end'), `${path}.end`, e);
    if (!(end > start))
      this.fail(m.get('end'), `${path}.end`, 'end must be after start', 'the end is exclusive');
    return { start, end };
  }
}

const TOP_KEYS = ['version', 'source', 'data_env', 'datasets', 'funding', 'phases', 'windows'] as const;
const DATASET_KEYS = ['symbol', 'kind', 'tf', 'start', 'end', 'file', 'role'] as const;

/** Validates a parsed manifest tree (`validation.md` §11.2). Every error names file, line, key path and a hint. */
export function manifestFromTree(root: MiniNode, file: string): RealManifest {
  const r: Reader = new Reader(file);
  const top = r.map(root, '');
  r.only(top, TOP_KEYS, '');
  const version = r.number(top.get('version'), 'version', root);
  if (version !== 1)
    r.fail(top.get('version'), 'version', `unsupported version ${version}`, 'write version: 1');
  const source = r.oneOf(top.get('source'), 'source', root, ['stored', 'bybit'] as const);
  const envEntry = top.get('data_env');
  const dataEnv = envEntry === undefined ? DEFAULT_DATA_ENV : r.text(envEntry, 'data_env', root);
  if (!DATA_ENV_NAME.test(dataEnv))
    r.fail(envEntry, 'data_env', `'${dataEnv}' is not a data env name`, 'e.g. backtest');

  const dsEntry = top.get('datasets');
  if (dsEntry === undefined) r.fail(root, 'datasets', 'missing', 'list the datasets RD0 makes present');
  if (dsEntry.value.kind !== 'seq' || dsEntry.value.items.length === 0)
    r.fail(dsEntry, 'datasets', 'expected a non-empty list', 'one "- symbol: …" item per dataset');
  const datasets: ManifestDataset[] = dsEntry.value.items.map((item, i) => {
    const path = `datasets[${i}]`;
    const m = r.map(item, path);
    r.only(m, DATASET_KEYS, path);
    const symbol = r.text(m.get('symbol'), `${path}.symbol`, item);
    if (!/^[A-Z0-9]{2,20}$/.test(symbol))
      r.fail(m.get('symbol'), `${path}.symbol`, `'${symbol}' is not a symbol`, 'upper case, e.g. BTCUSDT');
    const kind = r.oneOf(m.get('kind'), `${path}.kind`, item, ['candles', 'funding', 'mark'] as const);
    let tf: Timeframe | undefined;
    if (kind === 'funding') {
      if (m.has('tf')) r.fail(m.get('tf'), `${path}.tf`, 'funding has no tf', 'remove tf');
    } else {
      const raw = r.text(m.get('tf'), `${path}.tf`, item);
      if (!isTimeframe(raw))
        r.fail(m.get('tf'), `${path}.tf`, `'${raw}' is not a timeframe`, 'e.g. 1m, 5m, 1h');
      tf = raw;
    }
    const start = r.time(m.get('start'), `${path}.start`, item);
    const end = r.time(m.get('end'), `${path}.end`, item);
    if (!(end > start))
      r.fail(m.get('end'), `${path}.end`, 'end must be after start', 'the end is exclusive');
    const fileGlob = m.has('file') ? r.text(m.get('file'), `${path}.file`, item) : undefined;
    if (source === 'stored' && fileGlob === undefined)
      r.fail(
        item,
        `${path}.file`,
        'missing',
        'source stored imports files: give a glob under the shared data root',
      );
    const role = r.oneOf(m.get('role'), `${path}.role`, item, ['engine', 'consistency'] as const);
    if (role === 'engine' && !(kind === 'candles' && tf === '1m') && kind === 'candles')
      r.fail(m.get('role'), `${path}.role`, 'the engine consumes only 1m candles', 'use role: consistency');
    return { symbol, kind, tf, start, end, file: fileGlob, role, path };
  });
  const seen = new Set<string>();
  datasets.forEach((d, i) => {
    const key = `${d.symbol} ${d.kind} ${d.tf ?? '-'}`;
    if (seen.has(key))
      r.fail(
        dsEntry.value.kind === 'seq' ? dsEntry.value.items[i] : dsEntry,
        d.path,
        `${key} is listed twice`,
        'one row per (symbol, kind, tf)',
      );
    seen.add(key);
  });

  const funding: Record<string, ManifestFunding> = {};
  const fundEntry = top.get('funding');
  if (fundEntry !== undefined) {
    for (const [symbol, e] of r.map(fundEntry.value, 'funding')) {
      const path = `funding.${symbol}`;
      const m = r.map(e.value, path);
      r.only(m, ['mode', 'rate', 'interval_min'], path);
      const mode = r.oneOf(m.get('mode'), `${path}.mode`, e, ['history', 'constant', 'none'] as const);
      if (mode === 'constant') {
        const rate = r.number(m.get('rate'), `${path}.rate`, e);
        const intervalMin = m.has('interval_min')
          ? r.number(m.get('interval_min'), `${path}.interval_min`, e)
          : 480;
        if (!Number.isInteger(intervalMin) || intervalMin <= 0)
          r.fail(m.get('interval_min'), `${path}.interval_min`, 'expected whole minutes > 0', 'e.g. 480');
        funding[symbol] = { mode, rate, intervalMin };
      } else {
        if (m.has('rate')) r.fail(m.get('rate'), `${path}.rate`, `mode ${mode} takes no rate`, 'remove rate');
        if (mode === 'history' && !datasets.some((d) => d.symbol === symbol && d.kind === 'funding'))
          r.fail(
            m.get('mode'),
            `${path}.mode`,
            'history funding needs a funding dataset',
            `add a funding row for ${symbol}`,
          );
        funding[symbol] = { mode };
      }
    }
  }

  const phases: Partial<Record<RealPhase, TimeWindow>> = {};
  const phaseEntry = top.get('phases');
  if (phaseEntry !== undefined) {
    const m = r.map(phaseEntry.value, 'phases');
    r.only(m, REAL_PHASES, 'phases');
    for (const [name, e] of m) phases[name as RealPhase] = r.window(e, `phases.${name}`);
  }
  const windows: Record<string, TimeWindow> = {};
  const winEntry = top.get('windows');
  if (winEntry !== undefined && !(winEntry.value.kind === 'scalar' && winEntry.value.value === null))
    for (const [id, e] of r.map(winEntry.value, 'windows')) windows[id] = r.window(e, `windows.${id}`);

  return { file, version: 1, source, dataEnv, datasets, funding, phases, windows };
}

/** Reads and validates a manifest file; a missing or invalid file throws `ManifestError` (exit 3). */
export function loadManifest(path: string): RealManifest {
  const file = resolve(path);
  if (!existsSync(file))
    throw new ManifestError('E_MANIFEST_INVALID', `manifest not found: ${file}`, {
      file,
      hint: 'pass --manifest FILE or run from the repository root (plays/validation/real_data/manifest.yml)',
    });
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ManifestError('E_MANIFEST_INVALID', `cannot read manifest ${file}: ${(e as Error).message}`, {
      file,
      hint: 'check the file permissions',
    });
  }
  try {
    return manifestFromTree(parseMiniYaml(text, file), file);
  } catch (e) {
    if (e instanceof TradeError && !(e instanceof ManifestError))
      throw new ManifestError('E_MANIFEST_INVALID', e.message, {
        file,
        ...(e.line === undefined ? {} : { line: e.line }),
        ...(e.col === undefined ? {} : { col: e.col }),
        ...(e.hint === undefined ? {} : { hint: e.hint }),
      });
    throw e;
  }
}

/** Engine 1m dataset of a symbol, if the manifest declares one. */
export function engineDataset(manifest: RealManifest, symbol: string): ManifestDataset | undefined {
  return manifest.datasets.find(
    (d) => d.symbol === symbol && d.kind === 'candles' && d.tf === '1m' && d.role === 'engine',
  );
}

/** Canonical label of a dataset in failure lines: `<SYMBOL> <kind> <tf>` (`validation.md` §4). */
export function datasetLabel(d: ManifestDataset): string {
  return `${d.symbol} ${d.kind} ${d.tf ?? '-'}`;
}
