import type { MarketStore } from '../market/market-store';
import type { FaultEngine, MissingRange } from './fault-engine';

/**
 * Which fault engine edits a market's served data (`missingBars` on REST `/v5/market/kline`). Routes see only
 * their `RouteContext` (market, clock, …), not the fault engine, so the mock registers the pair here when it builds
 * its WebSocket server, which receives both; keyed by the market object, which belongs to exactly one mock, so two
 * mocks in one process never see each other's rules.
 */
const engines = new WeakMap<MarketStore, FaultEngine>();

export function bindMarketFaults(market: MarketStore, faults: FaultEngine): void {
  engines.set(market, faults);
}

/** The `missingBars` ranges in force for `market`'s `symbol` at Bybit `interval`; empty when none. */
export function missingRangesOf(market: MarketStore, symbol: string, interval: string): MissingRange[] {
  return engines.get(market)?.missingRanges(symbol, interval) ?? [];
}

/** True when `startMs` lies in one of `ranges` (each `[start, end)`). */
export function inMissingRange(ranges: readonly MissingRange[], startMs: number): boolean {
  return ranges.some((r) => startMs >= r.start && startMs < r.end);
}
