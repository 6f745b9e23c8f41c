import { z } from 'zod';
import { type StructureBar, withFieldGetters } from '../detector';
import { defineMeta, swingWindow } from '../meta';
import { atrKeyParam, intParam, nonNegativeParam, positiveParam } from '../params';
import { BLOCK, BLOCK_NAMES, BlockList, type BlockListState, blockFields } from './block-list';
import { DISPLACEMENT, type DisplacementDetector, displacementDirection } from './displacement';
import { SWING, type SwingDetector } from './swing';

/** order_block — the last opposite candle before a structure-breaking impulse (structures.md §2.10). */

export const orderBlockParamsSchema = z.strictObject({
  atr_key: atrKeyParam(),
  use_body: z.boolean().default(true),
  require_displacement: z.boolean().default(true),
  body_atr_min: positiveParam().default(1.5),
  wick_ratio_max: nonNegativeParam().default(0.4),
  max_active: intParam(1, 20).default(5),
  lookback: intParam(1, 20).default(3),
});
export type OrderBlockParams = z.output<typeof orderBlockParamsSchema>;

export const ORDER_BLOCK = BLOCK;
export const ORDER_BLOCK_FIELDS = blockFields('order block');

interface OrderBlockState {
  readonly list: BlockListState;
  readonly consumedHighIdx: number;
  readonly consumedLowIdx: number;
  /** Last `lookback` candles newest first: [open, high, low, close] each. */
  readonly candles: number[];
  readonly seen: number;
}

export class OrderBlockDetector extends withFieldGetters(BLOCK_NAMES) {
  private readonly p: OrderBlockParams;
  private readonly swing: SwingDetector;
  private readonly displacement: DisplacementDetector | undefined;
  private readonly atrAvailable: boolean;
  /** Alive blocks; `list.invalidated*` holds the blocks invalidated on the current bar (for breaker_block). */
  readonly list: BlockList;
  private consumedHighIdx = -1;
  private consumedLowIdx = -1;
  // The last `lookback` candles, newest at position 0 (bar N−1 while stepping bar N).
  private readonly opens: Float64Array;
  private readonly highs: Float64Array;
  private readonly lows: Float64Array;
  private readonly closes: Float64Array;
  private seen = 0;

  constructor(
    params: OrderBlockParams,
    swing: SwingDetector,
    displacement: DisplacementDetector | undefined,
    key: string,
    atrAvailable: boolean,
  ) {
    super({ type: 'order_block', key, params, fields: ORDER_BLOCK_FIELDS });
    this.p = params;
    this.swing = swing;
    this.displacement = displacement;
    this.atrAvailable = atrAvailable;
    this.list = new BlockList(params.max_active);
    this.opens = new Float64Array(params.lookback);
    this.highs = new Float64Array(params.lookback);
    this.lows = new Float64Array(params.lookback);
    this.closes = new Float64Array(params.lookback);
    this.reset();
  }

  protected resetState(): void {
    this.list.clear();
    this.consumedHighIdx = -1;
    this.consumedLowIdx = -1;
    this.seen = 0;
  }

  /** +1 / −1 when this bar is a bullish / bearish displacement (bound detector, else computed), 0 otherwise. */
  private displacementOf(bar: StructureBar): number {
    if (this.displacement !== undefined) return this.displacement.values[DISPLACEMENT.direction]!;
    const atr = this.atrAvailable ? bar.ind(this.p.atr_key) : Number.NaN;
    return displacementDirection(
      bar.open,
      bar.high,
      bar.low,
      bar.close,
      atr,
      this.p.body_atr_min,
      this.p.wick_ratio_max,
    );
  }

  protected step(bar: StructureBar): void {
    const v = this.values;
    BlockList.beginBar(v);
    let changed = this.list.lifecycle(bar, v);
    const s = this.swing.values;
    const highIdx = s[SWING.high_idx]!;
    const lowIdx = s[SWING.low_idx]!;
    const bullishTrigger =
      highIdx >= 0 && highIdx !== this.consumedHighIdx && bar.close > s[SWING.high_level]!;
    const bearishTrigger = lowIdx >= 0 && lowIdx !== this.consumedLowIdx && bar.close < s[SWING.low_level]!;
    if (bullishTrigger || bearishTrigger) {
      const impulse = this.p.require_displacement ? this.displacementOf(bar) : 0;
      let created = false;
      if (bullishTrigger && (!this.p.require_displacement || impulse === 1)) {
        created = this.createFrom(-1, 1, v);
        if (created) this.consumedHighIdx = highIdx;
      }
      if (!created && bearishTrigger && (!this.p.require_displacement || impulse === -1)) {
        created = this.createFrom(1, -1, v);
        if (created) this.consumedLowIdx = lowIdx;
      }
      changed ||= created;
    }
    this.remember(bar);
    this.seen = Math.min(this.seen + 1, this.p.lookback);
    if (changed) v[BLOCK.version]! += 1;
    this.list.summarise(bar.close, v);
  }

  /** Shifts the candle history one bar older and stores this bar at position 0. */
  private remember(bar: StructureBar): void {
    const last = this.p.lookback - 1;
    this.opens.copyWithin(1, 0, last);
    this.highs.copyWithin(1, 0, last);
    this.lows.copyWithin(1, 0, last);
    this.closes.copyWithin(1, 0, last);
    this.opens[0] = bar.open;
    this.highs[0] = bar.high;
    this.lows[0] = bar.low;
    this.closes[0] = bar.close;
  }

  /**
   * Searches bars N−1 … N−lookback for the most recent candle of colour `candleSign` (−1 bearish, +1 bullish)
   * and creates a block of direction `dir` from it.
   */
  private createFrom(candleSign: number, dir: number, v: Float64Array): boolean {
    for (let slot = 0; slot < this.seen; slot++) {
      const o = this.opens[slot]!;
      const c = this.closes[slot]!;
      if (candleSign === -1 ? c < o : c > o) {
        const lower = this.p.use_body ? Math.min(o, c) : this.lows[slot]!;
        const upper = this.p.use_body ? Math.max(o, c) : this.highs[slot]!;
        this.list.prepend(dir, lower, upper, v);
        return true;
      }
    }
    return false;
  }

  protected saveState(): OrderBlockState {
    const candles: number[] = [];
    for (let k = 0; k < this.seen; k++)
      candles.push(this.opens[k]!, this.highs[k]!, this.lows[k]!, this.closes[k]!);
    return {
      list: this.list.save(),
      consumedHighIdx: this.consumedHighIdx,
      consumedLowIdx: this.consumedLowIdx,
      candles,
      seen: this.seen,
    };
  }

  protected loadState(state: unknown): void {
    const s = state as OrderBlockState;
    this.list.load(s.list);
    this.consumedHighIdx = s.consumedHighIdx;
    this.consumedLowIdx = s.consumedLowIdx;
    this.seen = s.seen;
    for (let k = 0; k < s.seen; k++) {
      this.opens[k] = s.candles[4 * k]!;
      this.highs[k] = s.candles[4 * k + 1]!;
      this.lows[k] = s.candles[4 * k + 2]!;
      this.closes[k] = s.candles[4 * k + 3]!;
    }
  }
}

export const orderBlockMeta = defineMeta<OrderBlockParams>({
  type: 'order_block',
  summary:
    'Last opposite candle before a close beyond the swing level on a displacement; alive until closed through.',
  later: true,
  paramsSchema: orderBlockParamsSchema,
  fields: () => ORDER_BLOCK_FIELDS,
  dependencies: [
    { type: 'swing', required: true },
    { type: 'displacement', required: false },
  ],
  atr: (p, boundTypes = []) => ({
    use: p.require_displacement && !boundTypes.includes('displacement') ? 'required' : 'none',
    key: p.atr_key,
  }),
  warmupBars: (_p, context) => 5 * swingWindow(context.swing),
  warnings: () => [],
  create: (p, deps, context) =>
    new OrderBlockDetector(
      p,
      deps.swing as SwingDetector,
      deps.displacement as DisplacementDetector | undefined,
      context.key,
      context.atrAvailable,
    ),
});
