import { floorToTf } from '@trade/core';
import type { MarketStore } from '../store/market-store';
import { findGaps, type Gap } from './gaps';

const MINUTE_MS = 60_000;

export interface CoverageCheck {
  /** No missing edge and no interior gap. */
  readonly ok: boolean;
  /** Uncovered ranges at the start or end of the window, `[start, end)` in ms. */
  readonly missing: readonly { start: number; end: number }[];
  /** Interior holes between stored bars (first and last missing bar open times). */
  readonly gaps: readonly Gap[];
  /** Stored bars / expected bars over the window, 0…1. */
  readonly filled_share: number;
}

export interface PreflightReport extends CoverageCheck {
  readonly symbol: string;
  readonly dataStart: number;
  readonly windowEnd: number;
  /** Present when `mark` was asked for. */
  readonly mark?: CoverageCheck;
}

async function check(
  store: MarketStore,
  dataset: 'candles' | 'mark',
  symbol: string,
  start: number,
  end: number,
): Promise<CoverageCheck> {
  const scan = await findGaps(store, { dataset, symbol, key: '1m', start, end });
  const expected = Math.max(0, Math.ceil((end - start) / MINUTE_MS));
  const missingBars = scan.gaps.reduce((n, g) => n + g.missing, 0);
  const missing: { start: number; end: number }[] = [];
  const gaps: Gap[] = [];
  for (const g of scan.gaps) {
    // A hole touching the window start or end is an uncovered edge (sync fetches it); others are interior gaps.
    if (g.start <= start || g.end + MINUTE_MS >= end)
      missing.push({ start: g.start, end: g.end + MINUTE_MS });
    else gaps.push(g);
  }
  return {
    ok: missing.length === 0 && gaps.length === 0,
    missing,
    gaps,
    filled_share: expected === 0 ? 1 : (expected - missingBars) / expected,
  };
}

/**
 * `data.md` §9 preflight over 1m candles (and 1m mark when asked) for `[dataStart, windowEnd)`: the engine
 * syncs `missing` when allowed and otherwise applies its truncation and gap rules.
 */
export async function preflight(
  store: MarketStore,
  q: { symbol: string; dataStart: number; windowEnd: number; mark?: boolean },
): Promise<PreflightReport> {
  const symbol = q.symbol.toUpperCase();
  const start = floorToTf(q.dataStart, '1m');
  const candles = await check(store, 'candles', symbol, start, q.windowEnd);
  const mark = q.mark === true ? await check(store, 'mark', symbol, start, q.windowEnd) : undefined;
  return {
    symbol,
    dataStart: start,
    windowEnd: q.windowEnd,
    ...candles,
    ok: candles.ok && (mark?.ok ?? true),
    ...(mark === undefined ? {} : { mark }),
  };
}
