import { z } from 'zod';
import { type StructureBar, withFieldGetters } from '../detector';
import { defineFields, fieldIndex } from '../fields';
import { defineMeta } from '../meta';
import { intParam } from '../params';

/** rolling_window — running min/max over a partial-then-full window (structures.md §2.7). */

/** L_MAX of indicators.md §1.5. */
export const ROLLING_WINDOW_MAX_SIZE = 10_000;

export const rollingWindowParamsSchema = z.strictObject({
  size: intParam(1, ROLLING_WINDOW_MAX_SIZE),
  source: z.enum(['open', 'high', 'low', 'close', 'volume']),
  mode: z.enum(['min', 'max']),
});
export type RollingWindowParams = z.output<typeof rollingWindowParamsSchema>;

const NAMES = ['value'] as const;
export const ROLLING_WINDOW = fieldIndex(NAMES);
export const ROLLING_WINDOW_FIELDS = defineFields([
  ['value', 'FLOAT', 'min/max of the source over the last `size` bars (fewer at the start)'],
]);

const SOURCES = ['open', 'high', 'low', 'close', 'volume'] as const;

function readSource(bar: StructureBar, source: number): number {
  switch (source) {
    case 0:
      return bar.open;
    case 1:
      return bar.high;
    case 2:
      return bar.low;
    case 3:
      return bar.close;
    default:
      return bar.volume;
  }
}

interface RollingWindowState {
  readonly values: number[];
  readonly deque: number[];
  readonly head: number;
  readonly size: number;
}

export class RollingWindowDetector extends withFieldGetters(NAMES) {
  private readonly size: number;
  private readonly isMax: boolean;
  /** Source column as a small code (0 open … 4 volume), so the hot path never looks up a property by name. */
  private readonly source: number;
  /** Ring buffer of the last size + 1 source values, by idx modulo its length. */
  private readonly ring: Float64Array;
  /** Monotonic deque of indices (ring of the same length): values strictly improving from back to front. */
  private readonly deque: Int32Array;
  private head = 0;
  private count = 0;

  constructor(params: RollingWindowParams, key: string) {
    super({ type: 'rolling_window', key, params, fields: ROLLING_WINDOW_FIELDS });
    this.size = params.size;
    this.isMax = params.mode === 'max';
    this.source = SOURCES.indexOf(params.source);
    this.ring = new Float64Array(params.size + 1);
    this.deque = new Int32Array(params.size + 1);
    this.reset();
  }

  protected resetState(): void {
    this.ring.fill(0);
    this.deque.fill(0);
    this.head = 0;
    this.count = 0;
  }

  protected step(bar: StructureBar): void {
    const x = readSource(bar, this.source);
    const n = bar.idx;
    const cap = this.ring.length;
    this.ring[n % cap] = x;
    const q = this.deque;
    // Equal values: the newer replaces the older (it stays in the window longer).
    if (this.isMax) {
      while (this.count > 0 && this.ring[q[(this.head + this.count - 1) % cap]! % cap]! <= x) this.count--;
    } else {
      while (this.count > 0 && this.ring[q[(this.head + this.count - 1) % cap]! % cap]! >= x) this.count--;
    }
    q[(this.head + this.count) % cap] = n;
    this.count++;
    const oldest = n - this.size + 1;
    while (q[this.head]! < oldest) {
      this.head = (this.head + 1) % cap;
      this.count--;
    }
    this.values[0] = this.ring[q[this.head]! % cap]!;
  }

  protected saveState(): unknown {
    return { values: this.ring, deque: this.deque, head: this.head, size: this.count };
  }

  protected loadState(state: unknown): void {
    const s = state as RollingWindowState;
    this.ring.set(s.values);
    this.deque.set(s.deque);
    this.head = s.head;
    this.count = s.size;
  }
}

export const rollingWindowMeta = defineMeta<RollingWindowParams>({
  type: 'rolling_window',
  summary: 'Running min or max of one OHLCV column over the last `size` bars (defined from bar 0).',
  later: false,
  paramsSchema: rollingWindowParamsSchema,
  fields: () => ROLLING_WINDOW_FIELDS,
  dependencies: [],
  atr: () => ({ use: 'none', key: undefined }),
  warmupBars: (p) => p.size,
  warnings: () => [],
  create: (p, _deps, context) => new RollingWindowDetector(p, context.key),
});
