import type { RouteDef } from '../server/router';
import { accountInfoRoute, collateralInfoRoute, transactionLogRoute } from './account-info';
import { walletBalanceRoute } from './account-wallet-balance';
import { fundingHistoryRoute } from './market-funding';
import { instrumentsInfoRoute, riskLimitRoute } from './market-instruments';
import { klineRoute, markPriceKlineRoute } from './market-kline';
import { openInterestRoute } from './market-open-interest';
import { orderbookRoute } from './market-orderbook';
import { tickersRoute } from './market-tickers';
import { marketTimeRoute } from './market-time';
import { cancelAllRoute, createOrderRoute, openOrdersRoute } from './orders';
import { positionListRoute } from './position-list';
import { setLeverageRoute } from './position-set-leverage';

/** The public market surface. Private (account, order) routes join this table later. */
export const MARKET_ROUTES: readonly RouteDef[] = [
  marketTimeRoute,
  klineRoute,
  markPriceKlineRoute,
  fundingHistoryRoute,
  openInterestRoute,
  instrumentsInfoRoute,
  riskLimitRoute,
  tickersRoute,
  orderbookRoute,
];

/**
 * The signed account, position and order surface (`bybit-mock.md` §6.2–6.4) the exchange tier uses; the other
 * order routes and the matching engine join this table with the live work.
 */
export const PRIVATE_ROUTES: readonly RouteDef[] = [
  walletBalanceRoute,
  accountInfoRoute,
  collateralInfoRoute,
  transactionLogRoute,
  positionListRoute,
  setLeverageRoute,
  createOrderRoute,
  openOrdersRoute,
  cancelAllRoute,
];

/** Every route the server answers. */
export const ALL_ROUTES: readonly RouteDef[] = [...MARKET_ROUTES, ...PRIVATE_ROUTES];
