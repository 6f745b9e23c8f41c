import { MetricsInputError } from './errors';
import type { MetricsInput, TradeRecord } from './input';

function requireFinite(value: number, path: string): void {
  if (!Number.isFinite(value)) {
    throw new MetricsInputError(
      `${path} must be a finite number, got ${String(value)}`,
      path,
      'metrics are computed from finite numbers only; check the producer of this value',
    );
  }
}

function requireCount(value: number, path: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new MetricsInputError(
      `${path} must be a non-negative integer, got ${String(value)}`,
      path,
      'pass the simulator counter as is (sim-exchange.md §14.3)',
    );
  }
}

function requireFiniteSeries(values: ArrayLike<number>, path: string): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    // Checked inline so the common all-finite case allocates no path string.
    if (!Number.isFinite(value)) requireFinite(value, `${path}[${i}]`);
  }
}

function validateTrade(trade: TradeRecord, path: string): void {
  if (typeof trade.tradeId !== 'string' || trade.tradeId === '') {
    throw new MetricsInputError(
      `${path}.tradeId must be a non-empty string`,
      `${path}.tradeId`,
      'trade ids order trades closed in the same bar and link margin samples to trades',
    );
  }
  if (trade.side !== 'long' && trade.side !== 'short') {
    throw new MetricsInputError(
      `${path}.side must be 'long' or 'short', got '${String(trade.side)}'`,
      `${path}.side`,
      'use the position side of the trade',
    );
  }
  for (const key of ['entryBarIndex', 'exitBarIndex'] as const) {
    if (!Number.isInteger(trade[key])) {
      throw new MetricsInputError(
        `${path}.${key} must be an integer bar ordinal, got ${String(trade[key])}`,
        `${path}.${key}`,
        'bar indices count exec bars from a fixed base',
      );
    }
  }
  if (trade.exitBarIndex < trade.entryBarIndex) {
    throw new MetricsInputError(
      `${path} exits at bar ${trade.exitBarIndex}, before its entry bar ${trade.entryBarIndex}`,
      `${path}.exitBarIndex`,
      'entry and exit bar indices must use the same base',
    );
  }
  requireFinite(trade.entryNotional, `${path}.entryNotional`);
  if (trade.entryNotional <= 0) {
    throw new MetricsInputError(
      `${path}.entryNotional must be > 0, got ${trade.entryNotional}`,
      `${path}.entryNotional`,
      'entryNotional is Σ opened qty × price, positive for every real trade',
    );
  }
  requireFinite(trade.fees, `${path}.fees`);
  requireFinite(trade.netPnl, `${path}.netPnl`);
  requireFinite(trade.maePct, `${path}.maePct`);
  requireFinite(trade.mfePct, `${path}.mfePct`);
  if (trade.realizedPnl !== undefined) requireFinite(trade.realizedPnl, `${path}.realizedPnl`);
  if (trade.closeTime !== undefined && trade.closeTime !== null)
    requireFinite(trade.closeTime, `${path}.closeTime`);
}

/** Enforces the input contract of metrics.md §1; throws `MetricsInputError` naming the first offending field. */
export function validateMetricsInput(input: MetricsInput): void {
  const { equity } = input;
  if (equity.length < 1) {
    throw new MetricsInputError(
      'equity must hold at least the starting point E₀',
      'equity',
      'pass E₀ (equity at sim start) followed by one point per exec bar',
    );
  }
  requireFiniteSeries(equity, 'equity');
  if (equity[0]! <= 0) {
    throw new MetricsInputError(
      `equity[0] (E₀) must be > 0, got ${equity[0]}`,
      'equity[0]',
      'a run starts with positive equity',
    );
  }
  if (input.initialEquity !== undefined && input.initialEquity !== equity[0]) {
    throw new MetricsInputError(
      `initialEquity ${input.initialEquity} differs from equity[0] ${equity[0]}`,
      'initialEquity',
      'the first equity point is the equity at sim start; omit initialEquity to use it',
    );
  }
  input.trades.forEach((trade, i) => {
    validateTrade(trade, `trades[${i}]`);
  });
  const { funding } = input;
  for (let i = 0; i < funding.length; i++) {
    const entry = funding[i]!;
    if (typeof entry === 'number') requireFinite(entry, `funding[${i}]`);
    else requireFinite(entry.cashFlow, `funding[${i}].cashFlow`);
  }

  if (input.benchmark !== undefined) {
    for (const key of ['firstPrice', 'lastPrice'] as const) {
      const price = input.benchmark[key];
      requireFinite(price, `benchmark.${key}`);
      if (price <= 0) {
        throw new MetricsInputError(
          `benchmark.${key} must be > 0, got ${price}`,
          `benchmark.${key}`,
          'pass the open of the first exec bar and the close of the last processed 1m bar',
        );
      }
    }
  }

  input.exposureSamples?.forEach((sample, i) => {
    requireFinite(sample.positionValue, `exposureSamples[${i}].positionValue`);
    requireFinite(sample.equity, `exposureSamples[${i}].equity`);
    if (sample.positionValue < 0) {
      throw new MetricsInputError(
        `exposureSamples[${i}].positionValue must be ≥ 0, got ${sample.positionValue}`,
        `exposureSamples[${i}].positionValue`,
        'position value is |qty| × price, never negative',
      );
    }
  });
  input.marginSamples?.forEach((sample, i) => {
    requireFinite(sample.coverage, `marginSamples[${i}].coverage`);
  });
  const liqDistances = input.liqDistanceSamples;
  if (liqDistances !== undefined) {
    requireFiniteSeries(liqDistances, 'liqDistanceSamples');
    for (let i = 0; i < liqDistances.length; i++) {
      if (liqDistances[i]! < 0) {
        throw new MetricsInputError(
          `liqDistanceSamples[${i}] must be ≥ 0, got ${liqDistances[i]}`,
          `liqDistanceSamples[${i}]`,
          'the simulator floors worstLiqDistancePct at 0 (sim-exchange.md §15)',
        );
      }
    }
  }

  const attempts = input.entryAttempts ?? 0;
  const rejections = input.entryRejections ?? 0;
  requireCount(attempts, 'entryAttempts');
  requireCount(rejections, 'entryRejections');
  requireCount(input.liquidationEvents ?? 0, 'liquidationEvents');
  if (rejections > attempts) {
    throw new MetricsInputError(
      `entryRejections ${rejections} exceeds entryAttempts ${attempts}`,
      'entryRejections',
      'rejections are counted among the entry attempts',
    );
  }
  if (input.marginCallMmRate !== undefined) {
    requireFinite(input.marginCallMmRate, 'marginCallMmRate');
    if (input.marginCallMmRate <= 0) {
      throw new MetricsInputError(
        `marginCallMmRate must be > 0, got ${input.marginCallMmRate}`,
        'marginCallMmRate',
        'the margin-call threshold is coverage ≤ 1 / marginCallMmRate (default 0.8)',
      );
    }
  }
}
