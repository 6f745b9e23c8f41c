import type { GateContext, GateFailure, GateOutcome, PreLiveSettings } from '../../runner/types';
import type { BybitEnvelope, PreLiveRestClient } from './bybit-client';
import {
  ConnectionRefused,
  describeError,
  type ExchangeAccess,
  type ExchangeConnection,
  openExchange,
} from './connection';

/**
 * What the pre-live (`validation.md` §12) and exchange (§13) gates share: the failing outcome, the target
 * connection opened and closed per gate, a retCode-0 call, the server clock offset.
 */

/** §12 PL1 / §13 EX1: the pass rule on the clock offset. */
export const MAX_CLOCK_OFFSET_MS = 5000;

export const fail = (checked: number, detail: string, messages: readonly string[]): GateOutcome => ({
  passed: false,
  checked,
  detail,
  failures: messages.map((message): GateFailure => ({ message })),
});

/** The run's target settings; the runner always sets them (default target `demo`). */
export function settingsOf(ctx: GateContext): PreLiveSettings {
  return ctx.preLive ?? { target: 'demo', env: {} };
}

/**
 * Opens the target, runs `body`, always closes (the in-process mock stops even after a failure). A refused
 * connection (no keys, no data folder) is the gate's failure with `checked 0` and no request sent.
 */
export async function withExchange(
  ctx: GateContext,
  body: (conn: ExchangeConnection) => Promise<GateOutcome>,
  access: ExchangeAccess = 'signed',
): Promise<GateOutcome> {
  const settings = settingsOf(ctx);
  let conn: ExchangeConnection;
  try {
    conn = await openExchange(settings, ctx.sharedDir, access);
  } catch (e) {
    if (e instanceof ConnectionRefused) return fail(0, settings.target, [e.message]);
    throw e;
  }
  try {
    return await body(conn);
  } finally {
    await conn.close();
  }
}

/** A Bybit call that must answer retCode 0: the result, or a failure line `<what> failed: …`. */
export async function call<T>(what: string, request: () => Promise<BybitEnvelope<T>>): Promise<T | string> {
  try {
    const res = await request();
    if (res.retCode !== 0) return `${what} failed: retCode ${res.retCode} ${res.retMsg}`;
    return res.result;
  } catch (e) {
    return `${what} failed: ${describeError(e)}`;
  }
}

/**
 * Server time and its offset from the midpoint of the request (`server − (sent + received) / 2`, ms); a failed
 * call is its failure line.
 */
export async function serverClockOffset(client: PreLiveRestClient): Promise<number | string> {
  const sent = Date.now();
  const time = await call('server time', () => client.getServerTime());
  const midpoint = (sent + Date.now()) / 2;
  if (typeof time === 'string') return time;
  return Math.round(Number(BigInt(time.timeNano) / 1_000_000n) - midpoint);
}

/**
 * PL1 / EX1's clock step: detail `<target> offset=<n>ms` and the failure lines (the call's, or
 * `Server time offset too large: <n>ms` beyond `MAX_CLOCK_OFFSET_MS`); `answered` is false when the call failed.
 */
export async function clockCheck(
  conn: ExchangeConnection,
): Promise<{ detail: string; failures: string[]; answered: boolean }> {
  const offset = await serverClockOffset(conn.client);
  if (typeof offset === 'string')
    return { detail: `${conn.target} offset=?`, failures: [offset], answered: false };
  const tooLarge = Math.abs(offset) > MAX_CLOCK_OFFSET_MS;
  return {
    detail: `${conn.target} offset=${offset}ms`,
    failures: tooLarge ? [`Server time offset too large: ${offset}ms`] : [],
    answered: true,
  };
}
