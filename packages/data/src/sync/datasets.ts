import { BYBIT_INTERVAL, type Timeframe, tfDurationMs } from '@trade/core';
import { DataError } from '../errors';

/** What sync can fetch (`data.md` §6.6 "build history"). */
export const SYNC_DATASETS = ['candles', 'mark', 'funding', 'oi', 'instruments', 'risk_tiers'] as const;
export type SyncDataset = (typeof SYNC_DATASETS)[number];

/** Series datasets have a time axis and coverage; the other two are snapshots. */
export type SeriesDataset = 'candles' | 'mark' | 'funding' | 'oi';

/** Open-interest intervals (`data.md` §2): internal name → Bybit `intervalTime`, with their step. */
export const OI_INTERVALS: Readonly<Record<string, { bybit: string; ms: number }>> = {
  '5m': { bybit: '5min', ms: 300_000 },
  '15m': { bybit: '15min', ms: 900_000 },
  '30m': { bybit: '30min', ms: 1_800_000 },
  '1h': { bybit: '1h', ms: 3_600_000 },
  '4h': { bybit: '4h', ms: 14_400_000 },
  D: { bybit: '1d', ms: 86_400_000 },
};

/** Accepts `1h`, `D`, `1d` or Bybit's `5min` spellings; returns the stored key (Bybit's `intervalTime`). */
export function parseOiInterval(text: string): { key: string; ms: number } {
  for (const [name, v] of Object.entries(OI_INTERVALS)) {
    if (text === name || text === v.bybit || (name === 'D' && text === '1D'))
      return { key: v.bybit, ms: v.ms };
  }
  throw new DataError('E_DATA_ARGUMENT', `'${text}' is not an open-interest interval`, {
    hint: `use one of ${Object.keys(OI_INTERVALS).join(', ')} (or ${Object.values(OI_INTERVALS)
      .map((v) => v.bybit)
      .join(', ')})`,
  });
}

export function oiStepMs(key: string): number {
  const hit = Object.values(OI_INTERVALS).find((v) => v.bybit === key);
  if (hit === undefined) return parseOiInterval(key).ms;
  return hit.ms;
}

/** TFs sync may store (W and M are not stored, `data.md` §2). */
export function assertStoredTimeframe(tf: Timeframe): void {
  if (tf === 'W' || tf === 'M') {
    throw new DataError('E_DATA_ARGUMENT', `timeframe ${tf} is not stored`, {
      hint: 'store 1m (or up to D) and aggregate weeks and months from it',
    });
  }
}

export function bybitInterval(tf: Timeframe): string {
  return BYBIT_INTERVAL[tf];
}

export function tfStepMs(tf: Timeframe): number {
  return tfDurationMs(tf);
}
