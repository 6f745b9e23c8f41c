import { availableBalance, positionIM, totalOrderIM } from '../account/accounts';
import { decimalString } from '../market/format';
import { paramsError } from '../server/envelope';
import type { RouteDef } from '../server/router';
import { accountOf } from './private-common';

/**
 * `GET /v5/account/wallet-balance` (`bybit-mock.md` §6.2): the UNIFIED account with its USDT coin, fields in
 * the spec's order. Positions are marked at entry until the trading engine exists, so unrealised PnL is 0 and
 * equity equals the wallet; `totalAvailableBalance = wallet − Σ positionIM − totalOrderIM` (§7.2).
 */
export const walletBalanceRoute: RouteDef = {
  method: 'GET',
  path: '/v5/account/wallet-balance',
  access: 'private',
  handler: (ctx) => {
    const accountType = ctx.query.requiredString('accountType');
    if (accountType !== 'UNIFIED')
      throw paramsError(
        `accountType '${accountType}' is not supported (this mock has UNIFIED accounts only)`,
      );
    const coinFilter = ctx.query.optionalString('coin');
    const account = accountOf(ctx);
    let positionIm = 0;
    for (const p of account.positions.values()) positionIm += positionIM(p);
    const wallet = decimalString(account.walletBalance);
    const available = decimalString(availableBalance(account));
    // Maintenance margin needs the tier formulas of sim-exchange; it arrives with the trading engine.
    const usdt = {
      coin: 'USDT',
      equity: wallet,
      usdValue: wallet,
      walletBalance: wallet,
      free: '',
      locked: '0',
      borrowAmount: '0',
      availableToWithdraw: '',
      availableToBorrow: '',
      accruedInterest: '0',
      totalOrderIM: decimalString(totalOrderIM(account)),
      totalPositionIM: decimalString(positionIm),
      totalPositionMM: '0',
      unrealisedPnl: '0',
      cumRealisedPnl: decimalString(account.cumRealisedPnl),
      bonus: '0',
      collateralSwitch: true,
      marginCollateral: true,
    };
    const wanted = coinFilter === undefined || coinFilter.split(',').includes('USDT');
    return {
      list: [
        {
          accountType: 'UNIFIED',
          accountIMRate:
            account.walletBalance > 0 ? decimalString(positionIm / account.walletBalance, 4) : '0',
          accountMMRate: '0',
          totalEquity: wallet,
          totalWalletBalance: wallet,
          totalMarginBalance: wallet,
          totalAvailableBalance: available,
          totalPerpUPL: '0',
          totalInitialMargin: decimalString(positionIm + totalOrderIM(account)),
          totalMaintenanceMargin: '0',
          accountLTV: '0',
          coin: wanted ? [usdt] : [],
        },
      ],
    };
  },
};
