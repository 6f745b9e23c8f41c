/**
 * The port sync talks to (`data.md` §5). `BybitMarketDataClient` implements it over `bybit-api`'s
 * `RestClientV5`; tests implement it in memory. Every method returns parsed numbers in Bybit's order
 * (newest first for series) and has already applied rate limiting and retries.
 */
export interface KlineRow {
  readonly ts: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** Absent for mark-price klines. */
  readonly volume?: number;
  readonly turnover?: number;
}

export interface FundingRow {
  readonly ts: number;
  readonly rate: number;
}

export interface OpenInterestRow {
  readonly ts: number;
  readonly oi: number;
}

export interface InstrumentInfo {
  readonly symbol: string;
  readonly status: string;
  readonly contractType: string;
  readonly baseCoin: string;
  readonly quoteCoin: string;
  readonly settleCoin: string;
  readonly launchTime: number;
  readonly priceScale: number;
  readonly tickSize: number;
  readonly minPrice: number;
  readonly maxPrice: number;
  readonly qtyStep: number;
  readonly minOrderQty: number;
  readonly maxOrderQty: number;
  readonly maxMktOrderQty: number;
  readonly postOnlyMaxQty: number | null;
  readonly minNotional: number | null;
  readonly minLeverage: number;
  readonly maxLeverage: number;
  readonly leverageStep: number;
  readonly fundingIntervalMin: number;
  readonly upperFundingRate: number | null;
  readonly lowerFundingRate: number | null;
  /** The response object as received (stored as JSON in `instruments.raw`). */
  readonly raw: unknown;
}

export interface RiskTierInfo {
  readonly tierId: number;
  readonly riskLimitValue: number;
  readonly mmr: number;
  readonly imr: number;
  readonly mmDeduction: number;
  readonly maxLeverage: number;
  readonly isLowestRisk: boolean;
}

export interface KlineRequest {
  readonly symbol: string;
  /** Bybit interval string (`1`, `60`, `D`). */
  readonly interval: string;
  /** Inclusive bounds on the bar open time, as Bybit takes them. */
  readonly start: number;
  readonly end: number;
  readonly limit: number;
}

export interface TimeWindowRequest {
  readonly symbol: string;
  /** Inclusive bounds. */
  readonly startTime: number;
  readonly endTime: number;
  readonly limit: number;
}

/** Notable client events, for progress lines ("rate-limit waits") and diagnostics. */
export type ClientEvent =
  | { readonly type: 'retry'; readonly reason: string; readonly waitMs: number; readonly attempt: number }
  | { readonly type: 'rate_limited'; readonly waitMs: number };

export interface MarketDataClient {
  /** Exchange clock (epoch ms). */
  serverTime(signal?: AbortSignal): Promise<number>;
  klines(request: KlineRequest, signal?: AbortSignal): Promise<KlineRow[]>;
  markPriceKlines(request: KlineRequest, signal?: AbortSignal): Promise<KlineRow[]>;
  fundingHistory(request: TimeWindowRequest, signal?: AbortSignal): Promise<FundingRow[]>;
  /** One page; follow `nextCursor` until it is empty. */
  openInterest(
    request: TimeWindowRequest & { intervalTime: string; cursor?: string },
    signal?: AbortSignal,
  ): Promise<{ rows: OpenInterestRow[]; nextCursor: string | undefined }>;
  instrument(symbol: string, signal?: AbortSignal): Promise<InstrumentInfo | undefined>;
  riskTiers(symbol: string, signal?: AbortSignal): Promise<RiskTierInfo[]>;
}
