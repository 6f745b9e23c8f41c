import type { Candles } from '@trade/core';
import { generateAuditRegime } from '@trade/data';

const frames = new Map<number, { readonly candles: Candles; readonly dataHash: string }>();

function regime(seed: number): { readonly candles: Candles; readonly dataHash: string } {
  const cached = frames.get(seed);
  if (cached !== undefined) return cached;
  const ds = generateAuditRegime(seed);
  const candles = ds.tfs.get('15m');
  if (candles === undefined) throw new Error('audit regime frame has no 15m series');
  const entry = { candles, dataHash: ds.dataHash };
  frames.set(seed, entry);
  return entry;
}

/** The 15m audit regime frame of `synthetic-data.md` §9 (2000 bars) for a seed; generated once per seed. */
export function regimeFrame(seed: number): Candles {
  return regime(seed).candles;
}

/** The `data_hash` of that frame's dataset (golden vectors record it to detect a stale frame). */
export function regimeFrameHash(seed: number): string {
  return regime(seed).dataHash;
}

/** Index of the first finite value, or -1. */
export function firstFinite(values: Float64Array): number {
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i] as number)) return i;
  return -1;
}

/** Bitwise equality of two columns (NaN equals NaN, -0 differs from 0): index of the first difference or -1. */
export function firstBitwiseDiff(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}
