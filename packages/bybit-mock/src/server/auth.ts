import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { AccountStore, MockAccount } from '../account/accounts';
import { BybitApiReject, RetCode } from './envelope';

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === '' ? undefined : s;
}

/** What a signed request must carry and what it is checked against. */
export interface AuthInput {
  readonly headers: IncomingHttpHeaders;
  readonly method: string;
  /** The raw query string as received (GET payload). */
  readonly rawQuery: string;
  /** The raw body (POST payload). */
  readonly body: string;
  /** The mock's now: the timestamp window is checked against it. */
  readonly serverTimeMs: number;
  /** `false` accepts any signature of a known key (`bybit-mock.md` §1 `verifySignatures`). */
  readonly verifySignatures: boolean;
}

/** Lower-case hex HMAC-SHA256 over `timestamp + apiKey + recvWindow + payload` (Bybit V5, spec §3). */
export function signV5(secret: string, originString: string): string {
  return createHmac('sha256', secret).update(originString).digest('hex');
}

/**
 * Bybit's V5 header authentication (`bybit-mock.md` §3), in Bybit's check order: key present (10003),
 * signature present (10004), timestamp present (10002), key known (10003), timestamp within
 * `[now − recvWindow, now + 1000)` (10002), signature equal in constant time (10004). Returns the account.
 */
export function authenticate(accounts: AccountStore, input: AuthInput): MockAccount {
  const { headers } = input;
  const apiKey = header(headers, 'x-bapi-api-key');
  const sign = header(headers, 'x-bapi-sign');
  const timestamp = header(headers, 'x-bapi-timestamp');
  const recvWindowText = header(headers, 'x-bapi-recv-window') ?? '5000';
  if (apiKey === undefined) throw new BybitApiReject(RetCode.invalidApiKey, 'API key is invalid.');
  if (sign === undefined) throw new BybitApiReject(RetCode.signError, 'error sign! origin_string[]');
  const invalidTs = (ts: string): BybitApiReject =>
    new BybitApiReject(
      RetCode.timestampError,
      `invalid request, please check your server timestamp or recv_window param. req_timestamp[${ts}],server_timestamp[${input.serverTimeMs}],recv_window[${recvWindowText}]`,
    );
  if (timestamp === undefined) throw invalidTs('');
  const account = accounts.get(apiKey);
  if (account === undefined) throw new BybitApiReject(RetCode.invalidApiKey, 'API key is invalid.');
  const ts = Number(timestamp);
  const recvWindow = Number(recvWindowText);
  if (
    !/^[0-9]+$/.test(timestamp) ||
    !Number.isFinite(recvWindow) ||
    recvWindow <= 0 ||
    ts < input.serverTimeMs - recvWindow ||
    ts >= input.serverTimeMs + 1000
  )
    throw invalidTs(timestamp);
  if (!input.verifySignatures) return account;
  const payload = input.method === 'GET' ? input.rawQuery : input.body;
  const origin = `${timestamp}${apiKey}${recvWindowText}${payload}`;
  const expected = Buffer.from(signV5(account.apiSecret, origin), 'utf8');
  const given = Buffer.from(sign.toLowerCase(), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new BybitApiReject(RetCode.signError, `error sign! origin_string[${origin}]`);
  return account;
}
