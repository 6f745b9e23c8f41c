import { createRequire } from 'node:module';

/**
 * `bybit-api` and `yaml` are not (yet) dependencies of @trade/validate: adding them needs a lockfile change,
 * which this work could not make. Both are loaded from the workspace package that does depend on them
 * (`@trade/data` → `bybit-api`, `@trade/play` → `yaml`), so the very same client and parser versions run.
 * Once `bybit-api` and `yaml` are listed in this package's dependencies, this file becomes two plain imports.
 */
const fromHere = createRequire(import.meta.url);

function requireVia(hostPackage: string, name: string): unknown {
  return createRequire(fromHere.resolve(`${hostPackage}/package.json`))(name);
}

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

type RestClientCtor = new (
  options: PreLiveClientOptions,
  requestOptions: { timeout: number },
) => PreLiveRestClient;

let restCtor: RestClientCtor | undefined;

/** A genuine `bybit-api` `RestClientV5`. */
export function newRestClient(options: PreLiveClientOptions, timeoutMs = 10_000): PreLiveRestClient {
  restCtor ??= (requireVia('@trade/data', 'bybit-api') as { RestClientV5: RestClientCtor }).RestClientV5;
  return new restCtor(options, { timeout: timeoutMs });
}

/** `yaml`'s `parse` (the parser @trade/play uses), for reading a play's raw YAML. */
export function parseYaml(text: string): unknown {
  const yaml = requireVia('@trade/play', 'yaml') as { parse(text: string): unknown };
  return yaml.parse(text);
}
