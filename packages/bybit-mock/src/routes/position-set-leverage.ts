import { DEFAULT_LEVERAGE } from '../account/accounts';
import { BybitApiReject, paramsError, RetCode } from '../server/envelope';
import type { RouteDef } from '../server/router';

import { positiveDecimal, symbolPost } from './private-common';

/**
 * `POST /v5/position/set-leverage` (`bybit-mock.md` §6.3), one-way mode: `buyLeverage = sellLeverage`, within
 * the instrument's `[minLeverage, maxLeverage]` on its `leverageStep` (else `10001`); the same value as now →
 * `110043`; above the tier's max for the open position's value → `110013`. Resting orders keep the margin they
 * were placed with.
 */
export const setLeverageRoute: RouteDef = {
  method: 'POST',
  path: '/v5/position/set-leverage',
  access: 'private',
  handler: (raw) => {
    const { ctx, account, symbol } = symbolPost(raw);
    const buy = positiveDecimal(ctx.query, 'buyLeverage');
    const sell = positiveDecimal(ctx.query, 'sellLeverage');
    if (buy !== sell) throw paramsError('buyLeverage must equal sellLeverage in one-way mode');
    const inst = ctx.market.instrument(symbol);
    const steps = (buy - inst.minLeverage) / inst.leverageStep;
    if (buy < inst.minLeverage || buy > inst.maxLeverage || Math.abs(steps - Math.round(steps)) > 1e-9)
      throw paramsError(
        `leverage ${buy} is outside [${inst.minLeverage}, ${inst.maxLeverage}] step ${inst.leverageStep} for ${symbol}`,
      );
    const position = account.positions.get(symbol);
    const current = position?.leverage ?? account.leverage.get(symbol) ?? DEFAULT_LEVERAGE;
    if (current === buy)
      throw new BybitApiReject(RetCode.leverageNotModified, 'Set leverage has not been modified.');
    if (position !== undefined) {
      const value = position.size * position.avgPrice;
      const tier = inst.riskTiers.find((t) => value <= t.riskLimitValue) ?? inst.riskTiers.at(-1);
      if (tier !== undefined && buy > tier.maxLeverage)
        throw new BybitApiReject(RetCode.leverageAboveTier, 'Cannot set leverage due to risk limit level.');
      position.leverage = buy;
      position.updatedTime = ctx.clock.now();
    }
    account.leverage.set(symbol, buy);
    return {};
  },
};
