import { describe, expect, expectTypeOf, it } from 'vitest';
import { computeMetrics, METRIC_NAMES, type MetricName, type Metrics } from '../src/index';
import { makeInput } from './fixtures';

describe('METRIC_NAMES', () => {
  it('lists the 62 established fields and the 2 additions of metrics.md §4 once each', () => {
    expect(METRIC_NAMES).toHaveLength(64);
    expect(new Set(METRIC_NAMES).size).toBe(64);
    expect(METRIC_NAMES.slice(-2)).toEqual(['breakeven_trades', 'liquidation_events']);
  });

  it('names exactly the keys of a computeMetrics result, in order', () => {
    expect(Object.keys(computeMetrics(makeInput([1000, 1001])))).toEqual([...METRIC_NAMES]);
  });

  it('is the key set of the Metrics type', () => {
    expectTypeOf<MetricName>().toEqualTypeOf<keyof Metrics>();
  });

  it('contains the metrics that play-dsl.md expected checks read', () => {
    for (const name of ['total_trades', 'net_profit', 'win_rate', 'max_drawdown_pct', 'net_return_pct']) {
      expect(METRIC_NAMES).toContain(name);
    }
  });
});
