import { type Candles, hashCanonical, type InstrumentSpec } from '@trade/core';
import { candlesDigest, pairsDigest, type SeriesDigest } from './series-digest';

export type FundingSource = 'history' | 'constant' | 'none';

export interface FundingInput {
  readonly source: FundingSource;
  /** The configured rate when `source` is `constant`. */
  readonly constantRate?: number;
  /** Settlement times and rates consumed by the run when `source` is `history`. */
  readonly ts?: ArrayLike<number>;
  readonly rates?: ArrayLike<number>;
}

export interface DataHashInput {
  readonly symbol: string;
  readonly instrument: InstrumentSpec;
  /** Every 1m last-price bar consumed (data_start..sim_end), gap-filled rows included. */
  readonly last1m: Candles;
  readonly mark1m?: Candles;
  readonly funding: FundingInput;
  readonly openInterest?: { readonly ts: ArrayLike<number>; readonly values: ArrayLike<number> };
}

/** The instrument block of `data_hash` and `result.json.market.instrument`. */
export function instrumentRecord(spec: InstrumentSpec) {
  return {
    tick_size: spec.tickSize,
    qty_step: spec.qtyStep,
    min_qty: spec.minOrderQty,
    max_qty: spec.maxOrderQty,
    min_notional: spec.minNotionalValue,
    max_leverage: spec.maxLeverage,
    funding_interval_min: spec.fundingIntervalMin,
    risk_tiers: spec.riskTiers.map((t) => ({
      limit: t.riskLimitValue,
      mmr: t.maintenanceMarginRate,
      deduction: t.mmDeduction,
      max_leverage: t.maxLeverage,
    })),
  };
}

export interface DataHashRecord {
  readonly kind: 'data/v1';
  readonly symbol: string;
  readonly instrument: ReturnType<typeof instrumentRecord>;
  readonly last_1m: SeriesDigest;
  readonly mark_1m: SeriesDigest | null;
  readonly funding: { source: FundingSource; constant_rate: number | null; count: number; sha256: string };
  readonly open_interest: SeriesDigest | null;
}

/** The object `data_hash` hashes (`engine.md` §10.3). */
export function dataHashRecord(input: DataHashInput): DataHashRecord {
  const fundingTs = input.funding.source === 'history' ? (input.funding.ts ?? []) : [];
  const fundingRates = input.funding.source === 'history' ? (input.funding.rates ?? []) : [];
  const funding = pairsDigest(fundingTs, fundingRates);
  return {
    kind: 'data/v1',
    symbol: input.symbol,
    instrument: instrumentRecord(input.instrument),
    last_1m: candlesDigest(input.last1m, true),
    mark_1m: input.mark1m === undefined ? null : candlesDigest(input.mark1m, false),
    funding: {
      source: input.funding.source,
      constant_rate: input.funding.source === 'constant' ? (input.funding.constantRate ?? null) : null,
      count: funding.count,
      sha256: funding.sha256,
    },
    open_interest:
      input.openInterest === undefined ? null : pairsDigest(input.openInterest.ts, input.openInterest.values),
  };
}

export function dataHash(input: DataHashInput): string {
  return hashCanonical(dataHashRecord(input));
}
