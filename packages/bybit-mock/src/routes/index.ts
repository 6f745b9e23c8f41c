import type { RouteDef } from '../server/router';
import { fundingHistoryRoute } from './market-funding';
import { instrumentsInfoRoute, riskLimitRoute } from './market-instruments';
import { klineRoute, markPriceKlineRoute } from './market-kline';
import { openInterestRoute } from './market-open-interest';
import { marketTimeRoute } from './market-time';

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
