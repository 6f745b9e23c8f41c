import { bench, describe } from 'vitest';
import { computeMetrics, drawdownStats } from '../src/index';
import { yearOfMinutes } from './util/year-of-minutes';

// Question: is computeMetrics fast enough to run after every 1m backtest of a year (525,600 bars, 10,000 trades)?
const core = yearOfMinutes(10_000, false);
const full = yearOfMinutes(10_000, true);

describe('computeMetrics, one year of 1m bars, 10,000 trades', () => {
  bench('equity + trades + funding', () => {
    computeMetrics(core);
  });

  bench('plus one exposure, margin and liquidation sample per bar in position', () => {
    computeMetrics(full);
  });

  bench('drawdownStats alone (525,601 points)', () => {
    drawdownStats(core.equity);
  });
});
