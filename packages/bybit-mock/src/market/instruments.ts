import { BTCUSDT_INSTRUMENT, BTCUSDT_RISK_TIERS, type InstrumentSpec, type RiskTier } from '@trade/core';
import { decimalString, roundTo, stepDecimals } from './format';

/** An instrument as the mock serves it: core's trading rules plus the listing fields Bybit reports. */
export interface MockInstrument extends InstrumentSpec {
  readonly baseCoin: string;
  readonly priceScale: number;
  /** First available bar of the symbol (`bybit-mock.md` §2.5). */
  readonly launchTime: number;
  /** True when the tier table is a plausible fixture, not an exchange fact. */
  readonly tiersSynthetic: boolean;
}

/**
 * Re-derives MM deductions so maintenance margin stays continuous at every boundary:
 * `d(n) = limit(n−1)·(MMR(n) − MMR(n−1)) + d(n−1)`, `d(1) = 0`.
 */
export function withRecomputedDeductions(
  tiers: readonly { riskLimitValue: number; maintenanceMarginRate: number; maxLeverage: number }[],
): RiskTier[] {
  const out: RiskTier[] = [];
  tiers.forEach((t, n) => {
    const prev = out[n - 1];
    const mmDeduction =
      prev === undefined
        ? 0
        : roundTo(
            prev.riskLimitValue * (t.maintenanceMarginRate - prev.maintenanceMarginRate) + prev.mmDeduction,
            8,
          );
    out.push({ ...t, mmDeduction });
  });
  return out;
}

/** ETHUSDT's fixture tiers (`bybit-mock.md` §2.5): BTCUSDT's MMR and leverage, half the limits. */
export function halfScaledTiers(base: readonly RiskTier[]): RiskTier[] {
  return withRecomputedDeductions(base.map((t) => ({ ...t, riskLimitValue: t.riskLimitValue / 2 })));
}

const ETHUSDT_RULES: InstrumentSpec = {
  symbol: 'ETHUSDT',
  tickSize: 0.01,
  minPrice: 0.01,
  maxPrice: 199_999.98,
  qtyStep: 0.01,
  minOrderQty: 0.01,
  maxOrderQty: 7240,
  maxMktOrderQty: 3620,
  minNotionalValue: 5,
  minLeverage: 1,
  maxLeverage: 100,
  leverageStep: 0.01,
  fundingIntervalMin: 480,
  lowerFundingRate: -0.00375,
  upperFundingRate: 0.00375,
  riskTiers: halfScaledTiers(BTCUSDT_RISK_TIERS),
};

/** Decimal places a column of prices or sizes is written with (bounded sample; the data is regular). */
function observedDecimals(values: Float64Array): number {
  let max = 0;
  const n = Math.min(values.length, 5000);
  for (let i = 0; i < n; i++) max = Math.max(max, stepDecimals(values[i]!));
  return Math.min(max, 8);
}

/**
 * Rules for a symbol with data but no fixture: tick and qty step from the decimals its prices and volumes
 * are written with, order limits scaled to BTCUSDT's notional, BTCUSDT's leverage and the half-scaled
 * tiers flagged synthetic. Plausible, not an exchange fact; pass `instruments` to override.
 */
export function deriveInstrument(
  symbol: string,
  sample: { close: Float64Array; volume: Float64Array },
): InstrumentSpec {
  const priceDecimals = Math.max(observedDecimals(sample.close), 1);
  const qtyDecimals = observedDecimals(sample.volume);
  const tickSize = 10 ** -priceDecimals;
  const qtyStep = 10 ** -qtyDecimals;
  const lastPrice = sample.close[sample.close.length - 1] ?? 1;
  const qtyFor = (notional: number) => Math.max(qtyStep, roundTo(notional / lastPrice, qtyDecimals));
  return {
    ...BTCUSDT_INSTRUMENT,
    symbol,
    tickSize: roundTo(tickSize, priceDecimals),
    minPrice: roundTo(tickSize, priceDecimals),
    maxPrice: roundTo(lastPrice * 20, priceDecimals),
    qtyStep: roundTo(qtyStep, qtyDecimals),
    minOrderQty: roundTo(qtyStep, qtyDecimals),
    maxOrderQty: qtyFor(1190 * 100_000),
    maxMktOrderQty: qtyFor(500 * 100_000),
    riskTiers: halfScaledTiers(BTCUSDT_RISK_TIERS),
  };
}

/** The fixtures of `bybit-mock.md` §2.5; Bybit prints their prices with `priceScale` = 2 decimals. */
export function fixtureRules(symbol: string): { rules: InstrumentSpec; priceScale: number } | undefined {
  if (symbol === 'BTCUSDT') return { rules: BTCUSDT_INSTRUMENT, priceScale: 2 };
  if (symbol === 'ETHUSDT') return { rules: ETHUSDT_RULES, priceScale: 2 };
  return undefined;
}

export function baseCoinOf(symbol: string): string {
  return symbol.endsWith('USDT') ? symbol.slice(0, -4) : symbol;
}

/** `instruments-info` list item, keys and types as the recorded BTCUSDT response. */
export function instrumentInfoItem(inst: MockInstrument, symbolId: number): Record<string, unknown> {
  const px = (v: number) => v.toFixed(inst.priceScale);
  const qd = stepDecimals(inst.qtyStep);
  const qty = (v: number) => v.toFixed(qd);
  return {
    symbol: inst.symbol,
    symbolId,
    contractType: 'LinearPerpetual',
    status: 'Trading',
    baseCoin: inst.baseCoin,
    quoteCoin: 'USDT',
    launchTime: String(inst.launchTime),
    deliveryTime: '0',
    deliveryFeeRate: '',
    priceScale: String(inst.priceScale),
    leverageFilter: {
      minLeverage: decimalString(inst.minLeverage),
      maxLeverage: inst.maxLeverage.toFixed(2),
      leverageStep: decimalString(inst.leverageStep),
    },
    priceFilter: {
      minPrice: px(inst.minPrice),
      maxPrice: px(inst.maxPrice),
      tickSize: px(inst.tickSize),
    },
    lotSizeFilter: {
      maxOrderQty: qty(inst.maxOrderQty),
      minOrderQty: qty(inst.minOrderQty),
      qtyStep: qty(inst.qtyStep),
      postOnlyMaxOrderQty: qty(inst.maxOrderQty),
      maxMktOrderQty: qty(inst.maxMktOrderQty),
      minNotionalValue: decimalString(inst.minNotionalValue),
    },
    unifiedMarginTrade: true,
    fundingInterval: inst.fundingIntervalMin,
    settleCoin: 'USDT',
    copyTrading: 'both',
    upperFundingRate: decimalString(inst.upperFundingRate),
    lowerFundingRate: decimalString(inst.lowerFundingRate),
    isPreListing: false,
    preListingInfo: null,
    riskParameters: { priceLimitRatioX: '0.01', priceLimitRatioY: '0.02' },
    symbolType: '',
  };
}

/** `risk-limit` list items: 1-based ids, fractions as strings, `isLowestRisk` 1 on the first tier. */
export function riskLimitItems(inst: MockInstrument): Record<string, unknown>[] {
  return inst.riskTiers.map((t, k) => ({
    id: k + 1,
    symbol: inst.symbol,
    riskLimitValue: decimalString(t.riskLimitValue),
    maintenanceMargin: decimalString(t.maintenanceMarginRate),
    // Shortest round-trip decimal of 1/maxLeverage, as the test kit's tier file writes `imr`.
    initialMargin: String(1 / t.maxLeverage),
    isLowestRisk: k === 0 ? 1 : 0,
    maxLeverage: t.maxLeverage.toFixed(2),
    // Bybit sends "" where there is no deduction (the first tier).
    mmDeduction: t.mmDeduction === 0 ? '' : decimalString(t.mmDeduction),
  }));
}
