import { createPrng, MINUTE_MS } from '@trade/core';
import { aggregateTimeframes } from './aggregate';
import { bridgeTo1m } from './bridge';
import type { SyntheticPatternId } from './catalogue';
import { hashSyntheticData, type SyntheticDescriptor } from './data-hash';
import { buildMinuteBars, type SyntheticCandles } from './minute-bars';
import {
  type ResolvedSyntheticOptions,
  resolveSyntheticOptions,
  type SyntheticOptions,
  type SyntheticTimeframe,
  syntheticTfMinutes,
} from './options';
import { drawPatternCloses, SYNTHETIC_STREAMS } from './pattern-closes';
import { roundToTick } from './price-tick';

/** One synthetic market: a single 1m path and its exact aggregates (`synthetic-data.md` §1). */
export interface SyntheticDataset {
  /** Label only. */
  readonly symbol: string;
  readonly pattern: SyntheticPatternId;
  /** TF the pattern was drawn on. */
  readonly patternTf: SyntheticTimeframe;
  /** One entry per requested TF in ascending order; `1m` always present. */
  readonly tfs: ReadonlyMap<SyntheticTimeframe, SyntheticCandles>;
  /** The 1m path (`tfs.get('1m')`). */
  readonly candles1m: SyntheticCandles;
  /** Pattern-TF closes `C`: the lead-in's `leadInBars` closes, then the pattern's `bars` closes. */
  readonly patternCloses: Float64Array;
  /** First 1m bar (`startMs − leadInBars · patternTf`), epoch ms. */
  readonly dataStartMs: number;
  /** First bar of the pattern phase (floored to the pattern-TF grid). */
  readonly startMs: number;
  /** End of the data, exclusive (`startMs + bars · patternTf`). */
  readonly endMs: number;
  /** Options after defaults and validation (the resolved PatternConfig included). */
  readonly options: ResolvedSyntheticOptions;
  /** First 12 hex characters of `dataDigest` (this and the next two are computed on first read). */
  readonly dataHash: string;
  /** Full SHA-256 (hex) of the canonical descriptor. */
  readonly dataDigest: string;
  readonly descriptor: SyntheticDescriptor;
}

/**
 * Generates a seeded synthetic market (`synthetic-data.md`): pattern closes on the pattern TF, a Brownian bridge
 * to 1m, 1m OHLCV bars, optional tick rounding, then every requested TF aggregated from the 1m path.
 * Deterministic: the same options give the same columns and `dataHash` on every platform.
 *
 * Throws `SyntheticError` (`E_SYNTH_BAD_OPTION`, `E_SYNTH_UNKNOWN_TF`, `E_PATTERN_UNKNOWN`, `E_SYNTHETIC_CONFIG`).
 */
export function generateSynthetic(options: SyntheticOptions = {}): SyntheticDataset {
  return generateFromResolved(resolveSyntheticOptions(options));
}

/**
 * Only the pattern-TF closes `C` of a dataset (lead-in first), without the 1m path: cheap, for inspecting a
 * pattern's shape. Equal to `generateSynthetic(options).patternCloses`.
 */
export function generatePatternCloses(options: SyntheticOptions = {}): Float64Array {
  return drawPatternCloses(resolveSyntheticOptions(options));
}

/** `generateSynthetic` for options that were already resolved (e.g. by a caller that keys a cache on them). */
export function generateFromResolved(o: ResolvedSyntheticOptions): SyntheticDataset {
  const k = syntheticTfMinutes(o.patternTf);
  const dataStartMs = o.startMs - o.leadInBars * k * MINUTE_MS;
  const patternCloses = drawPatternCloses(o);
  const sigma1 = (o.bridgeFactor * o.dailyVol * o.basePrice) / Math.sqrt(1440);
  const closes1m = bridgeTo1m(
    patternCloses,
    k,
    o.basePrice,
    sigma1,
    createPrng(o.seed, SYNTHETIC_STREAMS.bridge),
  );
  const candles1m = buildMinuteBars(
    closes1m,
    {
      basePrice: o.basePrice,
      dailyVol: o.dailyVol,
      wickFactor: o.wickFactor,
      openGapSigma: o.openGapSigma,
      volumeBase: o.volumeBase,
      correlateVolume: o.correlateVolume,
      startTs: dataStartMs,
    },
    createPrng(o.seed, SYNTHETIC_STREAMS.ohlc),
    createPrng(o.seed, SYNTHETIC_STREAMS.volume),
  );
  if (o.priceTick > 0) roundToTick(candles1m, o.priceTick);
  const tfs = aggregateTimeframes(candles1m, o.tfs);
  // The data hash formats every value of every series: computed on first read only, since an engine run
  // (which hashes the bars it consumes itself) never reads it.
  let hashed: ReturnType<typeof hashSyntheticData> | undefined;
  const hashes = (): ReturnType<typeof hashSyntheticData> => {
    hashed ??= hashSyntheticData(o, tfs);
    return hashed;
  };
  return {
    symbol: o.symbol,
    pattern: o.pattern,
    patternTf: o.patternTf,
    tfs,
    candles1m,
    patternCloses,
    dataStartMs,
    startMs: o.startMs,
    endMs: o.startMs + o.bars * k * MINUTE_MS,
    options: o,
    get dataHash() {
      return hashes().dataHash;
    },
    get dataDigest() {
      return hashes().dataDigest;
    },
    get descriptor() {
      return hashes().descriptor;
    },
  };
}
