import { readFileSync, statSync } from 'node:fs';
import {
  assertValidCandles,
  type Candles,
  parseCandlesCsv,
  parseRiskTiersCsv,
  type RiskTier,
  type Timeframe,
  tfDurationMs,
} from '@trade/core';
import { MockBybitError } from '../errors';
import { roundTo } from './format';

/** Candles plus Bybit's `turnover` column (quote volume), index-aligned. */
export interface KlineSeries {
  readonly candles: Candles;
  readonly turnover: Float64Array;
}

/** Funding settlements of one symbol, ascending; rates keep their file text so they are served verbatim. */
export interface FundingSeries {
  readonly ts: Float64Array;
  readonly rate: readonly string[];
}

/**
 * Parsed files are shared by every mock in the process (tests start many), keyed by path, size and mtime,
 * so an edited file is re-read.
 */
const fileCache = new Map<string, unknown>();

function cached<T>(path: string, kind: string, load: (text: string) => T): T {
  let key: string;
  try {
    const s = statSync(path);
    key = `${kind}\u0000${path}\u0000${s.size}\u0000${s.mtimeMs}`;
  } catch (e) {
    throw new MockBybitError('E_MOCK_DATA_READ', `cannot read ${path}`, {
      kind: 'data',
      file: path,
      cause: e,
      hint: 'check the data directory and file permissions',
    });
  }
  const hit = fileCache.get(key);
  if (hit !== undefined) return hit as T;
  const value = load(readFileSync(path, 'utf8'));
  fileCache.set(key, value);
  return value;
}

/** Turnover is absent from the test kit's files; Bybit's own definition per bar is close × volume. */
function turnoverColumn(text: string, candles: Candles, file: string): Float64Array {
  const out = new Float64Array(candles.length);
  const header = (text.slice(0, text.indexOf('\n')) || text).replace(/\r$/, '').split(',');
  const col = header.map((h) => h.trim()).indexOf('turnover');
  if (col < 0) {
    for (let i = 0; i < candles.length; i++) out[i] = roundTo(candles.close[i]! * candles.volume[i]!, 4);
    return out;
  }
  let row = 0;
  const lines = text.split('\n');
  for (let l = 1; l < lines.length; l++) {
    const line = lines[l]!.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const v = Number(line.split(',')[col]);
    if (!Number.isFinite(v)) {
      throw new MockBybitError('E_MOCK_DATA_VALUE', `line ${l + 1}: 'turnover' is not a number`, {
        kind: 'data',
        file,
        line: l + 1,
        hint: 'turnover must be a decimal number (or drop the column: it defaults to close × volume)',
      });
    }
    out[row++] = v;
  }
  return out;
}

export function loadKlineFile(path: string, tf: Timeframe): KlineSeries {
  return cached(path, `kline:${tf}`, (text) => {
    const candles = parseCandlesCsv(text, { file: path });
    // W and M bars have no fixed step; alignment is then only checked through the bucket logic.
    const stepMs = tf === 'W' || tf === 'M' ? undefined : tfDurationMs(tf);
    assertValidCandles(candles, { file: path, ...(stepMs === undefined ? {} : { stepMs }) });
    return { candles, turnover: turnoverColumn(text, candles, path) };
  });
}

export function loadFundingFile(path: string): FundingSeries {
  return cached(path, 'funding', (text) => {
    const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
    const header = (lines[0] ?? '').split(',').map((h) => h.trim());
    const tsCol = header.indexOf('ts');
    const rateCol = header.findIndex((h) => h === 'rate' || h === 'fundingRate');
    if (tsCol < 0 || rateCol < 0) {
      throw new MockBybitError('E_MOCK_DATA_COLUMNS', 'funding CSV needs columns ts and rate', {
        kind: 'data',
        file: path,
        line: 1,
        hint: 'expected header ts,symbol,rate,interval_hours (ts = settlement time, epoch ms UTC)',
      });
    }
    const ts: number[] = [];
    const rate: string[] = [];
    for (let l = 1; l < lines.length; l++) {
      const line = lines[l]!;
      if (line.trim() === '') continue;
      const cells = line.split(',');
      const t = Number(cells[tsCol]);
      const r = (cells[rateCol] ?? '').trim();
      if (!Number.isInteger(t) || r === '' || !Number.isFinite(Number(r))) {
        throw new MockBybitError('E_MOCK_DATA_VALUE', `line ${l + 1}: ts or rate is not a number`, {
          kind: 'data',
          file: path,
          line: l + 1,
          hint: 'ts must be epoch ms and rate a decimal fraction',
        });
      }
      if (ts.length > 0 && t <= ts[ts.length - 1]!) {
        throw new MockBybitError('E_MOCK_DATA_ORDER', `line ${l + 1}: settlement times must increase`, {
          kind: 'data',
          file: path,
          line: l + 1,
          hint: 'sort the file by ts and remove duplicates',
        });
      }
      ts.push(t);
      rate.push(r);
    }
    return { ts: Float64Array.from(ts), rate };
  });
}

/** Merges funding files (e.g. 2021–2023 and 2025–2026) into one ascending series; duplicates keep the first. */
export function mergeFunding(parts: readonly FundingSeries[]): FundingSeries {
  if (parts.length === 1) return parts[0]!;
  const rows: { t: number; r: string }[] = [];
  for (const p of parts) for (let i = 0; i < p.ts.length; i++) rows.push({ t: p.ts[i]!, r: p.rate[i]! });
  rows.sort((a, b) => a.t - b.t);
  const ts: number[] = [];
  const rate: string[] = [];
  for (const row of rows) {
    if (ts.length > 0 && ts[ts.length - 1] === row.t) continue;
    ts.push(row.t);
    rate.push(row.r);
  }
  return { ts: Float64Array.from(ts), rate };
}

export function loadTiersFile(path: string): readonly RiskTier[] {
  return cached(path, 'tiers', (text) => parseRiskTiersCsv(text, { file: path }));
}
