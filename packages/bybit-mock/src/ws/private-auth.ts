import { timingSafeEqual } from 'node:crypto';
import type { AccountStore, MockAccount } from '../account/accounts';
import { signV5 } from '../server/auth';
import { RetCode } from '../server/envelope';

export type WsAuthResult =
  | { readonly ok: true; readonly account: MockAccount }
  | { readonly ok: false; readonly retMsg: string; readonly retCode?: number };

export interface WsAuthInput {
  readonly accounts: AccountStore;
  /** `auth` frame `args`: `[apiKey, expires, signature]`. */
  readonly args: unknown;
  /** The mock's now: `expires` must lie after it. */
  readonly serverTimeMs: number;
  /** `false` accepts any signature of a known key (`bybit-mock.md` §1). */
  readonly verifySignatures: boolean;
}

/**
 * Private-stream authentication (`bybit-mock.md` §8.3): `expires` (ms) after the server time, else `Params Error`;
 * a known key, else `Invalid apikey` with retCode 10003; signature = hex HMAC-SHA256(secret, `"GET/realtime" +
 * expires`) compared in constant time, else `Error sign`. The signed text is `expires` as the client sent it.
 */
export function authenticateWs(input: WsAuthInput): WsAuthResult {
  const args = input.args;
  if (!Array.isArray(args) || args.length < 3) return { ok: false, retMsg: 'Params Error' };
  const [apiKey, expires, signature] = args as unknown[];
  const expiresText = typeof expires === 'number' || typeof expires === 'string' ? String(expires) : '';
  if (
    typeof apiKey !== 'string' ||
    typeof signature !== 'string' ||
    !/^[0-9]+$/.test(expiresText) ||
    !(Number(expiresText) > input.serverTimeMs)
  )
    return { ok: false, retMsg: 'Params Error' };
  const account = input.accounts.get(apiKey);
  if (account === undefined) return { ok: false, retMsg: 'Invalid apikey', retCode: RetCode.invalidApiKey };
  if (!input.verifySignatures) return { ok: true, account };
  const expected = Buffer.from(signV5(account.apiSecret, `GET/realtime${expiresText}`), 'utf8');
  const given = Buffer.from(signature.toLowerCase(), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, retMsg: 'Error sign' };
  return { ok: true, account };
}
