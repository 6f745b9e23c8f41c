import { createPrng } from '@trade/core';
import type { ExposureSample, MarginSample, MetricsInput, TradeRecord } from '../../src/index';

export const MINUTES_PER_YEAR = 525_600;

/**
 * A seeded one-year 1m run: 525,600 periods of a random-walk equity curve in a Float64Array, `tradeCount`
 * back-to-back trades spread over the year, funding every 8 h, and one exposure, margin and liquidation-distance
 * sample per bar in position (the densest input the engine can produce).
 */
export function yearOfMinutes(tradeCount: number, withSamples: boolean): MetricsInput {
  const prng = createPrng(7);
  const equity = new Float64Array(MINUTES_PER_YEAR + 1);
  equity[0] = 100_000;
  for (let i = 1; i <= MINUTES_PER_YEAR; i++) equity[i] = equity[i - 1]! * (1 + prng.normal() * 0.0005);

  const span = Math.floor(MINUTES_PER_YEAR / tradeCount);
  const trades: TradeRecord[] = [];
  const exposureSamples: ExposureSample[] = [];
  const marginSamples: MarginSample[] = [];
  const liqDistances: number[] = [];
  for (let t = 0; t < tradeCount; t++) {
    const entryBarIndex = t * span + 1;
    const exitBarIndex = entryBarIndex + Math.max(0, Math.floor(prng.uniform() * (span - 1)));
    const tradeId = `T${String(t + 1).padStart(6, '0')}`;
    trades.push({
      tradeId,
      side: prng.uniform() < 0.5 ? 'long' : 'short',
      entryBarIndex,
      exitBarIndex,
      entryNotional: 50_000,
      fees: 55,
      netPnl: Math.round(prng.normal() * 20_000) / 100,
      maePct: prng.uniform() * 2,
      mfePct: prng.uniform() * 3,
    });
    if (!withSamples) continue;
    for (let bar = entryBarIndex; bar <= exitBarIndex; bar++) {
      exposureSamples.push({ positionValue: 50_000, equity: equity[bar]! });
      marginSamples.push({ tradeId, coverage: 1 + prng.uniform() * 20 });
      liqDistances.push(5 + prng.uniform() * 40);
    }
  }
  const funding = Array.from({ length: MINUTES_PER_YEAR / 480 }, () => Math.round(prng.normal() * 500) / 100);
  return {
    timeframe: '1m',
    equity,
    trades,
    funding,
    ...(withSamples
      ? { exposureSamples, marginSamples, liqDistanceSamples: Float64Array.from(liqDistances) }
      : {}),
    entryAttempts: tradeCount + 100,
    entryRejections: 100,
  };
}
