import type { MockAccount } from '../account/accounts';
import { BybitApiReject, RetCode } from '../server/envelope';
import type { RouteContext } from '../server/router';

/** The authenticated account of a private route (the server authenticates before calling the handler). */
export function accountOf(ctx: RouteContext): MockAccount {
  if (ctx.account === undefined) throw new BybitApiReject(RetCode.invalidApiKey, 'API key is invalid.');
  return ctx.account;
}
