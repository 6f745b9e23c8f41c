import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CandleRow } from '@trade/core';
import type { StageRow } from '../src/store/upsert';

/** A fresh data dir per test; removed by the returned cleanup. */
export function tempDataDir(): { dataDir: string; cleanup: () => void } {
  const dataDir = mkdtempSync(join(tmpdir(), 'trade-data-'));
  return { dataDir, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** Plausible consecutive 1m bars starting at `startTs`. */
export function makeBars(startTs: number, count: number, stepMs = 60_000, base = 100): CandleRow[] {
  const bars: CandleRow[] = [];
  let price = base;
  for (let i = 0; i < count; i++) {
    const open = price;
    const close = price + (((i * 7919) % 13) - 6) / 10;
    bars.push({
      ts: startTs + i * stepMs,
      open,
      high: Math.max(open, close) + 0.5,
      low: Math.min(open, close) - 0.5,
      close,
      volume: 1 + (i % 5),
    });
    price = close;
  }
  return bars;
}

export function candleStageRows(
  symbol: string,
  tf: string,
  bars: readonly CandleRow[],
  source = 'bybit',
): StageRow[] {
  return bars.map((b) => ({ symbol, tf, ...b, turnover: b.close * b.volume, source }));
}
