import { DEFAULT_LEVERAGE, type MockAccount, type MockPosition, positionIM } from '../account/accounts';
import { decimalString } from '../market/format';
import { paramsError } from '../server/envelope';
import { encodeCursor } from '../server/params';
import type { RouteContext, RouteDef } from '../server/router';
import { optionalSymbol, requireLinear } from './common';
import { accountOf } from './private-common';

/** The risk tier a position value falls in (id = 1-based tier index, as Bybit numbers linear tiers). */
function riskTier(ctx: RouteContext, symbol: string, value: number): { id: number; limit: number } {
  const tiers = ctx.market.instrument(symbol).riskTiers;
  const i = tiers.findIndex((t) => value <= t.riskLimitValue);
  const k = i < 0 ? tiers.length - 1 : i;
  return { id: k + 1, limit: tiers[k]?.riskLimitValue ?? 0 };
}

function row(
  ctx: RouteContext,
  account: MockAccount,
  symbol: string,
  p: MockPosition | undefined,
  seq: number,
) {
  const value = p === undefined ? 0 : p.size * p.avgPrice;
  const tier = riskTier(ctx, symbol, value);
  const im = p === undefined ? '0' : decimalString(positionIM(p));
  return {
    positionIdx: 0,
    riskId: tier.id,
    riskLimitValue: decimalString(tier.limit),
    symbol,
    side: p?.side ?? '',
    size: p === undefined ? '0' : decimalString(p.size),
    avgPrice: p === undefined ? '0' : decimalString(p.avgPrice),
    positionValue: decimalString(value),
    tradeMode: 1,
    autoAddMargin: 0,
    positionStatus: 'Normal',
    leverage: decimalString(p?.leverage ?? account.leverage.get(symbol) ?? DEFAULT_LEVERAGE),
    // Marked at entry until the trading engine marks positions (its liquidation formulas come with it).
    markPrice: p === undefined ? '' : decimalString(p.avgPrice),
    liqPrice: '',
    bustPrice: '',
    positionIM: im,
    positionMM: '0',
    positionBalance: im,
    takeProfit: '0',
    stopLoss: '0',
    trailingStop: '0',
    unrealisedPnl: '0',
    curRealisedPnl: '0',
    cumRealisedPnl: '0',
    adlRankIndicator: p === undefined ? 0 : 2,
    createdTime: String(p?.createdTime ?? 0),
    updatedTime: String(p?.updatedTime ?? 0),
    tpslMode: 'Full',
    isReduceOnly: false,
    seq,
  };
}

/**
 * `GET /v5/position/list` (`bybit-mock.md` §6.3), one-way mode: by `symbol` the position is always listed (a
 * flat one with size `"0"`); by `settleCoin=USDT` only open positions, alphabetical, paged by `limit`/`cursor`.
 */
export const positionListRoute: RouteDef = {
  method: 'GET',
  path: '/v5/position/list',
  access: 'private',
  handler: (ctx) => {
    requireLinear(ctx);
    const account = accountOf(ctx);
    const limit = ctx.query.limit(1, 200, 20);
    const symbol = optionalSymbol(ctx);
    const settleCoin = ctx.query.optionalString('settleCoin');
    if (symbol !== undefined) {
      return {
        category: 'linear',
        list: [row(ctx, account, symbol, account.positions.get(symbol), 0)],
        nextPageCursor: '',
      };
    }
    if (settleCoin === undefined) throw paramsError('symbol or settleCoin is required');
    if (settleCoin !== 'USDT') throw paramsError(`settleCoin '${settleCoin}' is not supported (USDT only)`);
    const open = [...account.positions.values()]
      .filter((p) => p.size > 0)
      .sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
    const offset = ctx.query.cursorOffset();
    const page = open.slice(offset, offset + limit);
    const next = offset + limit < open.length ? encodeCursor(offset + limit) : '';
    return {
      category: 'linear',
      list: page.map((p, i) => row(ctx, account, p.symbol, p, offset + i)),
      nextPageCursor: next,
    };
  },
};
