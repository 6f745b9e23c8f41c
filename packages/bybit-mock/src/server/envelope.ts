/** retCodes the mock produces so far (`bybit-mock.md` §5). */
export const RetCode = {
  ok: 0,
  paramsError: 10001,
  timestampError: 10002,
  invalidApiKey: 10003,
  signError: 10004,
  rateLimit: 10006,
  routeNotFound: 10017,
  priceOutOfRange: 110003,
  orderCostTooHigh: 110007,
  leverageAboveTier: 110013,
  qtyTruncatedToZero: 110017,
  tooManyActiveOrders: 110020,
  leverageNotModified: 110043,
  duplicateOrderLinkId: 110072,
  belowMinNotional: 110094,
} as const;

export const RATE_LIMIT_MSG = 'Too many visits. Exceeded the API Rate Limit.';

/**
 * A Bybit answer with a non-zero retCode. Handlers throw it; the server turns it into the envelope
 * (HTTP 200, `result: {}`).
 */
export class BybitApiReject extends Error {
  constructor(
    readonly retCode: number,
    readonly retMsg: string,
  ) {
    super(`${retCode} ${retMsg}`);
    this.name = 'BybitApiReject';
  }
}

/** `10001 params error: <detail>`. */
export function paramsError(detail: string): BybitApiReject {
  return new BybitApiReject(RetCode.paramsError, `params error: ${detail}`);
}

/**
 * Already-serialised JSON to embed verbatim (e.g. a kline list built from cached row texts), so hot pages
 * skip re-formatting thousands of numbers.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

const RAW_TOKEN = /"\\u0000raw(\d+)\\u0000"/g;

/** The V5 envelope, keys in Bybit's order, compact JSON; `RawJson` values are spliced in as they are. */
export function envelopeJson(retCode: number, retMsg: string, result: unknown, timeMs: number): string {
  const raws: string[] = [];
  const text = JSON.stringify({ retCode, retMsg, result, retExtInfo: {}, time: timeMs }, (_key, value) => {
    if (!(value instanceof RawJson)) return value;
    raws.push(value.text);
    return `\u0000raw${raws.length - 1}\u0000`;
  });
  return raws.length === 0 ? text : text.replace(RAW_TOKEN, (_m, k: string) => raws[Number(k)]!);
}
