/** retCodes the mock produces so far (`bybit-mock.md` §5). */
export const RetCode = {
  ok: 0,
  paramsError: 10001,
  rateLimit: 10006,
  routeNotFound: 10017,
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

/** The V5 envelope, keys in Bybit's order, compact JSON. */
export function envelopeJson(retCode: number, retMsg: string, result: unknown, timeMs: number): string {
  return JSON.stringify({ retCode, retMsg, result, retExtInfo: {}, time: timeMs });
}
