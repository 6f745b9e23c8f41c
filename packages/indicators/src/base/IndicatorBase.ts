import type { IndicatorIdentity } from './define';
import { SourceId } from './source';

/**
 * Slots of the bar buffer handed to `step`. Inputs travel in a Float64Array rather than as arguments: the
 * instance calls 44 different kernels from one call site, which V8 cannot inline, and doubles passed as
 * arguments to a non-inlined call are boxed (one heap allocation each, per bar).
 */
export const BarField = { TS: 0, OPEN: 1, HIGH: 2, LOW: 3, CLOSE: 4, VOLUME: 5 } as const;

/**
 * Base of the 44 indicator kernels: the recursion of one indicator and nothing else. Kernels keep all their
 * state in own fields (numbers, typed arrays, Ring/RollingSum/... objects), so snapshots are taken by reflection
 * and a new field needs no extra code. Counters, validation, snapshots and reset live in IndicatorInstance.
 *
 * Hot-path rule: `step` reads only the kernel's own fields (and helper objects of fixed classes). Methods shared
 * by all kernels would see 44 hidden classes and turn every property access megamorphic.
 */
export abstract class IndicatorBase {
  /** The output row of the current bar, in declared output order; NaN before each output's FVI. */
  readonly values: Float64Array;
  /** `source` param as an integer id (§1.1); 0 = close. */
  protected readonly sourceId: number;

  constructor(identity: IndicatorIdentity) {
    this.values = new Float64Array(identity.outputKeys.length).fill(Number.NaN);
    const source = identity.params.source;
    this.sourceId = typeof source === 'string' ? (SourceId[source as keyof typeof SourceId] ?? 0) : 0;
  }

  /**
   * One bar of the recursion; inputs already validated, read from `bar` by BarField slot. `t` = index of this
   * bar since the instance started (0 for the first bar); `anchor` = the engine's reset flag (anchored kinds).
   */
  abstract step(bar: Float64Array, t: number, anchor: boolean): void;
}
