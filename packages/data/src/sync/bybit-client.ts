import { RestClientV5 } from 'bybit-api';
import { DataError, isDataError } from '../errors';
import type {
  ClientEvent,
  FundingRow,
  InstrumentInfo,
  KlineRequest,
  KlineRow,
  MarketDataClient,
  OpenInterestRow,
  RiskTierInfo,
  TimeWindowRequest,
} from './market-data-client';
import { TokenBucket } from './rate-limiter';
import { backoffMs, DEFAULT_RETRY_POLICY, type RetryPolicy, rateLimitJitterMs } from './retry-policy';
import { abortable, sleep } from './sleep';

/** The subset of `RestClientV5` sync uses (so tests can pass a stand-in). */
export type BybitRestLike = Pick<
  RestClientV5,
  | 'getServerTime'
  | 'getKline'
  | 'getMarkPriceKline'
  | 'getFundingRateHistory'
  | 'getOpenInterest'
  | 'getInstrumentsInfo'
  | 'getRiskLimit'
>;

interface RateLimitInfo {
  readonly remainingRequests: number;
  readonly resetAtTimestamp: number;
}

interface BybitEnvelope<T> {
  readonly retCode: number;
  readonly retMsg: string;
  readonly result: T;
  readonly rateLimitApi?: RateLimitInfo;
}

type Outcome =
  | { readonly retry: true; readonly waitMs: number; readonly reason: string; readonly rateLimited: boolean }
  | { readonly retry: false; readonly error: DataError };

export interface BybitClientOptions {
  /** REST base URL; default `TRADE_BYBIT_REST_URL`, else bybit-api's mainnet default. */
  readonly baseUrl?: string;
  /** Public requests per second (default `TRADE_BYBIT_PUBLIC_RPS` or 10). */
  readonly rps?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Stand-in for the real client (tests). */
  readonly rest?: BybitRestLike;
  readonly onEvent?: (event: ClientEvent) => void;
}

const RETRYABLE_CODES = new Set([10000, 10016]);
const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null =>
  value === undefined || value === null || value === '' ? null : Number(value);

/** Network-level failures (thrown by axios before any HTTP status). */
function networkReason(e: unknown): string {
  if (typeof e === 'string') return e;
  const err = e as { code?: unknown; message?: unknown };
  return String(err?.code ?? err?.message ?? e);
}

/**
 * `MarketDataClient` over `bybit-api`'s `RestClientV5` (`data.md` §5, §6.5): one token bucket for all public
 * calls, header-driven pauses, 10006 waits until the reset timestamp, full-jitter backoff on 5xx / 429 /
 * 10000 / 10016 / network errors, no retry on other codes, and a process-wide stop on HTTP 403.
 */
export class BybitMarketDataClient implements MarketDataClient {
  private readonly rest: BybitRestLike;
  private readonly bucket: TokenBucket;
  private readonly policy: RetryPolicy;
  private readonly onEvent: ((event: ClientEvent) => void) | undefined;
  private banned: DataError | undefined;
  /** Server clock minus local clock, from the last `serverTime()`; used to read reset timestamps. */
  private offsetMs = 0;

  constructor(options: BybitClientOptions = {}) {
    const env = options.env ?? process.env;
    const baseUrl = options.baseUrl ?? (env.TRADE_BYBIT_REST_URL || undefined);
    this.rest =
      options.rest ??
      new RestClientV5(
        { ...(baseUrl === undefined ? {} : { baseUrl }), parseAPIRateLimits: true, keepAlive: true },
        { timeout: 15_000 },
      );
    const rpsEnv = Number(env.TRADE_BYBIT_PUBLIC_RPS);
    const rps = options.rps ?? (Number.isFinite(rpsEnv) && rpsEnv > 0 ? rpsEnv : 10);
    this.bucket = new TokenBucket(rps, Math.max(1, Math.ceil(rps)));
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.onEvent = options.onEvent;
  }

  private observe(info: RateLimitInfo | undefined): void {
    if (info === undefined || info.remainingRequests > 1) return;
    const wait = Math.min(
      this.policy.rateLimitMaxWaitMs,
      info.resetAtTimestamp - (Date.now() + this.offsetMs),
    );
    if (wait > 0) this.bucket.pauseUntil(Date.now() + wait);
  }

  private classifyRetCode(res: BybitEnvelope<unknown>, route: string): Outcome {
    if (res.retCode === 10006) {
      const reset = res.rateLimitApi?.resetAtTimestamp;
      const untilReset =
        reset === undefined ? this.policy.rateLimitDefaultWaitMs : reset - (Date.now() + this.offsetMs);
      const waitMs =
        Math.min(this.policy.rateLimitMaxWaitMs, Math.max(0, untilReset)) + rateLimitJitterMs(this.policy);
      return { retry: true, waitMs, reason: 'retCode 10006 (rate limit)', rateLimited: true };
    }
    if (RETRYABLE_CODES.has(res.retCode)) {
      return { retry: true, waitMs: -1, reason: `retCode ${res.retCode}`, rateLimited: false };
    }
    return {
      retry: false,
      error: new DataError('E_SYNC_API', `Bybit ${route} answered retCode ${res.retCode}: ${res.retMsg}`, {
        exchangeCode: res.retCode,
        hint:
          res.retCode === 10001
            ? 'a request parameter was rejected; this is a bug in trade, please report it'
            : 'check the symbol and range; the exchange refused the request',
      }),
    };
  }

  private classifyThrown(e: unknown, route: string): Outcome {
    const status = (e as { code?: unknown })?.code;
    if (typeof status === 'number' && (e as { headers?: unknown }).headers !== undefined) {
      if (status === 403) {
        return {
          retry: false,
          error: new DataError('E_BYBIT_IP_BANNED', `Bybit refused ${route} with HTTP 403 (IP rate ban)`, {
            exchangeCode: 403,
            hint: 'wait ≥ 10 minutes before syncing again, and lower TRADE_BYBIT_PUBLIC_RPS',
          }),
        };
      }
      // A 2xx that still threw is a body cut off mid-transfer: a transport failure, so retried like one.
      if (status < 300)
        return { retry: true, waitMs: -1, reason: `truncated HTTP ${status} response`, rateLimited: false };
      if (status === 429 || status >= 500) {
        return { retry: true, waitMs: -1, reason: `HTTP ${status}`, rateLimited: status === 429 };
      }
      return {
        retry: false,
        error: new DataError('E_SYNC_API', `Bybit ${route} failed with HTTP ${status}`, {
          exchangeCode: status,
          hint: 'check TRADE_BYBIT_REST_URL and network access to Bybit',
        }),
      };
    }
    return { retry: true, waitMs: -1, reason: `network error ${networkReason(e)}`, rateLimited: false };
  }

  /** One public call with the rate limiter and the retry table of `data.md` §6.5. */
  private async call<T>(route: string, send: () => Promise<unknown>, signal?: AbortSignal): Promise<T> {
    let attempts = 0;
    let rateLimitAttempts = 0;
    for (;;) {
      if (this.banned !== undefined) throw this.banned;
      await this.bucket.take(signal);
      let outcome: Outcome;
      try {
        const res = (await abortable(send(), signal)) as BybitEnvelope<T>;
        this.observe(res.rateLimitApi);
        if (res.retCode === 0) return res.result;
        outcome = this.classifyRetCode(res, route);
      } catch (e) {
        if (isDataError(e, 'E_SYNC_INTERRUPTED')) throw e;
        outcome = this.classifyThrown(e, route);
      }
      if (!outcome.retry) {
        if (outcome.error.code === 'E_BYBIT_IP_BANNED') this.banned = outcome.error;
        throw outcome.error;
      }
      if (outcome.rateLimited && outcome.waitMs >= 0) {
        rateLimitAttempts++;
        if (rateLimitAttempts >= this.policy.rateLimitMaxAttempts) {
          throw new DataError(
            'E_BYBIT_RATE_LIMIT',
            `Bybit kept rate-limiting ${route} after ${rateLimitAttempts} attempts`,
            {
              exchangeCode: 10006,
              hint: 'lower TRADE_BYBIT_PUBLIC_RPS or --concurrency and retry later',
            },
          );
        }
        this.onEvent?.({ type: 'rate_limited', waitMs: outcome.waitMs });
        await sleep(outcome.waitMs, signal);
        continue;
      }
      attempts++;
      if (attempts >= this.policy.maxAttempts) {
        throw new DataError(
          outcome.rateLimited ? 'E_BYBIT_RATE_LIMIT' : 'E_BYBIT_NETWORK',
          `Bybit ${route} still failing after ${attempts} attempts (${outcome.reason})`,
          {
            hint: 'check network access to Bybit (or TRADE_BYBIT_REST_URL) and retry; completed windows are kept',
          },
        );
      }
      const waitMs = backoffMs(this.policy, attempts);
      this.onEvent?.({ type: 'retry', reason: outcome.reason, waitMs, attempt: attempts });
      await sleep(waitMs, signal);
    }
  }

  async serverTime(signal?: AbortSignal): Promise<number> {
    const before = Date.now();
    const result = await this.call<{ timeSecond: string; timeNano: string }>(
      'market/time',
      () => this.rest.getServerTime(),
      signal,
    );
    const after = Date.now();
    const server = Math.floor(Number(BigInt(result.timeNano) / 1_000_000n));
    this.offsetMs = server - Math.round((before + after) / 2);
    return server;
  }

  private async kline(mark: boolean, request: KlineRequest, signal?: AbortSignal): Promise<KlineRow[]> {
    const params = {
      category: 'linear' as const,
      symbol: request.symbol,
      interval: request.interval as never,
      start: request.start,
      end: request.end,
      limit: request.limit,
    };
    const result = await this.call<{ list: string[][] }>(
      mark ? 'market/mark-price-kline' : 'market/kline',
      () => (mark ? this.rest.getMarkPriceKline(params) : this.rest.getKline(params)),
      signal,
    );
    return result.list.map((r) =>
      mark
        ? { ts: num(r[0]), open: num(r[1]), high: num(r[2]), low: num(r[3]), close: num(r[4]) }
        : {
            ts: num(r[0]),
            open: num(r[1]),
            high: num(r[2]),
            low: num(r[3]),
            close: num(r[4]),
            volume: num(r[5]),
            ...(r[6] === undefined || r[6] === '' ? {} : { turnover: num(r[6]) }),
          },
    );
  }

  klines(request: KlineRequest, signal?: AbortSignal): Promise<KlineRow[]> {
    return this.kline(false, request, signal);
  }

  markPriceKlines(request: KlineRequest, signal?: AbortSignal): Promise<KlineRow[]> {
    return this.kline(true, request, signal);
  }

  async fundingHistory(request: TimeWindowRequest, signal?: AbortSignal): Promise<FundingRow[]> {
    const result = await this.call<{ list: { fundingRate: string; fundingRateTimestamp: string }[] }>(
      'market/funding/history',
      () =>
        this.rest.getFundingRateHistory({
          category: 'linear',
          symbol: request.symbol,
          startTime: request.startTime,
          endTime: request.endTime,
          limit: request.limit,
        }),
      signal,
    );
    return result.list.map((r) => ({ ts: num(r.fundingRateTimestamp), rate: num(r.fundingRate) }));
  }

  async openInterest(
    request: TimeWindowRequest & { intervalTime: string; cursor?: string },
    signal?: AbortSignal,
  ): Promise<{ rows: OpenInterestRow[]; nextCursor: string | undefined }> {
    const result = await this.call<{
      list: { openInterest: string; timestamp: string }[];
      nextPageCursor?: string;
    }>(
      'market/open-interest',
      () =>
        this.rest.getOpenInterest({
          category: 'linear',
          symbol: request.symbol,
          intervalTime: request.intervalTime as never,
          startTime: request.startTime,
          endTime: request.endTime,
          limit: request.limit,
          ...(request.cursor === undefined ? {} : { cursor: request.cursor }),
        }),
      signal,
    );
    return {
      rows: result.list.map((r) => ({ ts: num(r.timestamp), oi: num(r.openInterest) })),
      nextCursor:
        result.nextPageCursor === undefined || result.nextPageCursor === ''
          ? undefined
          : result.nextPageCursor,
    };
  }

  async instrument(symbol: string, signal?: AbortSignal): Promise<InstrumentInfo | undefined> {
    const result = await this.call<{ list: Record<string, unknown>[] }>(
      'market/instruments-info',
      () => this.rest.getInstrumentsInfo({ category: 'linear', symbol }),
      signal,
    );
    const r = result.list[0];
    if (r === undefined) return undefined;
    const lev = (r.leverageFilter ?? {}) as Record<string, unknown>;
    const price = (r.priceFilter ?? {}) as Record<string, unknown>;
    const lot = (r.lotSizeFilter ?? {}) as Record<string, unknown>;
    return {
      symbol: String(r.symbol),
      status: String(r.status ?? ''),
      contractType: String(r.contractType ?? ''),
      baseCoin: String(r.baseCoin ?? ''),
      quoteCoin: String(r.quoteCoin ?? ''),
      settleCoin: String(r.settleCoin ?? ''),
      launchTime: num(r.launchTime),
      priceScale: num(r.priceScale),
      tickSize: num(price.tickSize),
      minPrice: num(price.minPrice),
      maxPrice: num(price.maxPrice),
      qtyStep: num(lot.qtyStep),
      minOrderQty: num(lot.minOrderQty),
      maxOrderQty: num(lot.maxOrderQty),
      maxMktOrderQty: num(lot.maxMktOrderQty ?? lot.maxOrderQty),
      postOnlyMaxQty: numOrNull(lot.postOnlyMaxOrderQty),
      minNotional: numOrNull(lot.minNotionalValue),
      minLeverage: num(lev.minLeverage),
      maxLeverage: num(lev.maxLeverage),
      leverageStep: num(lev.leverageStep),
      fundingIntervalMin: num(r.fundingInterval),
      upperFundingRate: numOrNull(r.upperFundingRate),
      lowerFundingRate: numOrNull(r.lowerFundingRate),
      raw: r,
    };
  }

  async riskTiers(symbol: string, signal?: AbortSignal): Promise<RiskTierInfo[]> {
    const tiers: RiskTierInfo[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.call<{ list: Record<string, unknown>[]; nextPageCursor?: string }>(
        'market/risk-limit',
        () =>
          this.rest.getRiskLimit({ category: 'linear', symbol, ...(cursor === undefined ? {} : { cursor }) }),
        signal,
      );
      for (const r of page.list) {
        if (String(r.symbol) !== symbol) continue;
        tiers.push({
          tierId: num(r.id),
          riskLimitValue: num(r.riskLimitValue),
          mmr: num(r.maintenanceMargin),
          imr: num(r.initialMargin),
          mmDeduction: numOrNull(r.mmDeduction) ?? 0,
          maxLeverage: num(r.maxLeverage),
          isLowestRisk: Number(r.isLowestRisk) === 1,
        });
      }
      cursor =
        page.nextPageCursor === undefined || page.nextPageCursor === '' ? undefined : page.nextPageCursor;
    } while (cursor !== undefined);
    return tiers;
  }
}
