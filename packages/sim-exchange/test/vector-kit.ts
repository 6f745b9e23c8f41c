import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InstrumentSpec, RiskTier } from '@trade/core';
import { expect } from 'vitest';

/** Loader and comparison helpers for `sim-vectors.json` (its `conventions` block). */

export interface Vector {
  readonly id: string;
  readonly group: string;
  readonly description: string;
  readonly function: string;
  readonly inputs: Record<string, unknown>;
  readonly expected: Record<string, unknown>;
  readonly tolerance: { abs?: number; rel?: number; exact_string?: boolean; check?: string };
}

export interface VectorFile {
  readonly conventions: Record<string, unknown>;
  readonly fixtures: Record<string, { riskTiers: Record<string, number>[] } & Record<string, unknown>>;
  readonly vectors: readonly Vector[];
}

export function loadVectors(shared: string): VectorFile {
  return JSON.parse(readFileSync(join(shared, 'specs', 'sim-vectors.json'), 'utf8')) as VectorFile;
}

function tiersOf(rows: readonly Record<string, number>[], withDeductions: boolean): RiskTier[] {
  return rows.map((r) => ({
    riskLimitValue: r.riskLimitValue!,
    maintenanceMarginRate: r.maintenanceMarginRate!,
    mmDeduction: withDeductions ? r.mmDeduction! : (undefined as unknown as number),
    maxLeverage: r.maxLeverage ?? 100,
  }));
}

/** Resolves `fixture:NAME`, `fixture:NAME.riskTiers (deductions removed)` references. */
export function resolveFixture(file: VectorFile, ref: unknown, as: 'tiers' | 'instrument'): unknown {
  if (typeof ref !== 'string' || !ref.startsWith('fixture:')) return ref;
  const m = /^fixture:([A-Z]+)(\.riskTiers)?( \(deductions removed\))?$/.exec(ref);
  if (m === null) throw new Error(`unknown fixture reference ${ref}`);
  const fx = file.fixtures[m[1]!]!;
  if (m[3] !== undefined) {
    return fx.riskTiers.map((r) => ({
      riskLimitValue: r.riskLimitValue,
      maintenanceMarginRate: r.maintenanceMarginRate,
      maxLeverage: r.maxLeverage,
    }));
  }
  const tiers = tiersOf(fx.riskTiers, true);
  if (as === 'tiers') return tiers;
  const spec: InstrumentSpec = {
    symbol: String(fx.symbol),
    tickSize: Number(fx.tickSize),
    minPrice: Number(fx.minPrice),
    maxPrice: Number(fx.maxPrice),
    qtyStep: Number(fx.qtyStep),
    minOrderQty: Number(fx.minOrderQty),
    maxOrderQty: Number(fx.maxOrderQty),
    maxMktOrderQty: Number(fx.maxMktOrderQty),
    minNotionalValue: Number(fx.minNotionalValue),
    minLeverage: Number(fx.minLeverage),
    maxLeverage: Number(fx.maxLeverage),
    leverageStep: Number(fx.leverageStep),
    fundingIntervalMin: Number(fx.fundingIntervalMin),
    lowerFundingRate: Number(fx.lowerFundingRate),
    upperFundingRate: Number(fx.upperFundingRate),
    riskTiers: tiers,
  };
  return spec;
}

/** Compares `actual` against `expected` per the vector tolerance; unlisted fields are not checked. */
export function expectMatches(
  actual: unknown,
  expected: unknown,
  tolerance: Vector['tolerance'],
  path: string,
): void {
  if (expected === null || typeof expected !== 'object') {
    if (typeof expected === 'number') {
      expect(typeof actual, `${path} is a number`).toBe('number');
      const a = actual as number;
      const abs = tolerance.abs ?? (tolerance.exact_string === true ? 1e-12 : undefined);
      const rel = tolerance.rel;
      const okAbs = abs !== undefined && Math.abs(a - expected) <= abs;
      const okRel = rel !== undefined && Math.abs(a - expected) <= rel * Math.abs(expected);
      if (abs === undefined && rel === undefined) expect(a, path).toBe(expected);
      else expect(okAbs || okRel, `${path}: ${a} vs expected ${expected}`).toBe(true);
      return;
    }
    expect(actual, path).toEqual(expected);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path} is an array`).toBe(true);
    const arr = actual as unknown[];
    expect(arr.length, `${path}.length`).toBe(expected.length);
    expected.forEach((e, i) => {
      expectMatches(arr[i], e, tolerance, `${path}[${i}]`);
    });
    return;
  }
  expect(actual !== null && typeof actual === 'object', `${path} is an object`).toBe(true);
  for (const [k, v] of Object.entries(expected)) {
    expectMatches((actual as Record<string, unknown>)[k], v, tolerance, `${path}.${k}`);
  }
}
