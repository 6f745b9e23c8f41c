import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TF_MINUTES, TIMEFRAMES, type Timeframe } from '@trade/core';
import { MockBybitError } from '../errors';

/** The CSV files the mock found for one symbol. */
export interface SymbolFiles {
  /** Last-traded-price candles by native timeframe. */
  readonly klines: Map<Timeframe, string>;
  /** Mark-price candles by native timeframe (`<SYM>_mark_<tf>.csv`). */
  readonly mark: Map<Timeframe, string>;
  /** Funding history files (`<SYM>_funding*.csv`), merged by settlement time. */
  readonly funding: string[];
  /** Risk tiers (`<SYM>_tiers.csv`). */
  tiers: string | undefined;
}

const SYMBOL = '([A-Z0-9]{2,30})';
const TF_TOKEN = '([0-9]+[mhdMW]?|D|W|M)';
const KLINE_RE = new RegExp(`^${SYMBOL}_${TF_TOKEN}\\.csv$`);
const MARK_RE = new RegExp(`^${SYMBOL}_mark_${TF_TOKEN}\\.csv$`);
const FUNDING_RE = new RegExp(`^${SYMBOL}_funding(?:_[^/]*)?\\.csv$`);
const TIERS_RE = new RegExp(`^${SYMBOL}_tiers\\.csv$`);
/** Deep enough for `<data>/klines/bybit/X.csv`, shallow enough to never wander far. */
const MAX_DEPTH = 4;

/** `1m`, `5m`, `60m` (the test kit's spelling of 1h), `1h`, `4h`, `D`… → a core timeframe. */
export function timeframeFromFileToken(token: string): Timeframe | undefined {
  if ((TIMEFRAMES as readonly string[]).includes(token)) return token as Timeframe;
  const minutes = /^([0-9]+)m$/.exec(token);
  if (minutes !== null) {
    const n = Number(minutes[1]);
    return TIMEFRAMES.find((tf) => tf !== 'M' && TF_MINUTES[tf] === n);
  }
  if (token === '1d') return 'D';
  return undefined;
}

/**
 * Finds candle, mark, funding and tier CSVs under `dataDir` by file name, so both the test kit's layout
 * (`klines/bybit/BTCUSDT_1m.csv`, `funding/bybit/…`, `risk-limits/…`) and a flat folder of files work.
 * Files whose names do not match (indicator references, JSON samples) are ignored.
 */
export function scanDataDir(dataDir: string): Map<string, SymbolFiles> {
  let isDir = false;
  try {
    isDir = statSync(dataDir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) {
    throw new MockBybitError('E_MOCK_DATA_DIR', `data directory not found: ${dataDir}`, {
      kind: 'data',
      hint: 'pass a folder holding <SYMBOL>_<tf>.csv files (e.g. the test kit data folder)',
    });
  }
  const out = new Map<string, SymbolFiles>();
  const entryFor = (symbol: string): SymbolFiles => {
    let e = out.get(symbol);
    if (e === undefined) {
      e = { klines: new Map(), mark: new Map(), funding: [], tiers: undefined };
      out.set(symbol, e);
    }
    return e;
  };
  const putUnique = (map: Map<Timeframe, string>, tf: Timeframe, path: string) => {
    const existing = map.get(tf);
    if (existing !== undefined) {
      throw new MockBybitError(
        'E_MOCK_DATA_DUPLICATE',
        `two files hold the same series: ${existing} and ${path}`,
        {
          kind: 'data',
          file: path,
          hint: 'keep one file per symbol and timeframe in the data directory',
        },
      );
    }
    map.set(tf, path);
  };
  const walk = (dir: string, depth: number) => {
    const names = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const d of names) {
      const path = join(dir, d.name);
      if (d.isDirectory()) {
        if (depth < MAX_DEPTH && !d.name.startsWith('.')) walk(path, depth + 1);
        continue;
      }
      if (!d.isFile() && !d.isSymbolicLink()) continue;
      let m = MARK_RE.exec(d.name);
      if (m !== null) {
        const tf = timeframeFromFileToken(m[2]!);
        if (tf !== undefined) putUnique(entryFor(m[1]!).mark, tf, path);
        continue;
      }
      m = FUNDING_RE.exec(d.name);
      if (m !== null) {
        entryFor(m[1]!).funding.push(path);
        continue;
      }
      m = TIERS_RE.exec(d.name);
      if (m !== null) {
        entryFor(m[1]!).tiers = path;
        continue;
      }
      m = KLINE_RE.exec(d.name);
      if (m !== null) {
        const tf = timeframeFromFileToken(m[2]!);
        if (tf !== undefined) putUnique(entryFor(m[1]!).klines, tf, path);
      }
    }
  };
  walk(dataDir, 0);
  return out;
}
