import { z } from 'zod';
import { type StructureBar, withFieldGetters } from '../detector';
import { DIRECTION_DOMAIN, DirectionCode, defineFields, fieldIndex } from '../fields';
import { defineMeta, swingWindow } from '../meta';
import { SWING, type SwingDetector } from './swing';

/** market_structure — break of structure (BOS) and change of character (CHoCH) (structures.md §2.3). */

export const marketStructureParamsSchema = z.strictObject({
  confirmation_close: z.boolean().default(false),
});
export type MarketStructureParams = z.output<typeof marketStructureParamsSchema>;

const NAMES = [
  'bias',
  'bos_this_bar',
  'choch_this_bar',
  'bos_direction',
  'choch_direction',
  'last_bos_idx',
  'last_choch_idx',
  'last_bos_level',
  'last_choch_level',
  'break_level_high',
  'break_level_low',
  'version',
] as const;
export const MARKET_STRUCTURE = fieldIndex(NAMES);
export const MARKET_STRUCTURE_FIELDS = defineFields([
  ['bias', 'INT', 0, 'current structure bias: −1, 0, +1'],
  ['bos_this_bar', 'BOOL', 'a break of structure happened on this bar'],
  ['choch_this_bar', 'BOOL', 'a change of character happened on this bar'],
  ['bos_direction', 'ENUM', DIRECTION_DOMAIN, 'direction of the last BOS'],
  ['choch_direction', 'ENUM', DIRECTION_DOMAIN, 'direction of the last CHoCH'],
  ['last_bos_idx', 'INT', -1, 'bar index where the last BOS happened'],
  ['last_choch_idx', 'INT', -1, 'bar index where the last CHoCH happened'],
  ['last_bos_level', 'FLOAT', 'level broken by the last BOS'],
  ['last_choch_level', 'FLOAT', 'level broken by the last CHoCH'],
  ['break_level_high', 'FLOAT', 'swing high a bullish break would test now (NaN once broken)'],
  ['break_level_low', 'FLOAT', 'swing low a bearish break would test now (NaN once broken)'],
  ['version', 'INT', 0, '+1 per BOS or CHoCH'],
]);

interface MarketStructureState {
  readonly lastHighIdx: number;
  readonly lastLowIdx: number;
}

export class MarketStructureDetector extends withFieldGetters(NAMES) {
  private readonly swing: SwingDetector;
  private readonly useClose: boolean;
  private lastHighIdx = -1;
  private lastLowIdx = -1;

  constructor(params: MarketStructureParams, swing: SwingDetector, key: string) {
    super({ type: 'market_structure', key, params, fields: MARKET_STRUCTURE_FIELDS });
    this.swing = swing;
    this.useClose = params.confirmation_close;
    this.reset();
  }

  protected resetState(): void {
    this.lastHighIdx = -1;
    this.lastLowIdx = -1;
  }

  protected step(bar: StructureBar): void {
    const v = this.values;
    const s = this.swing.values;
    v[MARKET_STRUCTURE.bos_this_bar] = 0;
    v[MARKET_STRUCTURE.choch_this_bar] = 0;
    const highIdx = s[SWING.high_idx]!;
    const lowIdx = s[SWING.low_idx]!;
    if (highIdx >= 0 && highIdx !== this.lastHighIdx)
      v[MARKET_STRUCTURE.break_level_high] = s[SWING.high_level]!;
    if (lowIdx >= 0 && lowIdx !== this.lastLowIdx) v[MARKET_STRUCTURE.break_level_low] = s[SWING.low_level]!;
    this.lastHighIdx = highIdx;
    this.lastLowIdx = lowIdx;
    const h = this.useClose ? bar.close : bar.high;
    const l = this.useClose ? bar.close : bar.low;
    const breakHigh = v[MARKET_STRUCTURE.break_level_high]!;
    const breakLow = v[MARKET_STRUCTURE.break_level_low]!;
    const bias = v[MARKET_STRUCTURE.bias]!;
    // NaN break levels compare false, so a broken level never triggers twice.
    if (bias === 1) {
      if (l < breakLow) this.event(false, -1, breakLow, bar.idx);
      else if (h > breakHigh) this.event(true, 1, breakHigh, bar.idx);
    } else if (bias === -1) {
      if (h > breakHigh) this.event(false, 1, breakHigh, bar.idx);
      else if (l < breakLow) this.event(true, -1, breakLow, bar.idx);
    } else if (h > breakHigh) {
      this.event(true, 1, breakHigh, bar.idx);
    } else if (l < breakLow) {
      this.event(true, -1, breakLow, bar.idx);
    }
  }

  /** Records a BOS (`isBos`) or CHoCH in direction `dir` (+1 bullish) and clears the tested level. */
  private event(isBos: boolean, dir: number, level: number, n: number): void {
    const v = this.values;
    const code = dir === 1 ? DirectionCode.bullish : DirectionCode.bearish;
    if (isBos) {
      v[MARKET_STRUCTURE.bos_this_bar] = 1;
      v[MARKET_STRUCTURE.bos_direction] = code;
      v[MARKET_STRUCTURE.last_bos_idx] = n;
      v[MARKET_STRUCTURE.last_bos_level] = level;
    } else {
      v[MARKET_STRUCTURE.choch_this_bar] = 1;
      v[MARKET_STRUCTURE.choch_direction] = code;
      v[MARKET_STRUCTURE.last_choch_idx] = n;
      v[MARKET_STRUCTURE.last_choch_level] = level;
    }
    v[MARKET_STRUCTURE.bias] = dir;
    v[MARKET_STRUCTURE.version]! += 1;
    v[dir === 1 ? MARKET_STRUCTURE.break_level_high : MARKET_STRUCTURE.break_level_low] = Number.NaN;
  }

  protected saveState(): MarketStructureState {
    return { lastHighIdx: this.lastHighIdx, lastLowIdx: this.lastLowIdx };
  }

  protected loadState(state: unknown): void {
    const s = state as MarketStructureState;
    this.lastHighIdx = s.lastHighIdx;
    this.lastLowIdx = s.lastLowIdx;
  }
}

export const marketStructureMeta = defineMeta<MarketStructureParams>({
  type: 'market_structure',
  summary:
    'Break of structure (BOS, with the bias) and change of character (CHoCH, against it) of swing levels.',
  later: false,
  paramsSchema: marketStructureParamsSchema,
  fields: () => MARKET_STRUCTURE_FIELDS,
  dependencies: [{ type: 'swing', required: true }],
  atr: () => ({ use: 'none', key: undefined }),
  warmupBars: (_p, context) => 5 * swingWindow(context.swing),
  warnings: () => [],
  create: (p, deps, context) => new MarketStructureDetector(p, deps.swing as SwingDetector, context.key),
});
