import { z } from 'zod';
import { type StructureBar, withFieldGetters } from '../detector';
import { defineFields, fieldIndex, ZONE_STATE_DOMAIN, ZoneStateCode } from '../fields';
import { defineMeta, swingWindow } from '../meta';
import { atrKeyParam, positiveParam } from '../params';
import { SWING, type SwingDetector } from './swing';

/** zone — demand/supply box of ATR width at the last swing low/high (structures.md §2.4). */

export const zoneParamsSchema = z.strictObject({
  zone_type: z.enum(['demand', 'supply']),
  width_atr: positiveParam(),
  atr_key: atrKeyParam(),
});
export type ZoneParams = z.output<typeof zoneParamsSchema>;

const NAMES = ['state', 'lower', 'upper', 'anchor_idx', 'version'] as const;
export const ZONE = fieldIndex(NAMES);
export const ZONE_FIELDS = defineFields([
  ['state', 'ENUM', ZONE_STATE_DOMAIN, 'none until the first zone, then active or broken'],
  ['lower', 'FLOAT', 'lower bound of the zone'],
  ['upper', 'FLOAT', 'upper bound of the zone'],
  ['anchor_idx', 'INT', -1, 'bar index of the swing pivot the zone was built from'],
  ['version', 'INT', 0, '+1 per creation and per break'],
]);

interface ZoneState {
  readonly lastPivotIdx: number;
}

export class ZoneDetector extends withFieldGetters(NAMES) {
  private readonly swing: SwingDetector;
  private readonly demand: boolean;
  private readonly widthAtr: number;
  private readonly atrKey: string;
  private readonly atrAvailable: boolean;
  private lastPivotIdx = -1;

  constructor(params: ZoneParams, swing: SwingDetector, key: string, atrAvailable: boolean) {
    super({ type: 'zone', key, params, fields: ZONE_FIELDS });
    this.swing = swing;
    this.demand = params.zone_type === 'demand';
    this.widthAtr = params.width_atr;
    this.atrKey = params.atr_key;
    this.atrAvailable = atrAvailable;
    this.reset();
  }

  protected resetState(): void {
    this.lastPivotIdx = -1;
  }

  protected step(bar: StructureBar): void {
    const v = this.values;
    const s = this.swing.values;
    const pivotIdx = s[this.demand ? SWING.low_idx : SWING.high_idx]!;
    if (pivotIdx >= 0 && pivotIdx !== this.lastPivotIdx) {
      const atr = this.atrAvailable ? bar.ind(this.atrKey) : Number.NaN;
      // Without ATR the pivot creates nothing and the previous zone stays (S-D3).
      if (atr > 0) {
        const width = atr * this.widthAtr;
        if (this.demand) {
          const level = s[SWING.low_level]!;
          v[ZONE.lower] = level - width;
          v[ZONE.upper] = level;
        } else {
          const level = s[SWING.high_level]!;
          v[ZONE.lower] = level;
          v[ZONE.upper] = level + width;
        }
        v[ZONE.state] = ZoneStateCode.active;
        v[ZONE.anchor_idx] = pivotIdx;
        v[ZONE.version]! += 1;
      }
    }
    this.lastPivotIdx = pivotIdx;
    if (v[ZONE.state] === ZoneStateCode.active) {
      const broken = this.demand ? bar.close < v[ZONE.lower]! : bar.close > v[ZONE.upper]!;
      if (broken) {
        v[ZONE.state] = ZoneStateCode.broken;
        v[ZONE.version]! += 1;
      }
    }
  }

  protected saveState(): ZoneState {
    return { lastPivotIdx: this.lastPivotIdx };
  }

  protected loadState(state: unknown): void {
    this.lastPivotIdx = (state as ZoneState).lastPivotIdx;
  }
}

export const zoneMeta = defineMeta<ZoneParams>({
  type: 'zone',
  summary:
    'Demand (below the last swing low) or supply (above the last swing high) box, ATR wide, until closed through.',
  later: false,
  paramsSchema: zoneParamsSchema,
  fields: () => ZONE_FIELDS,
  dependencies: [{ type: 'swing', required: true }],
  atr: (p) => ({ use: 'required', key: p.atr_key }),
  warmupBars: (_p, context) => 5 * swingWindow(context.swing),
  warnings: () => [],
  create: (p, deps, context) =>
    new ZoneDetector(p, deps.swing as SwingDetector, context.key, context.atrAvailable),
});
