import type { MockAccount } from '../account/accounts';
import { BybitApiReject, paramsError, RetCode } from '../server/envelope';
import { QueryParams } from '../server/params';
import type { RouteContext } from '../server/router';
import { requireLinear, requireSymbol } from './common';

/** The authenticated account of a private route (the server authenticates before calling the handler). */
export function accountOf(ctx: RouteContext): MockAccount {
  if (ctx.account === undefined) throw new BybitApiReject(RetCode.invalidApiKey, 'API key is invalid.');
  return ctx.account;
}

/**
 * The context of a POST route with its JSON body as `query`, so the typed accessors and the `common.ts` checks
 * read it as they read a GET query: scalar values
 * become their string form (Bybit takes numbers as strings; a JSON number or boolean is read as its text).
 * A body that is not a JSON object is `10001`.
 */
export function withBody(ctx: RouteContext): RouteContext {
  let parsed: unknown;
  try {
    parsed = ctx.body.trim() === '' ? {} : JSON.parse(ctx.body);
  } catch {
    throw paramsError('request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw paramsError('request body must be a JSON object');
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(parsed)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') search.set(k, String(v));
    else if (v !== null && v !== undefined) throw paramsError(`${k} must be a string, number or boolean`);
  }
  return { ...ctx, query: new QueryParams(search) };
}

/** A positive decimal parameter (Bybit sends qty, price and leverage as strings); malformed → `10001`. */
export function positiveDecimal(params: QueryParams, name: string): number {
  const text = params.requiredString(name);
  const n = Number(text);
  if (!/^[0-9]+(\.[0-9]+)?$/.test(text) || !(n > 0))
    throw paramsError(`${name} must be a positive decimal, got '${text}'`);
  return n;
}

/** A signed POST on one linear symbol: its body as the query, the account, `category=linear` and the symbol checked. */
export function symbolPost(raw: RouteContext): { ctx: RouteContext; account: MockAccount; symbol: string } {
  const ctx = withBody(raw);
  const account = accountOf(ctx);
  requireLinear(ctx);
  return { ctx, account, symbol: requireSymbol(ctx) };
}
