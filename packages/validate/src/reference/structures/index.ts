import type { RefBars, RefRows } from './common';
import {
  refBreakerBlock,
  refDisplacement,
  refFairValueGap,
  refLiquidityZones,
  refOrderBlock,
  refRollingWindow,
} from './standalone-ict';
import { refSwing, type SwingParams } from './swing';
import {
  refDerivedZone,
  refFibonacci,
  refMarketStructure,
  refPremiumDiscount,
  refTrend,
  refZone,
} from './swing-based';

export type { RefBars, RefRows } from './common';
export { G5_BARS, G5_DATASET_NAMES, type G5DatasetName, g5Dataset } from './datasets';

/** A dependency tree in the shape of `@trade/structures`' `computeStructureSeries` (`{type: {params, uses}}`). */
export interface RefDependencies {
  readonly [type: string]: { readonly params?: unknown; readonly uses?: RefDependencies };
}

/**
 * One G5 configuration of a detector type: the params and dependencies the detector under test is built with,
 * and the reference that recomputes the same outputs from the bars alone (dependencies included). Every
 * detector that reads ATR reads the feature `atr` (ATR 14 of the dataset).
 */
export interface StructureReference {
  readonly type: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly deps: RefDependencies;
  readonly reference: (bars: RefBars) => RefRows;
}

/** Pivots of the dependants: fractal 3/3, no filters. */
const DEP_SWING = { left: 3, right: 3 } as const satisfies SwingParams;
const SWING_DEP = { swing: { params: DEP_SWING } } as const;
const OB_PARAMS = { lookback: 3, max_active: 5 } as const;

/**
 * The dependency swing of a dataset, computed once per bars object: every dependant reads the same swing
 * outputs (as the detectors' own dependency does), so recomputing it per dependant would only cost time.
 */
const depSwingCache = new WeakMap<RefBars, RefRows>();
function depSwing(b: RefBars): RefRows {
  let rows = depSwingCache.get(b);
  if (rows === undefined) {
    rows = refSwing(b, DEP_SWING);
    depSwingCache.set(b, rows);
  }
  return rows;
}

const FIB_LEVELS = [0.382, 0.5, 0.618, 1];
const DZ_PARAMS = { levels: [0.382, 0.618], max_active: 3 } as const;

const REFERENCES: readonly StructureReference[] = [
  {
    type: 'swing',
    // The detector row exercises the significance filter and strict alternation as well.
    params: { left: 3, right: 3, strict_alternation: true, min_pct_move: 0.05 },
    deps: {},
    reference: (b) => refSwing(b, { left: 3, right: 3, strict_alternation: true, min_pct_move: 0.05 }),
  },
  {
    type: 'trend',
    params: { wave_history_size: 4 },
    deps: SWING_DEP,
    reference: (b) => refTrend(b, depSwing(b), { wave_history_size: 4 }),
  },
  {
    type: 'market_structure',
    params: {},
    deps: SWING_DEP,
    reference: (b) => refMarketStructure(b, depSwing(b), {}),
  },
  {
    type: 'zone',
    params: { zone_type: 'demand', width_atr: 1, atr_key: 'atr' },
    deps: SWING_DEP,
    reference: (b) => refZone(b, depSwing(b), { zone_type: 'demand', width_atr: 1 }),
  },
  {
    type: 'fibonacci',
    params: { levels: FIB_LEVELS },
    deps: SWING_DEP,
    reference: (b) => refFibonacci(b, depSwing(b), { levels: FIB_LEVELS }),
  },
  {
    type: 'derived_zone',
    params: DZ_PARAMS,
    deps: SWING_DEP,
    reference: (b) => refDerivedZone(b, depSwing(b), DZ_PARAMS),
  },
  {
    type: 'rolling_window',
    params: { size: 20, source: 'low', mode: 'min' },
    deps: {},
    reference: (b) => refRollingWindow(b, { size: 20, source: 'low', mode: 'min' }),
  },
  {
    type: 'displacement',
    params: { atr_key: 'atr' },
    deps: {},
    reference: (b) => refDisplacement(b, {}),
  },
  {
    type: 'fair_value_gap',
    params: { min_gap_atr: 0.1, max_active: 5 },
    deps: {},
    reference: (b) => refFairValueGap(b, { min_gap_atr: 0.1, max_active: 5 }),
  },
  {
    type: 'order_block',
    params: OB_PARAMS,
    deps: SWING_DEP,
    reference: (b) => refOrderBlock(b, depSwing(b), OB_PARAMS).rows,
  },
  {
    type: 'liquidity_zones',
    params: {},
    deps: SWING_DEP,
    reference: (b) => refLiquidityZones(b, depSwing(b), {}),
  },
  {
    type: 'premium_discount',
    params: {},
    deps: SWING_DEP,
    reference: (b) => refPremiumDiscount(b, depSwing(b)),
  },
  {
    type: 'breaker_block',
    params: {},
    deps: {
      order_block: { params: OB_PARAMS, uses: SWING_DEP },
      market_structure: { params: {}, uses: SWING_DEP },
    },
    reference: (b) => {
      const swing = depSwing(b);
      const ob = refOrderBlock(b, swing, OB_PARAMS);
      return refBreakerBlock(b, ob.invalidatedAt, refMarketStructure(b, swing, {}), {});
    },
  },
];

/**
 * The G5 reference of every detector type the gate knows, keyed by type. The gate iterates the registry of
 * `@trade/structures`: a registered type missing here fails the gate by name.
 */
export const STRUCTURE_REFERENCES: ReadonlyMap<string, StructureReference> = new Map(
  REFERENCES.map((r) => [r.type, r]),
);
