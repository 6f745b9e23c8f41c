import type { PositionSide, RiskTier } from '@trade/core';
import { type Frac, frac, fromUnits, sub, toNumber } from '../formulas/exact';
import { roundPrice } from '../formulas/grid';
import { bankruptcyPriceExact, liquidationRootExact } from '../formulas/liquidation';
import { feeToCloseExact, imCoreExact } from '../formulas/margin';
import { mmCoreValue } from '../formulas/tiers';
import type { ExitReason } from '../types';

/** Mutable record of one position lifecycle (flat → flat); frozen into a `Trade` when it closes. */
export interface TradeState {
  readonly tradeId: string;
  readonly side: PositionSide;
  readonly openTime: number;
  readonly openBarTime: number;
  /** Opening fill happened at the bar open (the whole entry bar counts for MAE/MFE and trailing peaks). */
  readonly openedAtOpen: boolean;
  entryQty: number;
  maxQty: number;
  entryNotional: Frac;
  exitQty: number;
  exitNotional: Frac;
  realizedUnits: bigint;
  entryFeeUnits: bigint;
  exitFeeUnits: bigint;
  fundingUnits: bigint;
  leverage: number;
  partialCloses: number;
  partialLiquidations: number;
  slMovedToBreakEven: boolean;
  breakEvenArmed: boolean;
  /** Last-price extremes over the holding period (§12.5). */
  minPrice: number;
  maxPrice: number;
  fillIds: string[];
  exitReason: ExitReason | null;
  exitTag: string | null;
}

export interface TrailingState {
  distance: number;
  /** NaN when the stop is active at once. */
  activePrice: number;
  active: boolean;
  peak: number;
}

/**
 * The open isolated position (§6): size, exact average entry, leverage, tracked position margin `PM` and
 * extra margin in 1e-8 units, plus the derived liquidation and bankruptcy prices, recomputed by `refresh()`
 * after every fill, funding payment, margin or leverage change (never per bar).
 */
export class OpenPosition {
  readonly sign: 1 | -1;
  qty: number;
  entry: Frac;
  avgEntry: number;
  leverage: number;
  pmUnits = 0n;
  extraUnits = 0n;
  fundingDrainUnits = 0n;
  trailing: TrailingState | null = null;

  // Derived (refresh()).
  liqPrice = Number.NaN;
  liqPriceExact: number | null = null;
  liqTier = 0;
  bustExact: Frac = { n: 0n, d: 1n };
  bustPrice = 0;
  ftc = 0;
  imCore = 0;
  /** `PM − FTC` as a double, for coverage on the hot path. */
  pmx = 0;
  pm = 0;

  constructor(
    readonly side: PositionSide,
    qty: number,
    entryPrice: number,
    leverage: number,
    readonly trade: TradeState,
  ) {
    this.sign = side === 'long' ? 1 : -1;
    this.qty = qty;
    this.entry = frac(entryPrice);
    this.avgEntry = entryPrice;
    this.leverage = leverage;
  }

  refresh(tiers: readonly RiskTier[], takerFeeRate: number, tickSize: number): void {
    const q = frac(this.qty);
    const lev = frac(this.leverage);
    const ftc = feeToCloseExact(this.side, q, this.entry, lev, frac(takerFeeRate));
    const pm = fromUnits(this.pmUnits);
    const pmx = sub(pm, ftc);
    const root = liquidationRootExact(this.side, q, this.entry, pmx, tiers);
    this.ftc = toNumber(ftc);
    this.imCore = toNumber(imCoreExact(q, this.entry, lev));
    this.pm = toNumber(pm);
    this.pmx = toNumber(pmx);
    if (root === undefined) {
      this.liqPrice = Number.NaN;
      this.liqPriceExact = null;
      this.liqTier = 0;
    } else {
      this.liqPriceExact = toNumber(root.exact);
      this.liqPrice = roundPrice(this.liqPriceExact, tickSize, this.side === 'long' ? 'up' : 'down');
      this.liqTier = root.tier;
    }
    this.bustExact = bankruptcyPriceExact(this.side, q, this.entry, pm, frac(takerFeeRate));
    this.bustPrice = roundPrice(toNumber(this.bustExact), tickSize, 'nearest');
  }

  /** Core maintenance margin at mark `m` (tier by mark value), double precision for monitoring. */
  mmCoreAt(m: number, tiers: readonly RiskTier[]): number {
    return mmCoreValue(this.qty * m, tiers);
  }

  /** `(PMx + upnl(M)) / MMc(M)`; liquidation at ≤ 1 (§6.3). */
  coverageAt(m: number, tiers: readonly RiskTier[]): number {
    const mm = this.mmCoreAt(m, tiers);
    const upnl = this.sign * this.qty * (m - this.avgEntry);
    return mm > 0 ? (this.pmx + upnl) / mm : Number.POSITIVE_INFINITY;
  }
}
