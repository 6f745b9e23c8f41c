import { TimeframeError, TradeError } from '@trade/core';
import { describe, expect, it } from 'vitest';
import { computeMetrics, type MetricsInput, MetricsInputError, UnknownTimeframeError } from '../src/index';
import { makeInput, makeTrade } from './fixtures';

function inputError(input: MetricsInput): MetricsInputError {
  try {
    computeMetrics(input);
  } catch (error) {
    expect(error).toBeInstanceOf(MetricsInputError);
    return error as MetricsInputError;
  }
  throw new Error('computeMetrics accepted an invalid input');
}

describe('MetricsInputError', () => {
  it('is a TradeError with code E_METRICS_INPUT, a path and a hint', () => {
    const error = inputError(makeInput([]));
    expect(error).toBeInstanceOf(TradeError);
    expect(error.code).toBe('E_METRICS_INPUT');
    expect(error.name).toBe('MetricsInputError');
    expect(error.path).toBe('equity');
    expect(error.hint).toBeTruthy();
  });

  it.each([
    ['an empty equity curve', makeInput([]), 'equity'],
    ['E₀ = 0', makeInput([0, 10]), 'equity[0]'],
    ['a negative E₀', makeInput([-5, 10]), 'equity[0]'],
    ['NaN inside the curve', makeInput([100, 101, Number.NaN]), 'equity[2]'],
    ['Infinity inside a Float64Array curve', makeInput(new Float64Array([100, Infinity])), 'equity[1]'],
    ['initialEquity different from E₀', makeInput([100, 101], { initialEquity: 100.5 }), 'initialEquity'],
    ['a non-finite funding flow', makeInput([100], { funding: [1, Number.NaN] }), 'funding[1]'],
    [
      'a zero benchmark price',
      makeInput([100], { benchmark: { firstPrice: 0, lastPrice: 1 } }),
      'benchmark.firstPrice',
    ],
    ['a negative entry attempt count', makeInput([100], { entryAttempts: -1 }), 'entryAttempts'],
    ['a fractional liquidation count', makeInput([100], { liquidationEvents: 1.5 }), 'liquidationEvents'],
    [
      'more rejections than attempts',
      makeInput([100], { entryAttempts: 1, entryRejections: 2 }),
      'entryRejections',
    ],
    ['a zero margin-call rate', makeInput([100], { marginCallMmRate: 0 }), 'marginCallMmRate'],
    [
      'a negative liquidation distance',
      makeInput([100], { liqDistanceSamples: [1, -0.5] }),
      'liqDistanceSamples[1]',
    ],
    [
      'a non-finite margin coverage',
      makeInput([100], { marginSamples: [{ tradeId: 'T1', coverage: Infinity }] }),
      'marginSamples[0].coverage',
    ],
    [
      'a negative position value',
      makeInput([100], { exposureSamples: [{ positionValue: -1, equity: 100 }] }),
      'exposureSamples[0].positionValue',
    ],
  ])('rejects %s', (_name, input, path) => {
    expect(inputError(input).path).toBe(path);
  });

  it.each([
    ['an unknown side', { side: 'flat' as never }, 'trades[0].side'],
    ['an exit before the entry', { entryBarIndex: 5, exitBarIndex: 4 }, 'trades[0].exitBarIndex'],
    ['a fractional bar index', { entryBarIndex: 1.5, exitBarIndex: 2 }, 'trades[0].entryBarIndex'],
    ['a zero entry notional', { entryNotional: 0 }, 'trades[0].entryNotional'],
    ['a NaN net PnL', { netPnl: Number.NaN }, 'trades[0].netPnl'],
    ['an infinite MAE', { maePct: Infinity }, 'trades[0].maePct'],
    ['an empty trade id', { tradeId: '' }, 'trades[0].tradeId'],
  ])('rejects a trade with %s', (_name, fields, path) => {
    const trade = makeTrade({ netPnl: 1, ...fields });
    expect(inputError(makeInput([100, 100, 100, 100, 100, 100], { trades: [trade] })).path).toBe(path);
  });

  it('rejects trades that cover more exec bars than the curve has periods', () => {
    const trade = makeTrade({ netPnl: 1, entryBarIndex: 1, exitBarIndex: 3 });
    expect(inputError(makeInput([100, 101], { trades: [trade] })).path).toBe('trades');
  });

  it('accepts initialEquity equal to E₀', () => {
    expect(computeMetrics(makeInput([100, 101], { initialEquity: 100 })).initial_equity).toBe(100);
  });
});

describe('unknown timeframe in computeMetrics', () => {
  it('throws UnknownTimeframeError (a core TimeframeError, code E_TF_INVALID) for 1d with a hint naming D', () => {
    try {
      computeMetrics(makeInput([100], { timeframe: '1d' }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UnknownTimeframeError);
      expect(error).toBeInstanceOf(TimeframeError);
      const tfError = error as UnknownTimeframeError;
      expect(tfError.code).toBe('E_TF_INVALID');
      expect(tfError.timeframe).toBe('1d');
      expect(tfError.hint).toContain('`D`');
    }
  });
});

describe('overflowing returns', () => {
  it('rejects a curve whose returns overflow the double range instead of producing NaN', () => {
    expect(inputError(makeInput([1e-200, 1e200, 1e-200, 1e200])).path).toBe('equity');
  });
});

describe('funding records', () => {
  it('names the record field of a non-finite cash flow', () => {
    expect(inputError(makeInput([100], { funding: [{ cashFlow: Number.NaN }] })).path).toBe(
      'funding[0].cashFlow',
    );
  });
});
