import type { Candles } from '@trade/core';
import type { DependencySpecs } from '../src/index';
import type { RefBars, RefRows } from './reference/common';
import { type RefSwingParams, refSwing } from './reference/swing';
import {
  refFibonacci,
  refMarketStructure,
  refPremiumDiscount,
  refRollingWindow,
  refTrend,
  refZone,
} from './reference/swing-based';
import {
  refBreakerBlock,
  refDerivedZone,
  refDisplacement,
  refFairValueGap,
  refLiquidityZones,
  refOrderBlock,
} from './reference/zones-ict';

/** One detector configuration, with the naive reference that must reproduce it. */
export interface DetectorCase {
  readonly name: string;
  readonly type: string;
  readonly params: Record<string, unknown>;
  readonly deps: DependencySpecs;
  readonly reference: (bars: RefBars) => RefRows;
}

const S22: RefSwingParams = { left: 2, right: 2 };
const S33: RefSwingParams = { left: 3, right: 3 };
const ZIG: RefSwingParams = { mode: 'atr_zigzag', atr_multiplier: 2 };
const dep = (p: RefSwingParams) => ({ swing: { params: p } });

/** Every detector type at least once, and the params that change code paths. */
export const DETECTOR_CASES: readonly DetectorCase[] = [
  {
    name: 'swing fractal 2/2',
    type: 'swing',
    params: { ...S22 },
    deps: {},
    reference: (b) => refSwing(b, S22),
  },
  {
    name: 'swing fractal 5/5, min_atr_move, strict alternation',
    type: 'swing',
    params: { left: 5, right: 5, min_atr_move: 0.5, strict_alternation: true, major_threshold: 2 },
    deps: {},
    reference: (b) =>
      refSwing(b, { left: 5, right: 5, min_atr_move: 0.5, strict_alternation: true, major_threshold: 2 }),
  },
  {
    name: 'swing fractal 3/1, min_pct_move',
    type: 'swing',
    params: { left: 3, right: 1, min_pct_move: 0.05 },
    deps: {},
    reference: (b) => refSwing(b, { left: 3, right: 1, min_pct_move: 0.05 }),
  },
  {
    name: 'swing atr_zigzag',
    type: 'swing',
    params: { ...ZIG },
    deps: {},
    reference: (b) => refSwing(b, ZIG),
  },
  {
    name: 'trend (swing 2/2)',
    type: 'trend',
    params: {},
    deps: dep(S22),
    reference: (b) => refTrend(b, refSwing(b, S22)),
  },
  {
    name: 'trend (zigzag, history 8)',
    type: 'trend',
    params: { wave_history_size: 8 },
    deps: dep(ZIG),
    reference: (b) => refTrend(b, refSwing(b, ZIG), 8),
  },
  {
    name: 'market_structure (wicks)',
    type: 'market_structure',
    params: {},
    deps: dep(S22),
    reference: (b) => refMarketStructure(b, refSwing(b, S22)),
  },
  {
    name: 'market_structure (closes, swing 3/3)',
    type: 'market_structure',
    params: { confirmation_close: true },
    deps: dep(S33),
    reference: (b) => refMarketStructure(b, refSwing(b, S33), true),
  },
  {
    name: 'zone demand',
    type: 'zone',
    params: { zone_type: 'demand', width_atr: 0.5 },
    deps: dep(S22),
    reference: (b) => refZone(b, refSwing(b, S22), 'demand', 0.5),
  },
  {
    name: 'zone supply',
    type: 'zone',
    params: { zone_type: 'supply', width_atr: 1 },
    deps: dep(S33),
    reference: (b) => refZone(b, refSwing(b, S33), 'supply', 1),
  },
  {
    name: 'fibonacci paired retracement',
    type: 'fibonacci',
    params: { levels: [0.382, 0.5, 0.618, 1, -0.272] },
    deps: dep(S22),
    reference: (b) => refFibonacci(b, refSwing(b, S22), { levels: [0.382, 0.5, 0.618, 1, -0.272] }),
  },
  {
    name: 'fibonacci unpaired extension_up',
    type: 'fibonacci',
    params: { levels: [0.618, 1.618], mode: 'extension_up', use_paired_anchor: false },
    deps: dep(S22),
    reference: (b) =>
      refFibonacci(b, refSwing(b, S22), {
        levels: [0.618, 1.618],
        mode: 'extension_up',
        use_paired_anchor: false,
      }),
  },
  {
    name: 'fibonacci trend-anchored extension',
    type: 'fibonacci',
    params: { levels: [1.272, 1.618], mode: 'extension', use_paired_anchor: false, use_trend_anchor: true },
    deps: { swing: { params: S22 }, trend: { uses: dep(S22) } },
    reference: (b) => {
      const swing = refSwing(b, S22);
      return refFibonacci(
        b,
        swing,
        { levels: [1.272, 1.618], mode: 'extension', use_paired_anchor: false, use_trend_anchor: true },
        refTrend(b, swing),
      );
    },
  },
  {
    name: 'derived_zone paired retracement',
    type: 'derived_zone',
    params: { levels: [0.5, 0.618, 0.786], max_active: 4 },
    deps: dep(S22),
    reference: (b) => refDerivedZone(b, refSwing(b, S22), { levels: [0.5, 0.618, 0.786], max_active: 4 }),
  },
  {
    name: 'derived_zone unpaired extension',
    type: 'derived_zone',
    params: {
      levels: [0.272, 0.618],
      max_active: 3,
      mode: 'extension',
      use_paired_source: false,
      width_pct: 0.004,
    },
    deps: dep(S33),
    reference: (b) =>
      refDerivedZone(b, refSwing(b, S33), {
        levels: [0.272, 0.618],
        max_active: 3,
        mode: 'extension',
        use_paired_source: false,
        width_pct: 0.004,
      }),
  },
  {
    name: 'rolling_window min low 20',
    type: 'rolling_window',
    params: { size: 20, source: 'low', mode: 'min' },
    deps: {},
    reference: (b) => refRollingWindow(b, 20, 'l', 'min'),
  },
  {
    name: 'rolling_window max high 5',
    type: 'rolling_window',
    params: { size: 5, source: 'high', mode: 'max' },
    deps: {},
    reference: (b) => refRollingWindow(b, 5, 'h', 'max'),
  },
  {
    name: 'rolling_window max volume 1',
    type: 'rolling_window',
    params: { size: 1, source: 'volume', mode: 'max' },
    deps: {},
    reference: (b) => refRollingWindow(b, 1, 'v', 'max'),
  },
  {
    name: 'rolling_window min close 7',
    type: 'rolling_window',
    params: { size: 7, source: 'close', mode: 'min' },
    deps: {},
    reference: (b) => refRollingWindow(b, 7, 'c', 'min'),
  },
  { name: 'displacement', type: 'displacement', params: {}, deps: {}, reference: (b) => refDisplacement(b) },
  {
    name: 'displacement (loose)',
    type: 'displacement',
    params: { body_atr_min: 0.8, wick_ratio_max: 1 },
    deps: {},
    reference: (b) => refDisplacement(b, 0.8, 1),
  },
  {
    name: 'fair_value_gap',
    type: 'fair_value_gap',
    params: {},
    deps: {},
    reference: (b) => refFairValueGap(b),
  },
  {
    name: 'fair_value_gap (min_gap_atr 0.3, max_active 2)',
    type: 'fair_value_gap',
    params: { min_gap_atr: 0.3, max_active: 2 },
    deps: {},
    reference: (b) => refFairValueGap(b, 0.3, 2),
  },
  {
    name: 'order_block (defaults)',
    type: 'order_block',
    params: {},
    deps: dep(S22),
    reference: (b) => refOrderBlock(b, refSwing(b, S22)).rows,
  },
  {
    name: 'order_block (wicks, no displacement, lookback 5)',
    type: 'order_block',
    params: { use_body: false, require_displacement: false, lookback: 5, max_active: 3 },
    deps: dep(S22),
    reference: (b) =>
      refOrderBlock(b, refSwing(b, S22), {
        use_body: false,
        require_displacement: false,
        lookback: 5,
        max_active: 3,
      }).rows,
  },
  {
    name: 'order_block (bound displacement, loose)',
    type: 'order_block',
    params: {},
    deps: { ...dep(S22), displacement: { params: { body_atr_min: 0.8, wick_ratio_max: 1 } } },
    reference: (b) => refOrderBlock(b, refSwing(b, S22), { body_atr_min: 0.8, wick_ratio_max: 1 }).rows,
  },
  {
    name: 'liquidity_zones (defaults)',
    type: 'liquidity_zones',
    params: {},
    deps: dep(S22),
    reference: (b) => refLiquidityZones(b, refSwing(b, S22)),
  },
  {
    name: 'liquidity_zones (min_touches 1, tight history)',
    type: 'liquidity_zones',
    params: { min_touches: 1, max_active: 2, max_swing_history: 3, tolerance_atr: 0.6, sweep_atr: 0 },
    deps: dep(S22),
    reference: (b) =>
      refLiquidityZones(b, refSwing(b, S22), {
        min_touches: 1,
        max_active: 2,
        max_swing_history: 3,
        tolerance_atr: 0.6,
        sweep_atr: 0,
      }),
  },
  {
    name: 'liquidity_zones (min_touches 3)',
    type: 'liquidity_zones',
    params: { min_touches: 3, tolerance_atr: 1 },
    deps: dep(S22),
    reference: (b) => refLiquidityZones(b, refSwing(b, S22), { min_touches: 3, tolerance_atr: 1 }),
  },
  {
    name: 'premium_discount',
    type: 'premium_discount',
    params: {},
    deps: dep(S22),
    reference: (b) => refPremiumDiscount(b, refSwing(b, S22)),
  },
  {
    name: 'breaker_block (with market_structure)',
    type: 'breaker_block',
    params: {},
    deps: {
      order_block: { params: { require_displacement: false }, uses: dep(S22) },
      market_structure: { uses: dep(S22) },
    },
    reference: (b) => {
      const swing = refSwing(b, S22);
      return refBreakerBlock(
        b,
        refOrderBlock(b, swing, { require_displacement: false }),
        refMarketStructure(b, swing),
      );
    },
  },
  {
    name: 'breaker_block (order blocks only, max_active 2)',
    type: 'breaker_block',
    params: { max_active: 2 },
    deps: { order_block: { params: { require_displacement: false, use_body: false }, uses: dep(S22) } },
    reference: (b) =>
      refBreakerBlock(
        b,
        refOrderBlock(b, refSwing(b, S22), { require_displacement: false, use_body: false }),
        undefined,
        2,
      ),
  },
];

export function refBars(candles: Candles, atr: Float64Array): RefBars {
  return {
    o: Array.from(candles.open),
    h: Array.from(candles.high),
    l: Array.from(candles.low),
    c: Array.from(candles.close),
    v: Array.from(candles.volume),
    atr: Array.from(atr),
  };
}
