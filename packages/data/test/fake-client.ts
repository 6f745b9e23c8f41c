import type {
  FundingRow,
  InstrumentInfo,
  KlineRequest,
  KlineRow,
  MarketDataClient,
  OpenInterestRow,
  RiskTierInfo,
  TimeWindowRequest,
} from '../src/index';

export interface FakeCall {
  readonly method: string;
  readonly params: Record<string, unknown>;
}

export const FAKE_INSTRUMENT: InstrumentInfo = {
  symbol: 'BTCUSDT',
  status: 'Trading',
  contractType: 'LinearPerpetual',
  baseCoin: 'BTC',
  quoteCoin: 'USDT',
  settleCoin: 'USDT',
  launchTime: 0,
  priceScale: 2,
  tickSize: 0.1,
  minPrice: 0.1,
  maxPrice: 1999999.8,
  qtyStep: 0.001,
  minOrderQty: 0.001,
  maxOrderQty: 1190,
  maxMktOrderQty: 500,
  postOnlyMaxQty: 1190,
  minNotional: 5,
  minLeverage: 1,
  maxLeverage: 100,
  leverageStep: 0.01,
  fundingIntervalMin: 480,
  upperFundingRate: 0.00375,
  lowerFundingRate: -0.00375,
  raw: { symbol: 'BTCUSDT' },
};

/**
 * An in-memory exchange behind the `MarketDataClient` port: serves the given series Bybit-style (newest
 * first, inclusive bounds, at most `limit`, the forming bar included) and logs every call.
 */
export class FakeMarketDataClient implements MarketDataClient {
  readonly calls: FakeCall[] = [];
  /** Called before each kline answer; lets a test abort after N windows. */
  onKline: ((callIndex: number) => void) | undefined;
  private klineCalls = 0;

  constructor(
    readonly data: {
      now: number;
      klines?: KlineRow[];
      mark?: KlineRow[];
      funding?: FundingRow[];
      oi?: OpenInterestRow[];
      instrument?: InstrumentInfo;
      tiers?: RiskTierInfo[];
    },
  ) {}

  async serverTime(): Promise<number> {
    this.calls.push({ method: 'serverTime', params: {} });
    return this.data.now;
  }

  private window<T extends { ts: number }>(
    rows: readonly T[],
    start: number,
    end: number,
    limit: number,
  ): T[] {
    return rows
      .filter((r) => r.ts >= start && r.ts <= end && r.ts <= this.data.now)
      .sort((a, b) => b.ts - a.ts)
      .slice(0, limit);
  }

  async klines(request: KlineRequest): Promise<KlineRow[]> {
    this.calls.push({ method: 'klines', params: { ...request } });
    this.onKline?.(this.klineCalls++);
    return this.window(this.data.klines ?? [], request.start, request.end, request.limit);
  }

  async markPriceKlines(request: KlineRequest): Promise<KlineRow[]> {
    this.calls.push({ method: 'markPriceKlines', params: { ...request } });
    return this.window(this.data.mark ?? [], request.start, request.end, request.limit);
  }

  async fundingHistory(request: TimeWindowRequest): Promise<FundingRow[]> {
    this.calls.push({ method: 'fundingHistory', params: { ...request } });
    return this.window(this.data.funding ?? [], request.startTime, request.endTime, request.limit);
  }

  async openInterest(
    request: TimeWindowRequest & { intervalTime: string; cursor?: string },
  ): Promise<{ rows: OpenInterestRow[]; nextCursor: string | undefined }> {
    this.calls.push({ method: 'openInterest', params: { ...request } });
    const all = this.window(this.data.oi ?? [], request.startTime, request.endTime, Number.MAX_SAFE_INTEGER);
    const offset = request.cursor === undefined ? 0 : Number(request.cursor);
    const page = all.slice(offset, offset + request.limit);
    const next = offset + request.limit < all.length ? String(offset + request.limit) : undefined;
    return { rows: page, nextCursor: next };
  }

  async instrument(symbol: string): Promise<InstrumentInfo | undefined> {
    this.calls.push({ method: 'instrument', params: { symbol } });
    const inst = this.data.instrument ?? FAKE_INSTRUMENT;
    return inst.symbol === symbol ? inst : undefined;
  }

  async riskTiers(symbol: string): Promise<RiskTierInfo[]> {
    this.calls.push({ method: 'riskTiers', params: { symbol } });
    return this.data.tiers ?? [];
  }
}
