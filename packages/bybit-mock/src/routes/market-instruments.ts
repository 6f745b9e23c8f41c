import { instrumentInfoItem, riskLimitItems } from '../market/instruments';
import { encodeCursor } from '../server/params';
import type { RouteDef } from '../server/router';
import { optionalSymbol, requireLinear } from './common';

/** Symbols per `risk-limit` page when no symbol is given (`bybit-mock.md` §6.1). */
const RISK_LIMIT_SYMBOLS_PER_PAGE = 15;

/** `GET /v5/market/instruments-info`: one item per served symbol, alphabetical, cursor-paged. */
export const instrumentsInfoRoute: RouteDef = {
  method: 'GET',
  path: '/v5/market/instruments-info',
  access: 'public',
  handler: (ctx) => {
    const category = requireLinear(ctx);
    const symbol = optionalSymbol(ctx);
    const baseCoin = ctx.query.optionalString('baseCoin');
    const limit = ctx.query.limit(1, 1000, 500);
    const offset = ctx.query.cursorOffset();
    const all = ctx.market.symbols;
    const selected = all.filter(
      (s) =>
        (symbol === undefined || s === symbol) &&
        (baseCoin === undefined || ctx.market.instrument(s).baseCoin === baseCoin),
    );
    const page = selected.slice(offset, offset + limit);
    const list = page.map((s) => instrumentInfoItem(ctx.market.instrument(s), all.indexOf(s) + 1));
    const nextPageCursor = offset + limit < selected.length ? encodeCursor(offset + limit) : '';
    return { category, list, nextPageCursor };
  },
};

/** `GET /v5/market/risk-limit`: every tier of one symbol, or of 15 symbols per page. */
export const riskLimitRoute: RouteDef = {
  method: 'GET',
  path: '/v5/market/risk-limit',
  access: 'public',
  handler: (ctx) => {
    const category = requireLinear(ctx);
    const symbol = optionalSymbol(ctx);
    const offset = ctx.query.cursorOffset();
    const symbols = symbol === undefined ? ctx.market.symbols : [symbol];
    const page = symbols.slice(offset, offset + RISK_LIMIT_SYMBOLS_PER_PAGE);
    const list = page.flatMap((s) => riskLimitItems(ctx.market.instrument(s)));
    const next = offset + RISK_LIMIT_SYMBOLS_PER_PAGE;
    return { category, list, nextPageCursor: next < symbols.length ? encodeCursor(next) : '' };
  },
};
