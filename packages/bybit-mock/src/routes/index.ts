import type { RouteDef } from '../server/router';
import { walletBalanceRoute } from './account-wallet-balance';
import { fundingHistoryRoute } from './market-funding';
import { instrumentsInfoRoute, riskLimitRoute } from './market-instruments';
import { klineRoute, markPriceKlineRoute } from './market-kline';
import { openInterestRoute } from './market-open-interest';
import { marketTimeRoute } from './market-time';
import { positionListRoute } from './position-list';

/** The public market surface. Private (account, order) routes join this table later. */
export const MARKET_ROUTES: readonly RouteDef[] = [
  marketTimeRoute,
  klineRoute,
  markPriceKlineRoute,
  fundingHistoryRoute,
  openInterestRoute,
  instrumentsInfoRoute,
  riskLimitRoute,
];

/** The signed account and position surface (`bybit-mock.md` §6.2–6.3); orders join this table with the live work. */
export const PRIVATE_ROUTES: readonly RouteDef[] = [walletBalanceRoute, positionListRoute];

/** Every route the server answers. */
export const ALL_ROUTES: readonly RouteDef[] = [...MARKET_ROUTES, ...PRIVATE_ROUTES];
