import { expect, it } from 'vitest';
import { createStructure } from '../src/index';

it('runs the README example: a BOS above the swing high 12 on bar 7', () => {
  const swing = createStructure('swing', { left: 2, right: 2 });
  const ms = createStructure('market_structure', {}, [swing], { key: 'ms' });
  const highs = [10, 11, 12, 11, 10, 11, 12, 13, 12, 14];
  highs.forEach((h, idx) => {
    const bar = {
      idx,
      ts: idx * 60_000,
      open: h - 1,
      high: h,
      low: h - 2,
      close: h - 0.5,
      volume: 1,
      ind: () => Number.NaN,
    };
    swing.update(bar);
    ms.update(bar);
  });
  expect([swing.read('high_level'), ms.read('bias'), ms.read('last_bos_idx')]).toEqual([12, 1, 7]);
  expect(ms.read('break_level_high')).toBeNaN();
});
