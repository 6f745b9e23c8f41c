import type { Candles, Xoshiro128ss } from '@trade/core';
import { MINUTE_MS } from '@trade/core';

/** Synthetic bars: core `Candles` plus the quote turnover (`volume · close`), so they work wherever Candles do. */
export interface SyntheticCandles extends Candles {
  readonly turnover: Float64Array;
}

export interface MinuteBarParams {
  readonly basePrice: number;
  readonly dailyVol: number;
  readonly wickFactor: number;
  readonly openGapSigma: number;
  readonly volumeBase: number;
  readonly correlateVolume: boolean;
  /** `ts` of bar 0 (`dataStart`). */
  readonly startTs: number;
}

/**
 * Builds the 1m OHLCV bars around the 1m closes (`synthetic-data.md` §6.4). Per bar the OHLC stream draws
 * exactly three normals (open gap, high wick, low wick) and the volume stream one, whatever the options, so
 * wick and volume options never shift another draw.
 */
export function buildMinuteBars(
  closes: Float64Array,
  p: MinuteBarParams,
  ohlcRng: Xoshiro128ss,
  volumeRng: Xoshiro128ss,
): SyntheticCandles {
  const T = closes.length;
  const ts = new Float64Array(T);
  const open = new Float64Array(T);
  const high = new Float64Array(T);
  const low = new Float64Array(T);
  const volume = new Float64Array(T);
  const turnover = new Float64Array(T);
  const B = p.basePrice;
  const wick = p.wickFactor * (p.dailyVol / Math.sqrt(1440));
  const lowFloor = 0.001 * B;
  const sigmaV = p.correlateVolume ? 0.8 : 1.0;
  const drift = (sigmaV * sigmaV) / 2;
  for (let g = 0; g < T; g++) {
    const c = closes[g]!;
    const prevClose = g === 0 ? B : closes[g - 1]!;
    const o = prevClose * (1 + p.openGapSigma * ohlcRng.normal());
    const zh = ohlcRng.normal();
    const zl = ohlcRng.normal();
    const top = Math.max(o, c);
    const bottom = Math.min(o, c);
    const l = bottom * (1 - wick * Math.abs(zl));
    const ref = g === 0 ? o : prevClose;
    const move = p.correlateVolume ? 1 + (50 * Math.abs(c - ref)) / ref : 1;
    const v = p.volumeBase * Math.exp(sigmaV * volumeRng.normal() - drift) * move;
    ts[g] = p.startTs + g * MINUTE_MS;
    open[g] = o;
    high[g] = top * (1 + wick * Math.abs(zh));
    low[g] = Math.max(l, lowFloor);
    volume[g] = v;
    turnover[g] = v * c;
  }
  return { ts, open, high, low, close: closes, volume, turnover, length: T };
}
