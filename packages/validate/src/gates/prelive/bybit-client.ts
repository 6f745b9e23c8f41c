import { RestClientV5 } from 'bybit-api';

/** The `RestClientV5` calls pre-live makes, typed as `bybit-api` 4.7 answers them (strings as Bybit sends). */
export interface BybitEnvelope<T> {
  readonly retCode: number;
  readonly retMsg: string;
  readonly result: T;
  readonly time?: number;
  /** `X-Bapi-Limit-Status`, `X-Bapi-Limit`, `X-Bapi-Limit-Reset-Timestamp` as bybit-api parses them (absent without the headers). */
  readonly rateLimitApi?: {
    readonly remainingRequests: number;
    readonly maxRequests: number;
    readonly resetAtTimestamp: number;
  };
}

export interface WalletAccount {
  readonly accountType: string;
  readonly totalAvailableBalance?: string;
  readonly coin: readonly {
    readonly coin: string;
    readonly walletBalance?: string;
    readonly totalPositionIM?: string;
    readonly totalOrderIM?: string;
  }[];
}

export interface PositionRow {
  readonly symbol: string;
  readonly side: string;
  readonly size: string;
}

export interface PreLiveRestClient {
  getServerTime(): Promise<BybitEnvelope<{ timeSecond: string; timeNano: string }>>;
  getWalletBalance(params: {
    accountType: 'UNIFIED';
    coin?: string;
  }): Promise<BybitEnvelope<{ list: readonly WalletAccount[] }>>;
  getPositionInfo(params: {
    category: 'linear';
    symbol: string;
  }): Promise<BybitEnvelope<{ list: readonly PositionRow[] }>>;
}

/**
 * The further calls of the exchange tier (`validation.md` §13). Results are typed `unknown`: the gates parse
 * each one against their own zod schema (EX2/EX3 pass only when the answer parses), never trusting a cast.
 */
export interface ExchangeRestClient extends PreLiveRestClient {
  getPositionInfo(params: {
    category: 'linear';
    symbol?: string;
    settleCoin?: string;
  }): Promise<BybitEnvelope<{ list: readonly PositionRow[] }>>;
  getAccountInfo(): Promise<BybitEnvelope<unknown>>;
  getCollateralInfo(currency?: string): Promise<BybitEnvelope<unknown>>;
  getTransactionLog(params: {
    accountType: 'UNIFIED';
    startTime: number;
    endTime: number;
  }): Promise<BybitEnvelope<unknown>>;
  getTickers(params: { category: 'linear'; symbol: string }): Promise<BybitEnvelope<unknown>>;
  getKline(params: {
    category: 'linear';
    symbol: string;
    interval: '60';
    limit: number;
  }): Promise<BybitEnvelope<unknown>>;
  getFundingRateHistory(params: {
    category: 'linear';
    symbol: string;
    limit: number;
  }): Promise<BybitEnvelope<unknown>>;
  getOpenInterest(params: {
    category: 'linear';
    symbol: string;
    intervalTime: '1h';
    limit: number;
  }): Promise<BybitEnvelope<unknown>>;
  getOrderbook(params: {
    category: 'linear';
    symbol: string;
    limit: number;
  }): Promise<BybitEnvelope<unknown>>;
  getInstrumentsInfo(params: { category: 'linear'; symbol: string }): Promise<BybitEnvelope<unknown>>;
  setLeverage(params: {
    category: 'linear';
    symbol: string;
    buyLeverage: string;
    sellLeverage: string;
  }): Promise<BybitEnvelope<unknown>>;
  submitOrder(params: {
    category: 'linear';
    symbol: string;
    side: 'Buy';
    orderType: 'Limit';
    qty: string;
    price: string;
    timeInForce: 'PostOnly';
    orderLinkId: string;
  }): Promise<BybitEnvelope<unknown>>;
  getActiveOrders(params: {
    category: 'linear';
    symbol: string;
    orderLinkId?: string;
  }): Promise<BybitEnvelope<unknown>>;
  cancelAllOrders(params: { category: 'linear'; symbol: string }): Promise<BybitEnvelope<unknown>>;
}

/** `RestClientV5` options pre-live sets (a subset of bybit-api's `RestClientOptions`). */
export interface PreLiveClientOptions {
  readonly key?: string;
  readonly secret?: string;
  readonly baseUrl?: string;
  readonly demoTrading?: boolean;
  readonly recv_window?: number;
}

/** A genuine `bybit-api` `RestClientV5`, seen through the calls the pre-live and exchange tiers make. */
export function newRestClient(options: PreLiveClientOptions, timeoutMs = 10_000): ExchangeRestClient {
  // live.md §1: the rate-limit headers are parsed into each answer's `rateLimitApi` (EX5 reads them).
  return new RestClientV5({ ...options, parseAPIRateLimits: true }, { timeout: timeoutMs });
}
