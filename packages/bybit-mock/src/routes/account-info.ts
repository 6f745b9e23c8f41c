import { paramsError } from '../server/envelope';
import type { RouteDef } from '../server/router';
import { timeWindow } from './common';
import { accountOf } from './private-common';

/** `GET /v5/account/info` (`bybit-mock.md` §6.2): a unified trading account in regular (cross) margin. */
export const accountInfoRoute: RouteDef = {
  method: 'GET',
  path: '/v5/account/info',
  access: 'private',
  handler: (ctx) => {
    accountOf(ctx);
    return {
      unifiedMarginStatus: 6,
      marginMode: 'REGULAR_MARGIN',
      isMasterTrader: false,
      spotHedgingStatus: 'OFF',
      updatedTime: '0',
      dcpStatus: 'OFF',
      timeWindow: 10,
      smpGroup: 0,
    };
  },
};

/** `GET /v5/account/collateral-info` (§6.2): USDT is the only collateral, never borrowed. */
export const collateralInfoRoute: RouteDef = {
  method: 'GET',
  path: '/v5/account/collateral-info',
  access: 'private',
  handler: (ctx) => {
    accountOf(ctx);
    const currency = ctx.query.optionalString('currency');
    if (currency !== undefined && currency !== 'USDT')
      throw paramsError(`currency '${currency}' is not supported (USDT only)`);
    return {
      list: [
        {
          currency: 'USDT',
          hourlyBorrowRate: '0',
          maxBorrowingAmount: '0',
          freeBorrowingAmount: '0',
          freeBorrowLimit: '0',
          freeBorrowAmount: '0',
          borrowAmount: '0',
          availableToBorrow: '0',
          borrowable: false,
          borrowUsageRate: '0',
          marginCollateral: true,
          collateralSwitch: true,
          collateralRatio: '1',
        },
      ],
    };
  },
};

const DAY_MS = 86_400_000;

/**
 * `GET /v5/account/transaction-log` (§6.2): request checks of Bybit (accountType UNIFIED, window ≤ 7 days,
 * default the last 24 h, `limit` 1–50). The mock books no trades, fees or funding yet (no matching engine), so
 * the log is empty; the list fills when the trading engine arrives.
 */
export const transactionLogRoute: RouteDef = {
  method: 'GET',
  path: '/v5/account/transaction-log',
  access: 'private',
  handler: (ctx) => {
    accountOf(ctx);
    const accountType = ctx.query.optionalString('accountType') ?? 'UNIFIED';
    if (accountType !== 'UNIFIED')
      throw paramsError(`accountType '${accountType}' is not supported (UNIFIED only)`);
    const category = ctx.query.optionalString('category');
    if (category !== undefined && category !== 'linear')
      throw paramsError(`category '${category}' is not supported (this mock serves linear only)`);
    const { start, end } = timeWindow(ctx, 'startTime', 'endTime');
    if (start !== undefined && end !== undefined && end - start > 7 * DAY_MS)
      throw paramsError('startTime and endTime must be at most 7 days apart');
    ctx.query.limit(1, 50, 20);
    ctx.query.cursorOffset();
    return { list: [], nextPageCursor: '' };
  },
};
