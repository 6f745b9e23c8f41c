import { bench, describe } from 'vitest';
import { generatePatternCloses, generateSynthetic, seriesDigest } from '../src/synthetic/index';

// Run: cd packages/data && npx vitest bench --run bench/synthetic.bench.ts
// Heavy cases run a fixed number of iterations so the whole file stays under a minute on a shared 2-core box.
const HEAVY = { iterations: 5, warmupIterations: 1, time: 0 };
const YEAR_1M = 525_600;
const yearOf1m = generateSynthetic({ bars: YEAR_1M, patternTf: '1m', tfs: ['1m'] });

describe('synthetic generator', () => {
  bench(
    'one year of 1m (525,600 bars), pattern TF 1m, tfs [1m], data_hash included',
    () => {
      generateSynthetic({ bars: YEAR_1M, patternTf: '1m', tfs: ['1m'] });
    },
    HEAVY,
  );

  bench(
    'one year on a 15m pattern TF (35,040 bars, bridge to 525,600 1m), tfs [1m 5m 15m 1h 4h]',
    () => {
      generateSynthetic({ bars: 35_040, patternTf: '15m', tfs: ['1m', '5m', '15m', '1h', '4h'] });
    },
    HEAVY,
  );

  bench(
    'golden case: 2,880 + 96 lead-in 15m bars (44,640 1m), tfs [1m 15m 1h D]',
    () => {
      generateSynthetic({ bars: 2880, leadInBars: 96, patternTf: '15m', tfs: ['1m', '15m', '1h', 'D'] });
    },
    { iterations: 20, warmupIterations: 2, time: 0 },
  );

  bench(
    'series digest alone of one year of 1m (the data_hash share)',
    () => {
      seriesDigest(yearOf1m.candles1m);
    },
    HEAVY,
  );

  bench('pattern closes only: 2,000 bars of trend_up_clean', () => {
    generatePatternCloses({ bars: 2000, patternTf: '15m' });
  });
});
