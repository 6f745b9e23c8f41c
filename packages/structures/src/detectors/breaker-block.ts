import { z } from 'zod';
import { type StructureBar, withFieldGetters } from '../detector';
import { DirectionCode } from '../fields';
import { defineMeta, swingWindow } from '../meta';
import { intParam } from '../params';
import { BLOCK, BLOCK_NAMES, BlockList, type BlockListState, blockFields } from './block-list';
import { MARKET_STRUCTURE, type MarketStructureDetector } from './market-structure';
import type { OrderBlockDetector } from './order-block';

/** breaker_block — an invalidated order block with flipped polarity (structures.md §2.13). */

export const breakerBlockParamsSchema = z.strictObject({
  max_active: intParam(1, 20).default(5),
});
export type BreakerBlockParams = z.output<typeof breakerBlockParamsSchema>;

export const BREAKER_BLOCK = BLOCK;
export const BREAKER_BLOCK_FIELDS = blockFields('breaker');

export class BreakerBlockDetector extends withFieldGetters(BLOCK_NAMES) {
  private readonly orderBlock: OrderBlockDetector;
  private readonly marketStructure: MarketStructureDetector | undefined;
  private readonly list: BlockList;

  constructor(
    params: BreakerBlockParams,
    orderBlock: OrderBlockDetector,
    marketStructure: MarketStructureDetector | undefined,
    key: string,
  ) {
    super({ type: 'breaker_block', key, params, fields: BREAKER_BLOCK_FIELDS });
    this.orderBlock = orderBlock;
    this.marketStructure = marketStructure;
    this.list = new BlockList(params.max_active);
    this.reset();
  }

  protected resetState(): void {
    this.list.clear();
  }

  protected step(bar: StructureBar): void {
    const v = this.values;
    BlockList.beginBar(v);
    let changed = this.list.lifecycle(bar, v);
    const blocks = this.orderBlock.list;
    const ms = this.marketStructure?.values;
    // Newest invalidated block first, each prepended (structures.md §2.13 step 2): on a bar that invalidates
    // several blocks, the oldest of them ends in front.
    for (let k = 0; k < blocks.invalidatedCount; k++) {
      const dir = blocks.invalidatedDir[k]!;
      if (ms !== undefined) {
        const required = dir === 1 ? DirectionCode.bearish : DirectionCode.bullish;
        if (ms[MARKET_STRUCTURE.choch_this_bar] !== 1 || ms[MARKET_STRUCTURE.choch_direction] !== required)
          continue;
      }
      this.list.prepend(-dir, blocks.invalidatedLower[k]!, blocks.invalidatedUpper[k]!, v);
      changed = true;
    }
    if (changed) v[BLOCK.version]! += 1;
    this.list.summarise(bar.close, v);
  }

  protected saveState(): BlockListState {
    return this.list.save();
  }

  protected loadState(state: unknown): void {
    this.list.load(state as BlockListState);
  }
}

export const breakerBlockMeta = defineMeta<BreakerBlockParams>({
  type: 'breaker_block',
  summary:
    'Order blocks closed through (with a CHoCH when market_structure is bound), flipped into the opposite polarity.',
  later: true,
  paramsSchema: breakerBlockParamsSchema,
  fields: () => BREAKER_BLOCK_FIELDS,
  dependencies: [
    { type: 'order_block', required: true },
    { type: 'market_structure', required: false },
  ],
  atr: () => ({ use: 'none', key: undefined }),
  warmupBars: (_p, context) => 10 * swingWindow(context.swing),
  warnings: () => [],
  create: (p, deps, context) =>
    new BreakerBlockDetector(
      p,
      deps.order_block as OrderBlockDetector,
      deps.market_structure as MarketStructureDetector | undefined,
      context.key,
    ),
});
