import { type Candles, DigestWriter, hashCanonical, shortHash } from '@trade/core';
import type { SyntheticCandles } from './minute-bars';
import type { ResolvedSyntheticOptions, SyntheticTimeframe } from './options';
import type { PatternConfig } from './pattern-config';

/** Descriptor kind; moves to `synthetic/v2` whenever output changes on purpose (§8). */
export const SYNTHETIC_KIND = 'synthetic/v1';

/** The canonical descriptor of `synthetic-data.md` §8 (serialised with RFC 8785 canonical JSON). */
export interface SyntheticDescriptor {
  readonly kind: typeof SYNTHETIC_KIND;
  readonly config: Partial<PatternConfig>;
  readonly options: {
    readonly basePrice: number;
    readonly dailyVol: number;
    readonly correlateVolume: boolean;
    readonly wickFactor: number;
    readonly openGapSigma: number;
    readonly bridgeFactor: number;
    readonly volumeBase: number;
    readonly priceTick: number;
    readonly bars: number;
    readonly leadInBars: number;
  };
  readonly pattern: string;
  readonly pattern_tf: SyntheticTimeframe;
  readonly seed: number;
  /** `{tf: hex SHA-256}` of each series; omitted in the cache key form. */
  readonly series?: Readonly<Partial<Record<SyntheticTimeframe, string>>>;
  readonly start_ms: number;
  readonly symbol: string;
  readonly tfs: readonly SyntheticTimeframe[];
}

const COMMA = 44;
const NEWLINE = 10;

/**
 * SHA-256 over the lines `ts,open,high,low,close,volume\n` (each number as `String(x)`, no header). Formatting
 * 3 million doubles dominates, so the numbers are written straight into the hash buffer (`DigestWriter`),
 * byte for byte the text a template literal would build.
 */
export function seriesDigest(c: Candles): string {
  const w = new DigestWriter();
  const { ts, open, high, low, close, volume } = c;
  for (let i = 0; i < c.length; i++) {
    w.jsNumber(ts[i]!);
    w.byte(COMMA);
    w.jsNumber(open[i]!);
    w.byte(COMMA);
    w.jsNumber(high[i]!);
    w.byte(COMMA);
    w.jsNumber(low[i]!);
    w.byte(COMMA);
    w.jsNumber(close[i]!);
    w.byte(COMMA);
    w.jsNumber(volume[i]!);
    w.byte(NEWLINE);
  }
  return w.digestHex();
}

/**
 * The descriptor without `series`: everything the data depends on. Equal keys mean equal data, so it is the key
 * of the engine's dataset cache (§7.2) and needs no generation.
 */
export function syntheticCacheKey(o: ResolvedSyntheticOptions): SyntheticDescriptor {
  return {
    kind: SYNTHETIC_KIND,
    config: o.config,
    options: {
      basePrice: o.basePrice,
      dailyVol: o.dailyVol,
      correlateVolume: o.correlateVolume,
      wickFactor: o.wickFactor,
      openGapSigma: o.openGapSigma,
      bridgeFactor: o.bridgeFactor,
      volumeBase: o.volumeBase,
      priceTick: o.priceTick,
      bars: o.bars,
      leadInBars: o.leadInBars,
    },
    pattern: o.pattern,
    pattern_tf: o.patternTf,
    seed: o.seed,
    start_ms: o.startMs,
    symbol: o.symbol,
    tfs: o.tfs,
  };
}

/** Descriptor (with series digests in ascending TF order), `dataDigest` and `dataHash` (§8). */
export function hashSyntheticData(
  o: ResolvedSyntheticOptions,
  tfs: ReadonlyMap<SyntheticTimeframe, SyntheticCandles>,
): { descriptor: SyntheticDescriptor; dataDigest: string; dataHash: string } {
  const series: Partial<Record<SyntheticTimeframe, string>> = {};
  for (const tf of o.tfs) series[tf] = seriesDigest(tfs.get(tf)!);
  const descriptor: SyntheticDescriptor = { ...syntheticCacheKey(o), series };
  const dataDigest = hashCanonical(descriptor);
  return { descriptor, dataDigest, dataHash: shortHash(dataDigest) };
}
