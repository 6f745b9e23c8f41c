/**
 * Field model of structures.md §1.3: every output has a type, a closed ENUM domain where applicable and an
 * empty value. At run time every non-HASH field is a double in the detector's `values` array; an ENUM field
 * holds the index of its value in `domain` (0 is always `none`).
 */

export const FieldType = {
  FLOAT: 'FLOAT',
  INT: 'INT',
  BOOL: 'BOOL',
  ENUM: 'ENUM',
  HASH: 'HASH',
} as const;
export type FieldType = (typeof FieldType)[keyof typeof FieldType];

export interface FieldMeta {
  /** Canonical name (`high_level`, `level_0.618`, `zone0_state`). */
  readonly name: string;
  readonly type: FieldType;
  /** ENUM only: the closed domain; the runtime code of a value is its index here. */
  readonly domain?: readonly string[];
  /** Empty value: a number for FLOAT/INT/BOOL/ENUM (code), a string for HASH. */
  readonly empty: number | string;
  /** HASH fields cannot be read by play conditions (`E_REF_NOT_READABLE`). */
  readonly readable: boolean;
  readonly description: string;
}

/** `none / bullish / bearish` (swing pair_direction, market_structure, fibonacci anchor, trend last wave). */
export const DIRECTION_DOMAIN = ['none', 'bullish', 'bearish'] as const;
export const DirectionCode = { none: 0, bullish: 1, bearish: 2 } as const;

/** `none / high / low` (swing last_confirmed_pivot_type). */
export const PIVOT_TYPE_DOMAIN = ['none', 'high', 'low'] as const;
export const PivotTypeCode = { none: 0, high: 1, low: 2 } as const;

/** `none / active / broken` (zone and derived_zone slot state). */
export const ZONE_STATE_DOMAIN = ['none', 'active', 'broken'] as const;
export const ZoneStateCode = { none: 0, active: 1, broken: 2 } as const;

/** `none / premium / discount / equilibrium` (premium_discount zone). */
export const PD_ZONE_DOMAIN = ['none', 'premium', 'discount', 'equilibrium'] as const;
export const PdZoneCode = { none: 0, premium: 1, discount: 2, equilibrium: 3 } as const;

/** Compact field declaration: `[name, type, emptyOrDomain, description]`. */
export type FieldSpec =
  | readonly [name: string, type: 'FLOAT', description: string]
  | readonly [name: string, type: 'INT', empty: number, description: string]
  | readonly [name: string, type: 'BOOL', description: string]
  | readonly [name: string, type: 'ENUM', domain: readonly string[], description: string]
  | readonly [name: string, type: 'HASH', description: string];

export function defineField(spec: FieldSpec): FieldMeta {
  switch (spec[1]) {
    case 'FLOAT':
      return { name: spec[0], type: 'FLOAT', empty: Number.NaN, readable: true, description: spec[2] };
    case 'INT':
      return { name: spec[0], type: 'INT', empty: spec[2], readable: true, description: spec[3] };
    case 'BOOL':
      return { name: spec[0], type: 'BOOL', empty: 0, readable: true, description: spec[2] };
    case 'ENUM':
      return { name: spec[0], type: 'ENUM', domain: spec[2], empty: 0, readable: true, description: spec[3] };
    case 'HASH':
      return { name: spec[0], type: 'HASH', empty: '', readable: false, description: spec[2] };
  }
}

export function defineFields(specs: readonly FieldSpec[]): FieldMeta[] {
  return specs.map(defineField);
}

/** `{name: position}` for a static field list, used by detectors to address `values` without string lookups. */
export function fieldIndex<const N extends string>(names: readonly N[]): { readonly [K in N]: number } {
  const index = {} as { [K in N]: number };
  names.forEach((name, i) => {
    index[name] = i;
  });
  return index;
}
