import { describe, expect, it } from 'vitest';
import { listIndicators } from '../src/index';
import { checkIndicatorContract } from '../src/testing/indicatorContract';
import { anchorPattern, datasets } from './datasets';

describe('indicator contract (§1.2, §5.2, §6, §8.6) for every catalogue indicator on D1–D5', () => {
  for (const meta of listIndicators()) {
    it(`${meta.name}: NaN before FVI, batch = streaming = resumed from snapshots, reset = fresh, no look-ahead`, () => {
      for (const ds of datasets()) {
        const anchors = meta.anchored ? anchorPattern(ds.candles.length) : undefined;
        const problems = checkIndicatorContract(
          meta.name,
          {},
          ds.candles,
          anchors === undefined ? {} : { anchors },
        );
        expect(problems.slice(0, 10), ds.id).toEqual([]);
      }
    });
  }
});
