import { describe, expect, it } from 'vitest';
import { computeSeries, listIndicators, validateParams } from '../src/index';
import { compareSeries } from './compare';
import { anchorPattern, datasets } from './datasets';
import { naive } from './naive';
import { paramSets } from './param-sets';

describe('parity with the independent naive reference (§8.2) on D1–D5', () => {
  for (const meta of listIndicators()) {
    const sets = paramSets(meta);
    it(`${meta.name}: every output at every index within 1e-9·max(1,|ref|) for ${sets.length} param sets`, () => {
      const problems: string[] = [];
      let cells = 0;
      let ties = 0;
      for (const raw of sets) {
        const params = validateParams(meta.name, raw).params;
        for (const ds of datasets()) {
          const anchors = meta.anchored ? anchorPattern(ds.candles.length) : undefined;
          const got = computeSeries(meta.name, raw, ds.candles, anchors === undefined ? {} : { anchors });
          const ref = naive(meta.name, params, ds.candles, anchors);
          const margin = ref._margin;
          for (const o of meta.outputs) {
            const label = `${ds.id} ${JSON.stringify(raw)} ${o.key}`;
            let g = got[o.key]!;
            let r = ref[o.key]!;
            if (margin !== undefined && o.type === 'INT') {
              // Squeeze flags compare two float bands: at a tie within 1e-9 either flag is correct.
              g = g.map((v, i) => (margin[i]! <= 1e-9 ? Number.NaN : v));
              r = r.map((v, i) => (margin[i]! <= 1e-9 ? Number.NaN : v));
              ties += g.filter((v, i) => Number.isNaN(v) && !Number.isNaN(got[o.key]![i]!)).length;
            }
            problems.push(...compareSeries(label, g, r, o.type === 'INT'));
            cells += ds.candles.length;
          }
        }
      }
      expect(problems.slice(0, 10)).toEqual([]);
      expect(cells).toBeGreaterThan(0);
      if (ties > 0) console.info(`${meta.name}: ${ties} flag cells at exact band ties not compared`);
    });
  }
});
