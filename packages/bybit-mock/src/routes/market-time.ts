import type { RouteDef } from '../server/router';

/** `GET /v5/market/time`: the mock's now (virtual when the clock is manual). */
export const marketTimeRoute: RouteDef = {
  method: 'GET',
  path: '/v5/market/time',
  access: 'public',
  handler: (ctx) => {
    const now = ctx.clock.now();
    return { timeSecond: String(Math.floor(now / 1000)), timeNano: `${BigInt(now) * 1_000_000n}` };
  },
};
