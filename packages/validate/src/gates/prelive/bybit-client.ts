import { RestClientV5 } from 'bybit-api';

/** The `RestClientV5` calls pre-live makes, typed as `bybit-api` 4.7 answers them (strings as Bybit sends). */
export interface BybitEnvelope<T> {
  readonly retCode: number;
  readonly retMsg: string;
  readonly result: T;
  readonly time?: number;
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

/** `RestClientV5` options pre-live sets (a subset of bybit-api's `RestClientOptions`). */
export interface PreLiveClientOptions {
  readonly key?: string;
  readonly secret?: string;
  readonly baseUrl?: string;
  readonly demoTrading?: boolean;
  readonly recv_window?: number;
}

/** A genuine `bybit-api` `RestClientV5`, seen through the three calls pre-live makes. */
export function newRestClient(options: PreLiveClientOptions, timeoutMs = 10_000): PreLiveRestClient {
  return new RestClientV5(options, { timeout: timeoutMs });
}
