import { z } from 'zod';
import { type StructureBar, withFieldGetters } from '../detector';
import { defineFields, fieldIndex } from '../fields';
import { defineMeta } from '../meta';
import { MaxDeque } from '../monotonic-deque';
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
  /** Window extremes front to back: [idx, sign·value] pairs. */
  readonly deque: number[];
}

export class RollingWindowDetector extends withFieldGetters(NAMES) {
  private readonly size: number;
  /** +1 for max, −1 for min (the deque tracks the maximum of sign·x). */
  private readonly sign: number;
  /** Source column as a small code (0 open … 4 volume), so the hot path never looks up a property by name. */
  private readonly source: number;
  private readonly deque: MaxDeque;

  constructor(params: RollingWindowParams, key: string) {
    super({ type: 'rolling_window', key, params, fields: ROLLING_WINDOW_FIELDS });
    this.size = params.size;
    this.sign = params.mode === 'max' ? 1 : -1;
    this.source = SOURCES.indexOf(params.source);
    // Equal values: the newer replaces the older (it stays in the window longer).
    this.deque = new MaxDeque(params.size, false);
    this.reset();
  }

  protected resetState(): void {
    this.deque.clear();
  }

  protected step(bar: StructureBar): void {
    const n = bar.idx;
    this.deque.push(n, this.sign * readSource(bar, this.source), n - this.size + 1);
    this.values[0] = this.sign * this.deque.frontValue();
  }

  protected saveState(): RollingWindowState {
    return { deque: this.deque.save() };
  }

  protected loadState(state: unknown): void {
    this.deque.load((state as RollingWindowState).deque);
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
