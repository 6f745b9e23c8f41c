import { type Candles, createPrng, sliceCandles } from '@trade/core';
import { describe, expect, it } from 'vitest';
import {
  buildStructureChain,
  computeStructureSeries,
  type StructureBar,
  type StructureDetector,
  type StructureSeries,
  type StructureSnapshot,
} from '../src/index';
import { DETECTOR_CASES } from './cases';
import { atr14, btcCandles } from './datasets';

const minute = btcCandles('1m', 1200);
const hourly = btcCandles('60m');

/** Bitwise equality of two rows ranges (NaN equals NaN). */
function expectSameRows(a: StructureSeries, b: StructureSeries, upTo: number, label: string): void {
  for (const f of a.fields) {
    if (f.type === 'HASH') {
      expect(b.hashes[f.name]!.slice(0, upTo + 1), `${label}: ${f.name}`).toEqual(
        a.hashes[f.name]!.slice(0, upTo + 1),
      );
      continue;
    }
    const x = a.columns[f.name]!;
    const y = b.columns[f.name]!;
    for (let i = 0; i <= upTo; i++) {
      if (!Object.is(x[i], y[i])) expect.fail(`${label}: ${f.name} at bar ${i}: ${x[i]} vs ${y[i]}`);
    }
  }
}

function barAt(candles: Candles, atr: Float64Array, i: number): StructureBar {
  return {
    idx: i,
    ts: candles.ts[i]!,
    open: candles.open[i]!,
    high: candles.high[i]!,
    low: candles.low[i]!,
    close: candles.close[i]!,
    volume: candles.volume[i]!,
    ind: (key) => (key === 'atr' ? atr[i]! : Number.NaN),
  };
}

/** Steps a chain over bars [from, to) and returns the target's values after each bar. */
function stepChain(
  chain: StructureDetector[],
  candles: Candles,
  atr: Float64Array,
  from: number,
  to: number,
): number[][] {
  const target = chain[chain.length - 1]!;
  const out: number[][] = [];
  for (let i = from; i < to; i++) {
    const bar = barAt(candles, atr, i);
    for (const d of chain) d.update(bar);
    out.push([
      ...Array.from(target.values),
      ...target.fields
        .filter((f) => f.type === 'HASH')
        .map((f) => target.readText(f.name) as unknown as number),
    ]);
  }
  return out;
}

describe.skipIf(minute === undefined || hourly === undefined)(
  'no look-ahead on real BTCUSDT 1m and 60m bars',
  () => {
    const sets = [
      { name: '1m', candles: minute!, atr: minute === undefined ? new Float64Array() : atr14(minute) },
      { name: '60m', candles: hourly!, atr: hourly === undefined ? new Float64Array() : atr14(hourly) },
    ];
    for (const c of DETECTOR_CASES) {
      it(`${c.name}: rows 0..N are identical whether the input ends at N or continues (20 random N)`, () => {
        for (const set of sets) {
          const full = computeStructureSeries(c.type, c.params, set.candles, c.deps, {
            features: { atr: set.atr },
          });
          const rng = createPrng(7, 0);
          for (let k = 0; k < 20; k++) {
            const end = k === 0 ? 0 : rng.int(set.candles.length);
            const prefix = computeStructureSeries(
              c.type,
              c.params,
              sliceCandles(set.candles, 0, end + 1),
              c.deps,
              {
                features: { atr: set.atr.subarray(0, end + 1) },
              },
            );
            expectSameRows(full, prefix, end, `${c.name} ${set.name} prefix ending at ${end}`);
          }
        }
      });
    }
  },
);

describe.skipIf(minute === undefined)(
  'determinism, reset and snapshot/restore on real BTCUSDT 1m bars',
  () => {
    const candles = minute === undefined ? undefined : sliceCandles(minute, 0, 1200);
    const atr = candles === undefined ? new Float64Array() : atr14(candles);
    for (const c of DETECTOR_CASES) {
      it(`${c.name}: two runs, a reset run and runs resumed from JSON snapshots at bars 0, 50, 1000 are bitwise equal`, () => {
        const n = candles!.length;
        const chain = buildStructureChain(c.type, c.params, c.deps);
        const reference = stepChain(chain, candles!, atr, 0, n);
        expect(stepChain(buildStructureChain(c.type, c.params, c.deps), candles!, atr, 0, n)).toEqual(
          reference,
        );
        for (const d of chain) d.reset();
        expect(stepChain(chain, candles!, atr, 0, n)).toEqual(reference);
        for (const at of [0, 50, 1000]) {
          const first = buildStructureChain(c.type, c.params, c.deps);
          stepChain(first, candles!, atr, 0, at + 1);
          const snapshots = JSON.parse(JSON.stringify(first.map((d) => d.snapshot()))) as StructureSnapshot[];
          const resumed = buildStructureChain(c.type, c.params, c.deps);
          for (const [i, d] of resumed.entries()) d.restore(snapshots[i]!);
          expect(resumed[resumed.length - 1]!.lastIdx).toBe(at);
          expect(stepChain(resumed, candles!, atr, at + 1, n)).toEqual(reference.slice(at + 1));
        }
      });
    }
  },
);
