import type { Candles } from '@trade/core';
import { generateAuditRegime } from '@trade/data';

const frames = new Map<number, Candles>();

/** The 15m audit regime frame of `synthetic-data.md` §9 (2000 bars) for a seed; generated once per seed. */
export function regimeFrame(seed: number): Candles {
  const cached = frames.get(seed);
  if (cached !== undefined) return cached;
  const frame = generateAuditRegime(seed).tfs.get('15m');
  if (frame === undefined) throw new Error('audit regime frame has no 15m series');
  frames.set(seed, frame);
  return frame;
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
