import type { StructureBar } from '../detector';
import { defineFields, fieldIndex } from '../fields';
import { scanNearestZones } from './nearest-zone';

/**
 * The alive-block list shared by order_block and breaker_block (structures.md §2.10, §2.13): blocks newest
 * first, each active or mitigated, invalidated when closed through, and the output fields both expose.
 */

export const BLOCK_NAMES = [
  'new_this_bar',
  'new_direction',
  'new_lower',
  'new_upper',
  'nearest_bull_lower',
  'nearest_bull_upper',
  'nearest_bear_lower',
  'nearest_bear_upper',
  'active_bull_count',
  'active_bear_count',
  'any_mitigated_this_bar',
  'any_invalidated_this_bar',
  'last_invalidated_direction',
  'version',
] as const;
export const BLOCK = fieldIndex(BLOCK_NAMES);

export function blockFields(what: string) {
  return defineFields([
    ['new_this_bar', 'BOOL', `a ${what} was created on this bar`],
    ['new_direction', 'INT', 0, `direction of the ${what} created on this bar (+1 bullish, −1 bearish)`],
    ['new_lower', 'FLOAT', `lower bound of the ${what} created on this bar`],
    ['new_upper', 'FLOAT', `upper bound of the ${what} created on this bar`],
    ['nearest_bull_lower', 'FLOAT', `lower bound of the alive bullish ${what} nearest to the close`],
    ['nearest_bull_upper', 'FLOAT', `upper bound of that ${what}`],
    ['nearest_bear_lower', 'FLOAT', `lower bound of the alive bearish ${what} nearest to the close`],
    ['nearest_bear_upper', 'FLOAT', `upper bound of that ${what}`],
    ['active_bull_count', 'INT', 0, `alive (active or mitigated) bullish ${what}s`],
    ['active_bear_count', 'INT', 0, `alive (active or mitigated) bearish ${what}s`],
    ['any_mitigated_this_bar', 'BOOL', `an active ${what} was retested on this bar`],
    ['any_invalidated_this_bar', 'BOOL', `a ${what} was closed through on this bar`],
    ['last_invalidated_direction', 'INT', 0, `direction of the last invalidated ${what}`],
    ['version', 'INT', 0, '+1 per bar with a creation, mitigation or invalidation'],
  ]);
}

const ACTIVE = 1;
const MITIGATED = 2;

export interface BlockListState {
  /** Alive blocks newest first: [direction, lower, upper, state (1 active, 2 mitigated)] each. */
  readonly blocks: number[];
}

export class BlockList {
  readonly maxActive: number;
  readonly dir: Int8Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  private readonly state: Uint8Array;
  count = 0;
  /** Blocks invalidated on the current bar, newest first (read by breaker_block). */
  readonly invalidatedDir: Int8Array;
  readonly invalidatedLower: Float64Array;
  readonly invalidatedUpper: Float64Array;
  invalidatedCount = 0;

  constructor(maxActive: number) {
    this.maxActive = maxActive;
    const capacity = maxActive + 1;
    this.dir = new Int8Array(capacity);
    this.lower = new Float64Array(capacity);
    this.upper = new Float64Array(capacity);
    this.state = new Uint8Array(capacity);
    this.invalidatedDir = new Int8Array(capacity);
    this.invalidatedLower = new Float64Array(capacity);
    this.invalidatedUpper = new Float64Array(capacity);
  }

  clear(): void {
    this.count = 0;
    this.invalidatedCount = 0;
  }

  /** Clears the per-bar flags of the shared fields. */
  static beginBar(v: Float64Array): void {
    v[BLOCK.new_this_bar] = 0;
    v[BLOCK.new_direction] = 0;
    v[BLOCK.new_lower] = Number.NaN;
    v[BLOCK.new_upper] = Number.NaN;
    v[BLOCK.any_mitigated_this_bar] = 0;
    v[BLOCK.any_invalidated_this_bar] = 0;
  }

  /**
   * Lifecycle of the blocks created before this bar: a close through the far side invalidates (removed), a
   * retest of an active block mitigates it. Returns true when anything changed.
   */
  lifecycle(bar: StructureBar, v: Float64Array): boolean {
    this.invalidatedCount = 0;
    let changed = false;
    let kept = 0;
    for (let i = 0; i < this.count; i++) {
      const dir = this.dir[i]!;
      const lower = this.lower[i]!;
      const upper = this.upper[i]!;
      let state = this.state[i]!;
      const invalidated = dir === 1 ? bar.close < lower : bar.close > upper;
      if (invalidated) {
        const k = this.invalidatedCount++;
        this.invalidatedDir[k] = dir;
        this.invalidatedLower[k] = lower;
        this.invalidatedUpper[k] = upper;
        if (k === 0) v[BLOCK.last_invalidated_direction] = dir;
        v[BLOCK.any_invalidated_this_bar] = 1;
        changed = true;
        continue;
      }
      if (state === ACTIVE && (dir === 1 ? bar.low <= upper : bar.high >= lower)) {
        state = MITIGATED;
        v[BLOCK.any_mitigated_this_bar] = 1;
        changed = true;
      }
      this.dir[kept] = dir;
      this.lower[kept] = lower;
      this.upper[kept] = upper;
      this.state[kept] = state;
      kept++;
    }
    this.count = kept;
    return changed;
  }

  /** Adds a new active block in front, keeps at most maxActive alive blocks, and reports it in `v`. */
  prepend(dir: number, lower: number, upper: number, v: Float64Array): void {
    const last = Math.min(this.count, this.maxActive - 1);
    this.dir.copyWithin(1, 0, last);
    this.lower.copyWithin(1, 0, last);
    this.upper.copyWithin(1, 0, last);
    this.state.copyWithin(1, 0, last);
    this.dir[0] = dir;
    this.lower[0] = lower;
    this.upper[0] = upper;
    this.state[0] = ACTIVE;
    this.count = last + 1;
    v[BLOCK.new_this_bar] = 1;
    v[BLOCK.new_direction] = dir;
    v[BLOCK.new_lower] = lower;
    v[BLOCK.new_upper] = upper;
  }

  /** Nearest alive block per direction (smallest |close − middle|, the newest on ties) and counts. */
  summarise(close: number, v: Float64Array): void {
    const { bull, bear, bullCount, bearCount } = scanNearestZones(
      close,
      this.count,
      this.dir,
      this.lower,
      this.upper,
    );
    v[BLOCK.active_bull_count] = bullCount;
    v[BLOCK.active_bear_count] = bearCount;
    v[BLOCK.nearest_bull_lower] = bull < 0 ? Number.NaN : this.lower[bull]!;
    v[BLOCK.nearest_bull_upper] = bull < 0 ? Number.NaN : this.upper[bull]!;
    v[BLOCK.nearest_bear_lower] = bear < 0 ? Number.NaN : this.lower[bear]!;
    v[BLOCK.nearest_bear_upper] = bear < 0 ? Number.NaN : this.upper[bear]!;
  }

  save(): BlockListState {
    const blocks: number[] = [];
    for (let i = 0; i < this.count; i++)
      blocks.push(this.dir[i]!, this.lower[i]!, this.upper[i]!, this.state[i]!);
    return { blocks };
  }

  load(s: BlockListState): void {
    this.invalidatedCount = 0;
    this.count = s.blocks.length / 4;
    for (let i = 0; i < this.count; i++) {
      this.dir[i] = s.blocks[4 * i]!;
      this.lower[i] = s.blocks[4 * i + 1]!;
      this.upper[i] = s.blocks[4 * i + 2]!;
      this.state[i] = s.blocks[4 * i + 3]!;
    }
  }
}
