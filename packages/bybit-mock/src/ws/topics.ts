import { BYBIT_INTERVAL, TIMEFRAMES, type Timeframe, timeframeFromBybitInterval } from '@trade/core';

/** Kline intervals Bybit streams (`bybit-mock.md` §8.2): REST's list without W and M. */
export const WS_KLINE_TIMEFRAMES: readonly Timeframe[] = TIMEFRAMES.filter((tf) => tf !== 'W' && tf !== 'M');
const KLINE_INTERVALS = new Set(WS_KLINE_TIMEFRAMES.map((tf) => BYBIT_INTERVAL[tf]));
/** Order-book depths of the linear public stream. */
export const ORDERBOOK_DEPTHS = [1, 50, 200, 500] as const;

/** A public topic the mock streams, parsed. */
export type PublicTopic =
  | { readonly kind: 'kline'; readonly topic: string; readonly symbol: string; readonly tf: Timeframe }
  | { readonly kind: 'tickers'; readonly topic: string; readonly symbol: string }
  | { readonly kind: 'orderbook'; readonly topic: string; readonly symbol: string; readonly depth: number };

/**
 * `kline.{interval}.{SYM}`, `tickers.{SYM}`, `orderbook.{depth}.{SYM}` on a symbol the mock serves; undefined for
 * anything else (including `publicTrade` and `allLiquidation`, which the mock does not stream yet).
 */
export function parsePublicTopic(topic: string, isSymbol: (s: string) => boolean): PublicTopic | undefined {
  const parts = topic.split('.');
  if (parts[0] === 'kline' && parts.length === 3) {
    const [, interval, symbol] = parts as [string, string, string];
    if (!KLINE_INTERVALS.has(interval) || !isSymbol(symbol)) return undefined;
    return { kind: 'kline', topic, symbol, tf: timeframeFromBybitInterval(interval) };
  }
  if (parts[0] === 'tickers' && parts.length === 2) {
    const symbol = parts[1]!;
    return isSymbol(symbol) ? { kind: 'tickers', topic, symbol } : undefined;
  }
  if (parts[0] === 'orderbook' && parts.length === 3) {
    const [, depthText, symbol] = parts as [string, string, string];
    const depth = ORDERBOOK_DEPTHS.find((d) => String(d) === depthText);
    return depth !== undefined && isSymbol(symbol) ? { kind: 'orderbook', topic, symbol, depth } : undefined;
  }
  return undefined;
}

/** The private topics of a linear account, in both spellings Bybit accepts (§8.3). */
const PRIVATE_TOPICS = new Set([
  'order',
  'order.linear',
  'execution',
  'execution.linear',
  'position',
  'position.linear',
  'wallet',
]);

export type PrivateStream = 'order' | 'execution' | 'position' | 'wallet';

/** The stream a private topic belongs to (`order.linear` → `order`); undefined for an unknown topic. */
export function privateStream(topic: string): PrivateStream | undefined {
  return PRIVATE_TOPICS.has(topic) ? (topic.split('.')[0] as PrivateStream) : undefined;
}
