import { createHash } from 'node:crypto';
import { computeStructureSeries, listStructures } from '@trade/structures';
import { describe, expect, it } from 'vitest';
import {
  firstStructureMismatch,
  runStructureParity,
  structureParityGate,
} from '../src/gates/parity/structure-parity';
import { blake2b, derivedZoneInstanceId, fmt8, pairAnchorHash } from '../src/reference/structures/common';
import {
  datasetCloses,
  g5Dataset,
  trendingDataset,
  trendingFromGenerator,
} from '../src/reference/structures/datasets';
import { STRUCTURE_REFERENCES } from '../src/reference/structures/index';

/** validation.md §4 G5 line format. */
const LINE = /^[a-z_]+\/[a-z_]+: [a-z0-9_.]+ mismatch at bar \d+ \(ref=.*, got=.*\)$/;

describe('G5 reference building blocks', () => {
  it('hashes and fmt8 match the structures.md §1.5 vectors and node:crypto', () => {
    expect(pairAnchorHash(120, 50123.5, 110, 49000.25, 'bullish')).toBe('8459f5be22bf4e48');
    expect(derivedZoneInstanceId(0, 120, 110, 0.618, 'retracement')).toBe(2358589479);
    expect(fmt8(0.001953125)).toBe('0.00195312');
    expect(fmt8(-2.5e-9)).toBe('0.00000000');
    expect(fmt8(49000.25)).toBe('49000.25000000');
    for (const n of [0, 3, 127, 128, 129, 300]) {
      const d = new Uint8Array(n).map((_, i) => (i * 7 + 3) & 255);
      expect(Buffer.from(blake2b(d, 64)).toString('hex')).toBe(
        createHash('blake2b512').update(d).digest('hex'),
      );
    }
  });

  it('builds the §6.3 datasets: synthetic = the generator’s trending 15m bars, the rest as specified', () => {
    const mine = trendingDataset();
    const gen = trendingFromGenerator();
    expect(mine.ts).toEqual(gen.ts);
    for (const k of ['open', 'high', 'low', 'close', 'volume'] as const)
      for (let i = 0; i < 2000; i++)
        expect(Math.abs(mine[k][i]! - gen[k][i]!)).toBeLessThan(1e-12 * gen[k][i]!);
    const flat = g5Dataset('flat');
    expect(new Set([...flat.open, ...flat.high, ...flat.low, ...flat.close])).toEqual(new Set([100]));
    const gaps = datasetCloses('gaps');
    expect(gaps[50]! / gaps[49]!).toBeCloseTo(1.05, 12);
    expect(gaps[100]! / gaps[99]!).toBeCloseTo(0.95, 12);
    expect(Math.abs(gaps[51]! / gaps[50]! - 1)).toBeLessThan(0.02);
    const rise = g5Dataset('monotonic_rise');
    expect(rise.close[1999]! / rise.close[1998]!).toBeCloseTo(1.001, 12);
    expect(rise.ts[1]! - rise.ts[0]!).toBe(15 * 60_000);
    const fall = datasetCloses('monotonic_fall');
    expect(fall[1]! / fall[0]!).toBeCloseTo(0.999, 12);
    const swings = datasetCloses('rapid_swings');
    expect(Math.max(...swings)).toBeGreaterThan(102.5);
    expect(Math.min(...swings)).toBeLessThan(97.5);
  });

  it('has a reference for every detector type the registry lists', () => {
    expect(
      listStructures()
        .map((m) => m.type)
        .filter((t) => !STRUCTURE_REFERENCES.has(t)),
    ).toEqual([]);
  });
});

describe('G5 comparison rule', () => {
  const candles = g5Dataset('rapid_swings');
  const series = computeStructureSeries('swing', { left: 2, right: 2 }, candles);
  const ref = () =>
    Object.fromEntries(
      series.fields.map((f) => [
        f.name,
        f.type === 'HASH'
          ? [...series.hashes[f.name]!]
          : f.type === 'ENUM'
            ? Array.from(series.columns[f.name]!, (x) => f.domain![x]!)
            : Array.from(series.columns[f.name]!),
      ]),
    );

  it('accepts equal outputs (ENUM by label) and FLOAT differences up to 1e-10', () => {
    const r = ref();
    const k = (r.high_level as number[]).findIndex((x) => !Number.isNaN(x));
    (r.high_level as number[])[k] = (r.high_level as number[])[k]! + 5e-11;
    expect(firstStructureMismatch(series, r)).toBeUndefined();
  });

  it('reports the earliest differing bar over all fields: FLOAT, ENUM label, HASH, missing field', () => {
    const r = ref();
    const dir = r.pair_direction as string[];
    const k = dir.findIndex((x) => x !== 'none');
    dir[k] = dir[k] === 'bullish' ? 'bearish' : 'bullish';
    (r.high_level as number[])[k + 5] = 1;
    expect(firstStructureMismatch(series, r)).toBe(
      `pair_direction mismatch at bar ${k} (ref="${dir[k]}", got="${dir[k] === 'bullish' ? 'bearish' : 'bullish'}")`,
    );
    const h = ref();
    (h.pair_anchor_hash as string[])[k] = 'x';
    expect(firstStructureMismatch(series, h)).toMatch(
      new RegExp(`^pair_anchor_hash mismatch at bar ${k} \\(ref="x", got="[0-9a-f]{16}"\\)$`),
    );
    const m = ref();
    delete m.version;
    expect(firstStructureMismatch(series, m)).toBe('version missing from the reference');
  });
});

describe('G5 Structure Parity', () => {
  it('compares every registered detector with its reference on the six datasets', async () => {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const out = await structureParityGate.run(undefined as never);
    const cpu = process.cpuUsage(cpu0);
    console.log(
      `G5 runtime ${(performance.now() - t0).toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU`,
    );
    const n = listStructures().length;
    expect(out.checked).toBe(n);
    expect(out.detail).toBe(`${n} detectors x 6 datasets`);
    for (const f of out.failures) expect(f.message).toMatch(LINE);
    expect(out.failures.map((f) => f.message)).toEqual([]);
    expect(out.passed).toBe(true);
  });

  it('fails when a reference sees a perturbed bar, with the catalogue line', () => {
    const out = runStructureParity({
      types: ['rolling_window'],
      datasets: ['rapid_swings'],
      referenceBars: (_, b) => ({ ...b, l: b.l.map((x, i) => (i === 700 ? x - 5 : x)) }),
    });
    const low = g5Dataset('rapid_swings').low;
    // 5 below every low of its window: the reference min of bar 700 is the perturbed low.
    const min = (i: number) => Math.min(...Array.from(low.slice(i - 19, i + 1)));
    expect(out.failures.map((f) => f.message)).toEqual([
      `rolling_window/rapid_swings: value mismatch at bar 700 (ref=${low[700]! - 5}, got=${min(700)})`,
    ]);
    expect(out.passed).toBe(false);
    expect(out.checked).toBe(1);
  });

  it('a perturbed high changes the swing pivots and fails swing and its dependants', () => {
    const out = runStructureParity({
      types: ['swing', 'market_structure', 'premium_discount'],
      datasets: ['gaps'],
      referenceBars: (_, b) => ({ ...b, h: b.h.map((x, i) => (i === 1000 ? x + 5 : x)) }),
    });
    const lines = out.failures.map((f) => f.message);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^swing\/gaps: [a-z_]+ mismatch at bar 10\d\d /);
    expect(lines[1]).toMatch(/^market_structure\/gaps: /);
    expect(lines[2]).toMatch(/^premium_discount\/gaps: /);
    for (const l of lines) expect(l).toMatch(LINE);
  });

  it('a registered detector without a reference fails by name', () => {
    const refs = new Map(STRUCTURE_REFERENCES);
    refs.delete('premium_discount');
    const out = runStructureParity({
      types: ['premium_discount', 'zone'],
      datasets: ['flat'],
      references: refs,
    });
    expect(out.failures.map((f) => f.message)).toEqual([
      'premium_discount: no reference implementation (validation.md §6.3)',
      // On the flat dataset alone every zone output stays empty: the comparison would prove nothing.
      'zone: every output empty on every dataset (comparison is vacuous)',
    ]);
    expect(out.checked).toBe(1);
  });
});
