import type { RiskTier } from '@trade/core';
import { TradeError } from '@trade/core';

/** The tier table failed the loader checks of sim-exchange.md §4.1. */
export class TierTableError extends TradeError {}

export interface TierInfo {
  /** 1-based tier number. */
  readonly tier: number;
  readonly mmr: number;
  readonly mmDeduction: number;
  readonly maxLeverage: number;
}

/** A tier row as a loader may see it: the deduction may be missing (computed by the recursion). */
export interface RiskTierInput {
  readonly riskLimitValue: number;
  readonly maintenanceMarginRate: number;
  readonly mmDeduction?: number;
  readonly maxLeverage?: number;
}

/**
 * Index (0-based) of the smallest tier whose inclusive limit holds `positionValue`; above the last limit the
 * last tier applies (§2 `tier(V)`, §4.1).
 */
export function tierIndexFor(positionValue: number, tiers: readonly RiskTierInput[]): number {
  const last = tiers.length - 1;
  for (let i = 0; i < last; i++) if (positionValue <= tiers[i]!.riskLimitValue) return i;
  return last;
}

/** `riskTierFor(V, tiers) → {tier, mmr, mmDeduction, maxLeverage}` (§3.5). */
export function riskTierFor(positionValue: number, tiers: readonly RiskTier[]): TierInfo {
  const i = tierIndexFor(positionValue, tiers);
  const t = tiers[i]!;
  return {
    tier: i + 1,
    mmr: t.maintenanceMarginRate,
    mmDeduction: t.mmDeduction,
    maxLeverage: t.maxLeverage,
  };
}

/**
 * `MMc(V) = V·r − d` of `tier(V)` as a bare number: the one maintenance-margin formula, used by
 * `maintenanceMarginCore`, `positionMaintenanceMargin` and the simulator's per-bar coverage (no allocation).
 */
export function mmCoreValue(positionValue: number, tiers: readonly RiskTierInput[]): number {
  const t = tiers[tierIndexFor(positionValue, tiers)]!;
  return positionValue * t.maintenanceMarginRate - (t.mmDeduction ?? 0);
}

/** `MMc(V) = V·r − d` of `tier(V)` (§4.1). */
export function maintenanceMarginCore(input: { positionValue: number; tiers: readonly RiskTier[] }): {
  tier: number;
  mmr: number;
  mmDeduction: number;
  mmCore: number;
} {
  const t = riskTierFor(input.positionValue, input.tiers);
  return {
    tier: t.tier,
    mmr: t.mmr,
    mmDeduction: t.mmDeduction,
    mmCore: input.positionValue * t.mmr - t.mmDeduction,
  };
}

/** Deduction of tier n by Bybit's recursion `d(n) = limit(n−1)·(r(n) − r(n−1)) + d(n−1)`, `d(1) = 0`. */
function recursiveDeductions(tiers: readonly RiskTierInput[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < tiers.length; i++) {
    if (i === 0) {
      out.push(0);
      continue;
    }
    const prev = tiers[i - 1]!;
    const raw =
      prev.riskLimitValue * (tiers[i]!.maintenanceMarginRate - prev.maintenanceMarginRate) + out[i - 1]!;
    // Rates like 0.0056 are not exact in binary; snap to 1e-8 so 1,200 prints as 1200, not 1199.9999999999.
    out.push(Math.round(raw * 1e8) / 1e8);
  }
  return out;
}

/**
 * Loader check of §4.1: limits strictly increasing, MMR non-decreasing, max leverage non-increasing, and each
 * deduction within `1e-6·limit` of the recursion (a missing deduction is computed). Throws `TierTableError`.
 */
export function validateTierTable(tiers: readonly RiskTierInput[]): { mmDeductions: number[] } {
  const fail = (message: string, index: number): never => {
    throw new TierTableError('E_TIER_TABLE', `risk tier ${index + 1}: ${message}`, {
      path: `riskTiers[${index}]`,
      hint: 'use the risk-limit table of Bybit GET /v5/market/risk-limit in ascending order',
    });
  };
  if (tiers.length === 0) fail('the table is empty', 0);
  const expected = recursiveDeductions(tiers);
  for (let i = 0; i < tiers.length; i++) {
    const t = tiers[i]!;
    if (!(t.riskLimitValue > 0)) fail('riskLimitValue must be > 0', i);
    if (!(t.maintenanceMarginRate >= 0 && t.maintenanceMarginRate < 1))
      fail('maintenanceMarginRate must be in [0, 1)', i);
    if (i > 0) {
      const prev = tiers[i - 1]!;
      if (!(t.riskLimitValue > prev.riskLimitValue)) fail('risk limits must be strictly increasing', i);
      if (t.maintenanceMarginRate < prev.maintenanceMarginRate)
        fail('maintenance margin rates must not decrease', i);
      if (t.maxLeverage !== undefined && prev.maxLeverage !== undefined && t.maxLeverage > prev.maxLeverage) {
        fail('max leverage must not increase', i);
      }
    }
    if (t.mmDeduction !== undefined) {
      const limitBefore = i === 0 ? t.riskLimitValue : tiers[i - 1]!.riskLimitValue;
      if (Math.abs(t.mmDeduction - expected[i]!) > 1e-6 * limitBefore) {
        fail(`mmDeduction ${t.mmDeduction} differs from the recursion value ${expected[i]}`, i);
      }
    }
  }
  return { mmDeductions: expected };
}

/** A complete, validated tier table (missing deductions filled in). Throws `TierTableError`. */
export function normalizeTierTable(tiers: readonly RiskTierInput[]): RiskTier[] {
  const { mmDeductions } = validateTierTable(tiers);
  return tiers.map((t, i) => {
    if (t.maxLeverage === undefined) {
      throw new TierTableError('E_TIER_TABLE', `risk tier ${i + 1}: maxLeverage is missing`, {
        path: `riskTiers[${i}].maxLeverage`,
        hint: 'every tier needs the maxLeverage of Bybit GET /v5/market/risk-limit',
      });
    }
    return Object.freeze({
      riskLimitValue: t.riskLimitValue,
      maintenanceMarginRate: t.maintenanceMarginRate,
      mmDeduction: t.mmDeduction ?? mmDeductions[i]!,
      maxLeverage: t.maxLeverage,
    });
  });
}
