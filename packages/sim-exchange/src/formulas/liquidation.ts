import type { PositionSide, RiskTier } from '@trade/core';
import { add, compare, div, type Frac, frac, fracToString, mul, ONE, sub, toNumber, ZERO } from './exact';
import { roundPrice } from './grid';

/**
 * Bankruptcy and liquidation prices (sim-exchange.md §7.1–7.2), exact rationals internally so the simulator's
 * trigger and the engine's pre-trade check are the same number.
 */

/** Long `(Q·E − PM)/(Q·(1 − t))` floored at 0; short `(Q·E + PM)/(Q·(1 + t))`. */
export function bankruptcyPriceExact(
  side: PositionSide,
  qty: Frac,
  entryPrice: Frac,
  positionMargin: Frac,
  takerFeeRate: Frac,
): Frac {
  const value = mul(qty, entryPrice);
  if (side === 'long') {
    const bp = div(sub(value, positionMargin), mul(qty, sub(ONE, takerFeeRate)));
    return compare(bp, ZERO) <= 0 ? ZERO : bp;
  }
  return div(add(value, positionMargin), mul(qty, add(ONE, takerFeeRate)));
}

export function bankruptcyPrice(input: {
  readonly side: PositionSide;
  readonly qty: number;
  readonly entryPrice: number;
  readonly positionMargin: number;
  readonly takerFeeRate: number;
}): { bankruptcyPrice: number } {
  return {
    bankruptcyPrice: toNumber(
      bankruptcyPriceExact(
        input.side,
        frac(input.qty),
        frac(input.entryPrice),
        frac(input.positionMargin),
        frac(input.takerFeeRate),
      ),
    ),
  };
}

export interface LiquidationRoot {
  /** Exact root of `PMx + s·Q·(M − E) = Q·M·r − d`. */
  readonly exact: Frac;
  /** 1-based tier whose value range holds `Q·root`. */
  readonly tier: number;
}

/**
 * Solves the liquidation condition on the tier that contains the root (§7.1); `undefined` when a long has no
 * positive root (margin covers the whole value).
 */
export function liquidationRootExact(
  side: PositionSide,
  qty: Frac,
  entryPrice: Frac,
  marginExFeeToClose: Frac,
  tiers: readonly RiskTier[],
): LiquidationRoot | undefined {
  const value = mul(qty, entryPrice);
  let lower = ZERO;
  for (let i = 0; i < tiers.length; i++) {
    const t = tiers[i]!;
    const r = frac(t.maintenanceMarginRate);
    const d = frac(t.mmDeduction);
    const candidate =
      side === 'long'
        ? div(sub(sub(value, marginExFeeToClose), d), mul(qty, sub(ONE, r)))
        : div(add(add(value, marginExFeeToClose), d), mul(qty, add(ONE, r)));
    const candidateValue = mul(qty, candidate);
    const upper = frac(t.riskLimitValue);
    const isLast = i === tiers.length - 1;
    if (compare(candidateValue, lower) > 0 && (isLast || compare(candidateValue, upper) <= 0)) {
      return { exact: candidate, tier: i + 1 };
    }
    lower = upper;
  }
  return undefined;
}

export interface LiquidationPriceInput {
  readonly side: PositionSide;
  readonly qty: number;
  readonly entryPrice: number;
  /** Informational: the liquidation price does not depend on it once the margin is known. */
  readonly leverage?: number;
  /** The position's whole margin excluding the fee-to-close term (IM + extra margin − funding drained). */
  readonly marginExFeeToClose: number;
  /** Informational, already inside `marginExFeeToClose` (§3.5). */
  readonly extraMargin?: number;
  /** Informational, already inside `marginExFeeToClose` (§3.5). */
  readonly fundingDrainedFromMargin?: number;
  readonly tiers: readonly RiskTier[];
  readonly tickSize: number;
}

export interface LiquidationPriceResult {
  liqPriceExact: number | null;
  liqPriceExactRational: string | null;
  /** Rounded to tick conservatively: long up, short down. */
  liqPrice: number | null;
  tierAtLiqPrice: number | null;
}

/** The one liquidation-price function of sim and engine (§3.5, §7.1). */
export function liquidationPrice(input: LiquidationPriceInput): LiquidationPriceResult {
  const root = liquidationRootExact(
    input.side,
    frac(input.qty),
    frac(input.entryPrice),
    frac(input.marginExFeeToClose),
    input.tiers,
  );
  return describeLiquidationRoot(input.side, root, input.tickSize);
}

export function describeLiquidationRoot(
  side: PositionSide,
  root: LiquidationRoot | undefined,
  tickSize: number,
): LiquidationPriceResult {
  if (root === undefined)
    return { liqPriceExact: null, liqPriceExactRational: null, liqPrice: null, tierAtLiqPrice: null };
  const exact = toNumber(root.exact);
  return {
    liqPriceExact: exact,
    liqPriceExactRational: fracToString(root.exact),
    liqPrice: roundPrice(exact, tickSize, side === 'long' ? 'up' : 'down'),
    tierAtLiqPrice: root.tier,
  };
}
