import { z } from 'zod';
import { type StructureBar, withFieldGetters } from '../detector';
import { DIRECTION_DOMAIN, DirectionCode, defineFields, fieldIndex } from '../fields';
import { type BoundDependencies, defineMeta, swingWindow } from '../meta';
import { intParam } from '../params';
import { SWING, type SwingDetector } from './swing';

/** trend — wave classification from swing pivots (structures.md §2.2). */

export const trendParamsSchema = z.strictObject({
  wave_history_size: intParam(2, 50).default(4),
});
export type TrendParams = z.output<typeof trendParamsSchema>;

const NAMES = [
  'direction',
  'strength',
  'bars_in_trend',
  'wave_count',
  'last_wave_direction',
  'last_hh',
  'last_hl',
  'last_lh',
  'last_ll',
  'version',
] as const;
export const TREND = fieldIndex(NAMES);
export const TREND_FIELDS = defineFields([
  ['direction', 'INT', 0, 'classified trend: −1 down, 0 none, +1 up'],
  ['strength', 'INT', 0, '0 single wave or unclassified, 1 one matching pair, 2 two or more'],
  ['bars_in_trend', 'INT', 0, 'bars since the last direction change (since bar 0 if none)'],
  ['wave_count', 'INT', 0, 'consecutive matching wave pairs'],
  ['last_wave_direction', 'ENUM', DIRECTION_DOMAIN, 'direction of the last completed wave'],
  ['last_hh', 'BOOL', 'the last wave ending at a high made a higher high'],
  ['last_hl', 'BOOL', 'the last wave ending at a low made a higher low'],
  ['last_lh', 'BOOL', 'the last wave ending at a high made a lower high'],
  ['last_ll', 'BOOL', 'the last wave ending at a low made a lower low'],
  ['version', 'INT', 0, '+1 per direction change'],
]);

const HIGH = 1;
const LOW = 2;

interface TrendState {
  readonly lastHighIdx: number;
  readonly lastLowIdx: number;
  readonly prevHighLevel: number;
  readonly prevLowLevel: number;
  readonly pendingType: number;
  readonly pendingLevel: number;
  readonly changeBar: number;
  /** Waves newest first: [bullish ? 1 : 0, flagUp (hh or hl), flagDown (lh or ll)] per wave. */
  readonly waves: number[];
  readonly waveCount: number;
}

export class TrendDetector extends withFieldGetters(NAMES) {
  private readonly swing: SwingDetector;
  private readonly capacity: number;
  private lastHighIdx = -1;
  private lastLowIdx = -1;
  /** The swing's high/low level at the end of the previous bar (wave flags compare against them). */
  private prevHighLevel = Number.NaN;
  private prevLowLevel = Number.NaN;
  private pendingType = 0;
  private pendingLevel = Number.NaN;
  private changeBar = 0;
  // Wave history, oldest first, at most `capacity` waves: bullish?, up-flag (hh | hl), down-flag (lh | ll).
  private readonly waveBullish: Uint8Array;
  private readonly waveUp: Uint8Array;
  private readonly waveDown: Uint8Array;
  private waveCount = 0;

  constructor(params: TrendParams, swing: SwingDetector, key: string) {
    super({ type: 'trend', key, params, fields: TREND_FIELDS });
    this.swing = swing;
    this.capacity = params.wave_history_size;
    this.waveBullish = new Uint8Array(this.capacity);
    this.waveUp = new Uint8Array(this.capacity);
    this.waveDown = new Uint8Array(this.capacity);
    this.reset();
  }

  protected resetState(): void {
    this.lastHighIdx = -1;
    this.lastLowIdx = -1;
    this.prevHighLevel = Number.NaN;
    this.prevLowLevel = Number.NaN;
    this.pendingType = 0;
    this.pendingLevel = Number.NaN;
    this.changeBar = 0;
    this.waveBullish.fill(0);
    this.waveUp.fill(0);
    this.waveDown.fill(0);
    this.waveCount = 0;
  }

  protected step(bar: StructureBar): void {
    const s = this.swing.values;
    const highIdx = s[SWING.high_idx]!;
    const lowIdx = s[SWING.low_idx]!;
    const highChanged = highIdx >= 0 && highIdx !== this.lastHighIdx;
    const lowChanged = lowIdx >= 0 && lowIdx !== this.lastLowIdx;
    // Changed pivots in idx order; on the same idx the high goes first.
    if (highChanged && lowChanged && lowIdx < highIdx) {
      this.onPivot(LOW, s[SWING.low_level]!, bar.idx);
      this.onPivot(HIGH, s[SWING.high_level]!, bar.idx);
    } else {
      if (highChanged) this.onPivot(HIGH, s[SWING.high_level]!, bar.idx);
      if (lowChanged) this.onPivot(LOW, s[SWING.low_level]!, bar.idx);
    }
    this.lastHighIdx = highIdx;
    this.lastLowIdx = lowIdx;
    this.prevHighLevel = s[SWING.high_level]!;
    this.prevLowLevel = s[SWING.low_level]!;
    this.values[TREND.bars_in_trend] = bar.idx - this.changeBar;
  }

  private onPivot(type: number, level: number, n: number): void {
    if (this.pendingType === 0) {
      this.pendingType = type;
      this.pendingLevel = level;
      return;
    }
    if (type === this.pendingType) {
      const atLeastAsExtreme = type === HIGH ? level >= this.pendingLevel : level <= this.pendingLevel;
      if (atLeastAsExtreme) this.pendingLevel = level;
      return;
    }
    this.completeWave(type, level, n);
    this.pendingType = type;
    this.pendingLevel = level;
  }

  /** A wave pending → pivot ends at `type`: flags against the swing's same-type level of the previous bar. */
  private completeWave(endType: number, level: number, n: number): void {
    const v = this.values;
    const reference = endType === HIGH ? this.prevHighLevel : this.prevLowLevel;
    const up = level > reference ? 1 : 0; // NaN reference: both comparisons false
    const down = level < reference ? 1 : 0;
    const bullish = endType === HIGH ? 1 : 0;
    if (this.waveCount === this.capacity) {
      this.waveBullish.copyWithin(0, 1);
      this.waveUp.copyWithin(0, 1);
      this.waveDown.copyWithin(0, 1);
      this.waveCount--;
    }
    this.waveBullish[this.waveCount] = bullish;
    this.waveUp[this.waveCount] = up;
    this.waveDown[this.waveCount] = down;
    this.waveCount++;
    v[TREND.last_wave_direction] = bullish ? DirectionCode.bullish : DirectionCode.bearish;
    if (bullish) {
      v[TREND.last_hh] = up;
      v[TREND.last_lh] = down;
    } else {
      v[TREND.last_hl] = up;
      v[TREND.last_ll] = down;
    }
    this.classify(n);
  }

  /** Classification of the pair (waves[a], waves[b]) by the table of §2.2 step 3: +1, −1 or 0. */
  private classifyPair(a: number, b: number): number {
    const bull = this.waveBullish[a] ? a : b;
    const bear = bull === a ? b : a;
    const hh = this.waveUp[bull] === 1;
    const lh = this.waveDown[bull] === 1;
    const hl = this.waveUp[bear] === 1;
    const ll = this.waveDown[bear] === 1;
    if (hh && hl) return 1;
    if (lh && ll) return -1;
    if (hh && !ll) return 1;
    if (lh && !hl) return -1;
    if (hl && !lh) return 1;
    if (ll && !hh) return -1;
    return 0;
  }

  private classify(n: number): void {
    const v = this.values;
    const len = this.waveCount;
    let direction: number;
    let strength: number;
    let count: number;
    if (len === 1) {
      direction = this.waveBullish[0] ? 1 : -1;
      strength = 0;
      count = 1;
    } else {
      direction = this.classifyPair(len - 1, len - 2);
      if (direction === 0) {
        strength = 0;
        count = 0;
      } else {
        count = 1;
        for (let i = len - 3; i >= 0; i -= 2) {
          if (this.classifyPair(i + 1, i) !== direction) break;
          count++;
        }
        strength = count >= 2 ? 2 : 1;
      }
    }
    if (direction !== v[TREND.direction]) {
      v[TREND.version]! += 1;
      this.changeBar = n;
    }
    v[TREND.direction] = direction;
    v[TREND.strength] = strength;
    v[TREND.wave_count] = count;
  }

  protected saveState(): TrendState {
    const waves: number[] = [];
    for (let i = this.waveCount - 1; i >= 0; i--)
      waves.push(this.waveBullish[i]!, this.waveUp[i]!, this.waveDown[i]!);
    return {
      lastHighIdx: this.lastHighIdx,
      lastLowIdx: this.lastLowIdx,
      prevHighLevel: this.prevHighLevel,
      prevLowLevel: this.prevLowLevel,
      pendingType: this.pendingType,
      pendingLevel: this.pendingLevel,
      changeBar: this.changeBar,
      waves,
      waveCount: this.waveCount,
    };
  }

  protected loadState(state: unknown): void {
    const s = state as TrendState;
    this.lastHighIdx = s.lastHighIdx;
    this.lastLowIdx = s.lastLowIdx;
    this.prevHighLevel = s.prevHighLevel;
    this.prevLowLevel = s.prevLowLevel;
    this.pendingType = s.pendingType;
    this.pendingLevel = s.pendingLevel;
    this.changeBar = s.changeBar;
    this.waveCount = s.waveCount;
    for (let k = 0; k < s.waveCount; k++) {
      const i = s.waveCount - 1 - k;
      this.waveBullish[i] = s.waves[3 * k]!;
      this.waveUp[i] = s.waves[3 * k + 1]!;
      this.waveDown[i] = s.waves[3 * k + 2]!;
    }
  }
}

export const trendMeta = defineMeta<TrendParams>({
  type: 'trend',
  summary: 'Trend direction and strength from the last swing waves (higher highs/lows vs lower highs/lows).',
  later: false,
  paramsSchema: trendParamsSchema,
  fields: () => TREND_FIELDS,
  dependencies: [{ type: 'swing', required: true }],
  atr: () => ({ use: 'none', key: undefined }),
  warmupBars: (_p, context) => 5 * swingWindow(context.swing),
  warnings: () => [],
  create: (p, deps: BoundDependencies, context) =>
    new TrendDetector(p, deps.swing as SwingDetector, context.key),
});
