import { z } from 'zod';
import { type StructureBar, withFieldGetters } from '../detector';
import {
  DirectionCode,
  defineFields,
  type FieldMeta,
  fieldIndex,
  ZONE_STATE_DOMAIN,
  ZoneStateCode,
} from '../fields';
import { derivedZoneInstanceId } from '../hashes';
import { defineMeta, swingWindow } from '../meta';
import { intParam, levelsParam } from '../params';
import { SWING, type SwingDetector } from './swing';

/** derived_zone — zone slots at fib levels of the last swing pair (structures.md §2.6). */

export const derivedZoneParamsSchema = z.strictObject({
  levels: levelsParam(),
  max_active: intParam(1, 20),
  mode: z.enum(['retracement', 'extension']).default('retracement'),
  width_pct: z.number().gt(0, 'must be > 0 and < 1').lt(1, 'must be > 0 and < 1').default(0.002),
  use_paired_source: z.boolean().default(true),
  break_tolerance_pct: z.number().gte(0, 'must be >= 0 and < 1').lt(1, 'must be >= 0 and < 1').default(0.001),
});
export type DerivedZoneParams = z.output<typeof derivedZoneParamsSchema>;

const AGGREGATE_NAMES = [
  'active_count',
  'any_active',
  'any_touched',
  'any_inside',
  'first_active_idx',
  'first_active_lower',
  'first_active_upper',
  'newest_active_idx',
  'source_version',
] as const;
export const DERIVED_ZONE = fieldIndex(AGGREGATE_NAMES);
const AGGREGATE_FIELDS = defineFields([
  ['active_count', 'INT', 0, 'number of active slots'],
  ['any_active', 'BOOL', 'some slot is active'],
  ['any_touched', 'BOOL', 'some active slot was touched this bar'],
  ['any_inside', 'BOOL', 'the close is inside some active slot'],
  ['first_active_idx', 'INT', -1, 'lowest active slot number (slot 0 is the newest)'],
  ['first_active_lower', 'FLOAT', 'lower bound of that slot'],
  ['first_active_upper', 'FLOAT', 'upper bound of that slot'],
  ['newest_active_idx', 'INT', -1, 'equal to first_active_idx'],
  ['source_version', 'INT', 0, 'swing version the slots were generated from'],
]);

/** Per-slot fields, in order; slot s field f sits at SLOT_BASE + s·SLOT_FIELDS.length + position of f. */
export const DERIVED_ZONE_SLOT_FIELDS = [
  'lower',
  'upper',
  'state',
  'anchor_idx',
  'age_bars',
  'touched_this_bar',
  'inside',
  'touch_count',
  'last_touch_age',
  'instance_id',
] as const;
export type DerivedZoneSlotField = (typeof DERIVED_ZONE_SLOT_FIELDS)[number];
const SLOT = fieldIndex(DERIVED_ZONE_SLOT_FIELDS);
const SLOT_WIDTH = DERIVED_ZONE_SLOT_FIELDS.length;
const SLOT_BASE = AGGREGATE_NAMES.length;

/** Canonical name of a slot field (`zone0_state`); DSL refs spell it `key.zone[0].state`. */
export function derivedZoneSlotField(slot: number, field: DerivedZoneSlotField): string {
  return `zone${slot}_${field}`;
}

export function derivedZoneFields(params: Pick<DerivedZoneParams, 'max_active'>): FieldMeta[] {
  const fields = [...AGGREGATE_FIELDS];
  for (let s = 0; s < params.max_active; s++) {
    const n = (f: DerivedZoneSlotField) => derivedZoneSlotField(s, f);
    fields.push(
      ...defineFields([
        [n('lower'), 'FLOAT', `slot ${s}: lower bound`],
        [n('upper'), 'FLOAT', `slot ${s}: upper bound`],
        [n('state'), 'ENUM', ZONE_STATE_DOMAIN, `slot ${s}: none, active or broken`],
        [n('anchor_idx'), 'INT', -1, `slot ${s}: bar the zone was created on`],
        [n('age_bars'), 'INT', -1, `slot ${s}: bars since creation`],
        [n('touched_this_bar'), 'BOOL', `slot ${s}: the close is inside the active zone this bar`],
        [n('inside'), 'BOOL', `slot ${s}: the close is inside the active zone`],
        [n('touch_count'), 'INT', 0, `slot ${s}: bars with the close inside while active`],
        [n('last_touch_age'), 'INT', -1, `slot ${s}: bars since the last touch (−1 if never)`],
        [n('instance_id'), 'INT', 0, `slot ${s}: uint32 identifier of the zone (structures.md §1.5)`],
      ]),
    );
  }
  return fields;
}

interface DerivedZoneState {
  /** Slot index → bar of its last touch (−1 if never), slot 0 first (newest). */
  readonly lastTouchBar: number[];
  /** Slot index → break side (SUPPORT / RESISTANCE). */
  readonly sides: number[];
}

/** Break sides: support breaks only downwards, resistance only upwards. */
const SUPPORT = -1;
const RESISTANCE = 1;

export class DerivedZoneDetector extends withFieldGetters(AGGREGATE_NAMES) {
  private readonly swing: SwingDetector;
  private readonly levels: readonly number[];
  private readonly maxActive: number;
  private readonly extension: boolean;
  private readonly paired: boolean;
  private readonly widthPct: number;
  private readonly tolerance: number;
  private readonly modeName: string;
  private readonly lastTouchBar: Float64Array;
  private readonly sides: Int8Array;
  /** Cleared slot values, copied into a slot to empty it. */
  private readonly emptySlot: Float64Array;

  constructor(params: DerivedZoneParams, swing: SwingDetector, key: string) {
    const fields = derivedZoneFields(params);
    super({ type: 'derived_zone', key, params, fields });
    this.swing = swing;
    this.levels = params.levels;
    this.maxActive = params.max_active;
    this.extension = params.mode === 'extension';
    this.modeName = params.mode;
    this.paired = params.use_paired_source;
    this.widthPct = params.width_pct;
    this.tolerance = params.break_tolerance_pct;
    this.lastTouchBar = new Float64Array(params.max_active);
    this.sides = new Int8Array(params.max_active);
    this.emptySlot = Float64Array.from(
      fields.slice(SLOT_BASE, SLOT_BASE + SLOT_WIDTH),
      (f) => f.empty as number,
    );
    this.reset();
  }

  /** Current value of `field` in slot `slot` (0 = newest); NaN outside 0 … max_active − 1. */
  zone(slot: number, field: DerivedZoneSlotField): number {
    if (!Number.isInteger(slot) || slot < 0 || slot >= this.maxActive) return Number.NaN;
    return this.values[SLOT_BASE + slot * SLOT_WIDTH + SLOT[field]]!;
  }

  protected resetState(): void {
    this.lastTouchBar.fill(-1);
    this.sides.fill(RESISTANCE);
  }

  protected step(bar: StructureBar): void {
    const v = this.values;
    const s = this.swing.values;
    const n = bar.idx;
    const sourceVersion = s[this.paired ? SWING.pair_version : SWING.version]!;
    if (sourceVersion !== v[DERIVED_ZONE.source_version]) {
      v[DERIVED_ZONE.source_version] = sourceVersion;
      this.regenerate(n, sourceVersion);
    }
    const close = bar.close;
    let activeCount = 0;
    let anyTouched = 0;
    let anyInside = 0;
    let firstActive = -1;
    for (let slot = 0; slot < this.maxActive; slot++) {
      const o = SLOT_BASE + slot * SLOT_WIDTH;
      v[o + SLOT.touched_this_bar] = 0;
      const anchor = v[o + SLOT.anchor_idx]!;
      if (anchor < 0) continue;
      v[o + SLOT.age_bars] = n - anchor;
      if (v[o + SLOT.state] !== ZoneStateCode.active) {
        v[o + SLOT.inside] = 0;
      } else {
        const lower = v[o + SLOT.lower]!;
        const upper = v[o + SLOT.upper]!;
        const inside = lower <= close && close <= upper;
        v[o + SLOT.inside] = inside ? 1 : 0;
        if (inside) {
          v[o + SLOT.touched_this_bar] = 1;
          v[o + SLOT.touch_count]! += 1;
          this.lastTouchBar[slot] = n;
        }
        // Support breaks only downwards, resistance only upwards (S-D5); never on the creation bar.
        if (anchor < n) {
          const breaksBelow = this.sides[slot] === SUPPORT;
          if (breaksBelow ? close < lower * (1 - this.tolerance) : close > upper * (1 + this.tolerance)) {
            v[o + SLOT.state] = ZoneStateCode.broken;
          }
        }
      }
      const lastTouch = this.lastTouchBar[slot]!;
      v[o + SLOT.last_touch_age] = lastTouch < 0 ? -1 : n - lastTouch;
      if (v[o + SLOT.state] === ZoneStateCode.active) {
        activeCount++;
        if (v[o + SLOT.touched_this_bar] === 1) anyTouched = 1;
        if (v[o + SLOT.inside] === 1) anyInside = 1;
        if (firstActive < 0) firstActive = slot;
      }
    }
    v[DERIVED_ZONE.active_count] = activeCount;
    v[DERIVED_ZONE.any_active] = activeCount > 0 ? 1 : 0;
    v[DERIVED_ZONE.any_touched] = anyTouched;
    v[DERIVED_ZONE.any_inside] = anyInside;
    v[DERIVED_ZONE.first_active_idx] = firstActive;
    v[DERIVED_ZONE.newest_active_idx] = firstActive;
    const fo = SLOT_BASE + firstActive * SLOT_WIDTH;
    v[DERIVED_ZONE.first_active_lower] = firstActive < 0 ? Number.NaN : v[fo + SLOT.lower]!;
    v[DERIVED_ZONE.first_active_upper] = firstActive < 0 ? Number.NaN : v[fo + SLOT.upper]!;
  }

  private regenerate(n: number, sourceVersion: number): void {
    const s = this.swing.values;
    const high = s[this.paired ? SWING.pair_high_level : SWING.high_level]!;
    const low = s[this.paired ? SWING.pair_low_level : SWING.low_level]!;
    const highIdx = s[this.paired ? SWING.pair_high_idx : SWING.high_idx]!;
    const lowIdx = s[this.paired ? SWING.pair_low_idx : SWING.low_idx]!;
    const range = high - low;
    if (!Number.isFinite(high) || !Number.isFinite(low) || highIdx < 0 || lowIdx < 0 || !(range > 0)) return;
    const bullish = this.paired ? s[SWING.pair_direction] === DirectionCode.bullish : highIdx > lowIdx;
    // Support (breaks below) for bullish retracements and bearish extensions; resistance otherwise.
    const side = bullish !== this.extension ? SUPPORT : RESISTANCE;
    for (const r of this.levels) {
      const centre = this.extension ? (bullish ? high + r * range : low - r * range) : high - r * range;
      const width = centre * this.widthPct;
      this.prependSlot();
      const v = this.values;
      const o = SLOT_BASE;
      v[o + SLOT.lower] = centre - width / 2;
      v[o + SLOT.upper] = centre + width / 2;
      v[o + SLOT.state] = ZoneStateCode.active;
      v[o + SLOT.anchor_idx] = n;
      v[o + SLOT.age_bars] = 0;
      v[o + SLOT.instance_id] = derivedZoneInstanceId(sourceVersion, highIdx, lowIdx, r, this.modeName);
      this.sides[0] = side;
    }
  }

  /** Shifts every slot one position older (dropping the oldest) and clears slot 0. */
  private prependSlot(): void {
    const v = this.values;
    const end = SLOT_BASE + this.maxActive * SLOT_WIDTH;
    v.copyWithin(SLOT_BASE + SLOT_WIDTH, SLOT_BASE, end - SLOT_WIDTH);
    v.set(this.emptySlot, SLOT_BASE);
    this.lastTouchBar.copyWithin(1, 0, this.maxActive - 1);
    this.lastTouchBar[0] = -1;
    this.sides.copyWithin(1, 0, this.maxActive - 1);
    this.sides[0] = RESISTANCE;
  }

  protected saveState(): DerivedZoneState {
    return { lastTouchBar: Array.from(this.lastTouchBar), sides: Array.from(this.sides) };
  }

  protected loadState(state: unknown): void {
    const s = state as DerivedZoneState;
    this.lastTouchBar.set(s.lastTouchBar);
    this.sides.set(s.sides);
  }
}

export const derivedZoneMeta = defineMeta<DerivedZoneParams>({
  type: 'derived_zone',
  summary:
    'Up to max_active zone slots at fib levels of the last swing pair, with touches and breaks (slot 0 newest).',
  later: false,
  paramsSchema: derivedZoneParamsSchema,
  fields: derivedZoneFields,
  dependencies: [{ type: 'swing', required: true }],
  atr: () => ({ use: 'none', key: undefined }),
  warmupBars: (_p, context) => 5 * swingWindow(context.swing),
  warnings: () => [],
  create: (p, deps, context) => new DerivedZoneDetector(p, deps.swing as SwingDetector, context.key),
});
