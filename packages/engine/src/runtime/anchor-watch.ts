import { DirectionCode, type StructureDetector, SWING } from '@trade/structures';

/** `anchor_source` → the swing counter it watches and the pair direction it requires (`indicators.md` §3 #44). */
const WATCHED: Readonly<Record<string, readonly [counter: number, direction: number | null]>> = {
  swing_any: [SWING.version, null],
  swing_high: [SWING.high_version, null],
  swing_low: [SWING.low_version, null],
  pair_any: [SWING.pair_version, null],
  pair_high: [SWING.pair_version, DirectionCode.bullish],
  pair_low: [SWING.pair_version, DirectionCode.bearish],
};

/**
 * Decides the anchor flag of a swing-anchored indicator (anchored_vwap) on each closed bar of its TF. Read after
 * the TF's structures updated: the anchor is the swing's confirmation bar, so no past value is rewritten.
 */
export class AnchorWatch {
  /** The watched counter at the previous bar; NaN until the first bar, which only records it. */
  private last = Number.NaN;

  private constructor(
    private readonly swing: StructureDetector,
    private readonly counter: number,
    private readonly direction: number | null,
  ) {}

  /** The watch for `anchorSource` on `swing`, or null for `manual` (cumulative from the first bar). */
  static of(anchorSource: string, swing: StructureDetector | undefined): AnchorWatch | null {
    if (anchorSource === 'manual') return null;
    const watched = WATCHED[anchorSource];
    // The play loader rejects both cases with a located diagnostic; reaching here is an engine bug.
    if (watched === undefined) throw new Error(`engine: unknown anchor_source '${anchorSource}'`);
    if (swing === undefined)
      throw new Error(`engine: anchor_source '${anchorSource}' has no swing structure`);
    return new AnchorWatch(swing, watched[0], watched[1]);
  }

  /** True when the watched counter grew on this bar and the end-of-bar pair direction matches the filter. */
  fired(): boolean {
    const values = this.swing.values;
    const now = values[this.counter] as number;
    const grew = now > this.last;
    this.last = now;
    return grew && (this.direction === null || values[SWING.pair_direction] === this.direction);
  }
}
