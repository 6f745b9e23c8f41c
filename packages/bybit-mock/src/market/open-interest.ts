import { createPrng } from '@trade/core';

export const OI_GRID_MS = 5 * 60_000;

/** Starting open interest (contracts) per symbol (`bybit-mock.md` §2.4). */
export function initialOpenInterest(symbol: string): number {
  if (symbol === 'BTCUSDT') return 50_000;
  if (symbol === 'ETHUSDT') return 1_000_000;
  return 100_000;
}

/** FNV-1a 32-bit of a string, to give every symbol its own seeded stream. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** PRNG stream of the open-interest walk (streams 1–4 belong to the synthetic bar generator). */
const OI_STREAM = 11;

/** Open interest on a 5-minute grid: `values[k]` holds at `startTs + k·5min`. */
export interface OpenInterestGrid {
  readonly startTs: number;
  readonly values: Float64Array;
}

/**
 * Seeded walk `OI(k+1) = OI(k)·exp(N(0, 0.002))` over `[startTs, endTs)`, rounded to the qty step's
 * decimals (open interest is counted in contracts).
 */
export function openInterestWalk(
  symbol: string,
  seed: number,
  startTs: number,
  endTs: number,
  qtyDecimals: number,
): OpenInterestGrid {
  const first = Math.ceil(startTs / OI_GRID_MS) * OI_GRID_MS;
  const n = Math.max(0, Math.ceil((endTs - first) / OI_GRID_MS));
  const values = new Float64Array(n);
  const prng = createPrng((seed + fnv1a32(symbol)) >>> 0, OI_STREAM);
  const f = 10 ** qtyDecimals;
  let oi = initialOpenInterest(symbol);
  for (let k = 0; k < n; k++) {
    values[k] = Math.round(oi * f) / f;
    oi *= Math.exp(prng.normal() * 0.002);
  }
  return { startTs: first, values };
}
