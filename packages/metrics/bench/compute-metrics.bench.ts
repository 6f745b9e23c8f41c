import { bench, describe } from 'vitest';
import { computeMetrics, drawdownStats } from '../src/index';
import { yearOfMinutes } from './util/year-of-minutes';

// Question: is computeMetrics fast enough to run after every 1m backtest of a year (525,600 bars, 10,000 trades)?
const core = yearOfMinutes(10_000, false);
const coreAsArray = { ...core, equity: Array.from(core.equity) };
const full = yearOfMinutes(10_000, true);
const options = { time: 3_000 };

describe('computeMetrics, one year of 1m bars, 10,000 trades', () => {
  bench(
    'equity (Float64Array) + trades + funding',
    () => {
      computeMetrics(core);
    },
    options,
  );

  bench(
    'equity (number[]) + trades + funding',
    () => {
      computeMetrics(coreAsArray);
    },
    options,
  );

  bench(
    'plus one exposure, margin and liquidation sample per bar in position',
    () => {
      computeMetrics(full);
    },
    options,
  );

  bench(
    'drawdownStats alone (525,601 points)',
    () => {
      drawdownStats(core.equity);
    },
    options,
  );
});
