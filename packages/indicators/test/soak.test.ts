import { describe, expect, it } from 'vitest';
import { computeMany, listIndicators, validateParams } from '../src/index';
import { compareSeries } from './compare';
import { anchorPattern, datasetSoak } from './datasets';
import { naive } from './naive';

/** O(n)-per-bar indicators (§5.3) are exempt from the drift soak: they re-sum their window every bar. */
const NOT_O1 = new Set(['cci', 'alma']);

describe('soak: no drift over 200 000 × 1m bars (§1.3, §8.6)', () => {
  it('the last 1000 values of every O(1) indicator are within 1e-9·max(1,|ref|) of the naive reference', () => {
    const candles = datasetSoak();
    const metas = listIndicators().filter((m) => !NOT_O1.has(m.name));
    const anchors = anchorPattern(candles.length);
    const results = computeMany(
      metas.map((m) => ({ name: m.name, params: {} })),
      candles,
      { anchors },
    );
    const problems: string[] = [];
    const from = candles.length - 1000;
    metas.forEach((meta, k) => {
      const ref = naive(
        meta.name,
        validateParams(meta.name).params,
        candles,
        meta.anchored ? anchors : undefined,
      );
      for (const o of meta.outputs) {
        problems.push(
          ...compareSeries(`${meta.name}.${o.key}`, results[k]![o.key]!, ref[o.key]!, o.type === 'INT', from),
        );
      }
    });
    expect(problems).toEqual([]);
  });
});
