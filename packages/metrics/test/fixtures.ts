import type { MetricsInput, TradeRecord } from '../src/index';

let nextId = 1;

/** A trade with round numbers; `netPnl` and the bar span are what most metrics read. */
export function makeTrade(fields: Partial<TradeRecord> & { netPnl: number }): TradeRecord {
  const id = nextId++;
  return {
    tradeId: `T${String(id).padStart(6, '0')}`,
    side: 'long',
    entryBarIndex: 1,
    exitBarIndex: 1,
    entryNotional: 1_000,
    fees: 1,
    maePct: 0,
    mfePct: 0,
    ...fields,
  };
}

/** Minimal valid input: daily timeframe, no trades, no funding, no samples. */
export function makeInput(equity: ArrayLike<number>, extra: Partial<MetricsInput> = {}): MetricsInput {
  return { timeframe: 'D', equity, trades: [], funding: [], ...extra };
}
