import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PATTERN_CONFIG,
  generatePatternCloses,
  SYNTHETIC_PATTERN_NAMES,
  type SyntheticPatternName,
} from '../src/synthetic/index';

// synthetic-data.md §10 "shape": per pattern, seeds 1–20, n = 2000 at 15m; the assertion holds for ≥ 18 of 20.
const N = 2000;
const B = 50_000;
const W = DEFAULT_PATTERN_CONFIG.range_width;
const HD = DEFAULT_PATTERN_CONFIG.hunt_depth;

/** Reads of the close series `C` used by the assertions ("at f" = `C[b(f)]`). */
class Shape {
  constructor(readonly C: Float64Array) {}
  get n(): number {
    return this.C.length;
  }
  idx(f: number): number {
    return Math.floor(this.n * f);
  }
  at(f: number): number {
    return this.C[this.idx(f)]!;
  }
  get last(): number {
    return this.C[this.n - 1]!;
  }
  /** Closes with index in [from, to) (indices). */
  slice(from: number, to: number): Float64Array {
    return this.C.subarray(from, to);
  }
  /** Closes over [f0·n, f1·n) or, when `inclusive`, [f0·n, f1·n]. */
  range(f0: number, f1: number, inclusive = false): Float64Array {
    return this.slice(this.idx(f0), this.idx(f1) + (inclusive ? 1 : 0));
  }
  /** ΔC[i] = C[i] − C[i−1] for i in [f0·n, f1·n) (i ≥ 1). */
  diffs(f0: number, f1: number): number[] {
    const out: number[] = [];
    for (let i = Math.max(1, this.idx(f0)); i < this.idx(f1); i++) out.push(this.C[i]! - this.C[i - 1]!);
    return out;
  }
}

const max = (xs: ArrayLike<number>) => Math.max(...Array.from(xs));
const min = (xs: ArrayLike<number>) => Math.min(...Array.from(xs));
const mean = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: ArrayLike<number>) => {
  const m = mean(xs);
  return Math.sqrt(Array.from(xs).reduce((a, x) => a + (x - m) ** 2, 0) / xs.length);
};
const argmax = (xs: ArrayLike<number>) => Array.from(xs).indexOf(max(xs));
const argmin = (xs: ArrayLike<number>) => Array.from(xs).indexOf(min(xs));
const within = (xs: ArrayLike<number>, lo: number, hi: number) =>
  Array.from(xs).every((x) => x >= lo && x <= hi);

/** One check per row of the §10 shape table; each returns the failed clause, or null. */
type Check = (s: Shape) => string | null;
const all =
  (...clauses: [string, (s: Shape) => boolean][]): Check =>
  (s) =>
    clauses.find(([, ok]) => !ok(s))?.[0] ?? null;

const SHAPES: Record<SyntheticPatternName, Check> = {
  trending: all(['at 0.5 > 1.15B', (s) => s.at(0.5) > 1.15 * B]),
  ranging: all(['all C within B(1 ± 0.05)', (s) => within(s.C, 0.95 * B, 1.05 * B)]),
  volatile: all(['some |ΔC| ≥ 1.5 % of B', (s) => s.diffs(0, 1).some((d) => Math.abs(d) >= 0.015 * B)]),
  multi_tf_aligned: all(['max > 1.12B and min < 0.88B', (s) => max(s.C) > 1.12 * B && min(s.C) < 0.88 * B]),
  trend_up_clean: all(['at 0.7 > 1.12B', (s) => s.at(0.7) > 1.12 * B]),
  trend_down_clean: all(['at 0.7 < 0.88B', (s) => s.at(0.7) < 0.88 * B]),
  trend_grinding: all(['last > B', (s) => s.last > B]),
  trend_parabolic: all(
    ['last > 1.35B', (s) => s.last > 1.35 * B],
    ['2nd-half gain > 1st-half gain', (s) => s.last - s.at(0.5) > s.at(0.5) - s.C[0]!],
  ),
  trend_exhaustion: all(
    ['at 0.6 > 1.12B', (s) => s.at(0.6) > 1.12 * B],
    ['argmax ≥ 0.5n', (s) => argmax(s.C) >= 0.5 * s.n],
    ['last < max − 0.08B', (s) => s.last < max(s.C) - 0.08 * B],
  ),
  trend_stairs: all([
    'end of step 3 > end of step 1 + 0.05B',
    (s) => {
      const L = Math.floor(s.n / DEFAULT_PATTERN_CONFIG.stairs_steps);
      return s.C[3 * L - 1]! > s.C[L - 1]! + 0.05 * B;
    },
  ]),
  range_tight: all(['all C within B(1 ± 0.01)', (s) => within(s.C, 0.99 * B, 1.01 * B)]),
  range_wide: all(
    [
      'all C within [lo − 0.01B, hi + 0.01B]',
      (s) => within(s.C, B * (1 - W / 2) - 0.01 * B, B * (1 + W / 2) + 0.01 * B),
    ],
    ['max − min > 0.5·w·B', (s) => max(s.C) - min(s.C) > 0.5 * W * B],
  ),
  range_ascending: all([
    'min of last 25 % > min of first 25 % + 0.03B',
    (s) => min(s.range(0.75, 1)) > min(s.range(0, 0.25)) + 0.03 * B,
  ]),
  range_descending: all([
    'max of last 25 % < max of first 25 % − 0.03B',
    (s) => max(s.range(0.75, 1)) < max(s.range(0, 0.25)) - 0.03 * B,
  ]),
  reversal_v_bottom: all(
    ['argmin in [0.4n, 0.6n]', (s) => argmin(s.C) >= 0.4 * s.n && argmin(s.C) <= 0.6 * s.n],
    ['last > min + 0.12B', (s) => s.last > min(s.C) + 0.12 * B],
  ),
  reversal_v_top: all(
    ['argmax in [0.4n, 0.6n]', (s) => argmax(s.C) >= 0.4 * s.n && argmax(s.C) <= 0.6 * s.n],
    ['last < max − 0.12B', (s) => s.last < max(s.C) - 0.12 * B],
  ),
  reversal_double_bottom: all(
    ['min of each half < 0.85B', (s) => min(s.range(0, 0.5)) < 0.85 * B && min(s.range(0.5, 1)) < 0.85 * B],
    ['max in [0.3n, 0.6n] > 0.86B', (s) => max(s.range(0.3, 0.6, true)) > 0.86 * B],
    ['last > 0.92B', (s) => s.last > 0.92 * B],
  ),
  reversal_double_top: all(
    ['max of each half > 1.15B', (s) => max(s.range(0, 0.5)) > 1.15 * B && max(s.range(0.5, 1)) > 1.15 * B],
    ['min in [0.3n, 0.6n] < 1.14B', (s) => min(s.range(0.3, 0.6, true)) < 1.14 * B],
    ['last < 1.08B', (s) => s.last < 1.08 * B],
  ),
  breakout_clean: all(
    ['max over [0, 0.6n) < B(1 + w/4) + 0.01B', (s) => max(s.range(0, 0.6)) < B * (1 + W / 4) + 0.01 * B],
    ['last > 1.1B', (s) => s.last > 1.1 * B],
  ),
  breakout_false: all(
    ['max over [0.5n, 0.6n] > B(1 + w/4)', (s) => max(s.range(0.5, 0.6, true)) > B * (1 + W / 4)],
    ['last < B(1 − w/4)', (s) => s.last < B * (1 - W / 4)],
  ),
  breakout_retest: all(
    ['max over [0.4n, 0.5n] > 1.08B', (s) => max(s.range(0.4, 0.5, true)) > 1.08 * B],
    [
      'min over [0.5n, 0.65n] < that max − 0.05B',
      (s) => min(s.range(0.5, 0.65, true)) < max(s.range(0.4, 0.5, true)) - 0.05 * B,
    ],
    ['last > 1.07B', (s) => s.last > 1.07 * B],
  ),
  vol_squeeze_expand: all([
    'sd(ΔC, [0.45n, 0.6n)) < 0.5·sd(ΔC, [0.6n, 0.75n))',
    (s) => sd(s.diffs(0.45, 0.6)) < 0.5 * sd(s.diffs(0.6, 0.75)),
  ]),
  vol_spike_recover: all(
    ['at 0.5 < at 0.4 − 0.15B', (s) => s.at(0.5) < s.at(0.4) - 0.15 * B],
    ['at 0.7 > at 0.5 + 0.15B', (s) => s.at(0.7) > s.at(0.5) + 0.15 * B],
  ),
  vol_spike_continue: all(
    ['at 0.55 < at 0.4 − 0.15B', (s) => s.at(0.55) < s.at(0.4) - 0.15 * B],
    ['mean over [0.55n, n) < at 0.4 − 0.1B', (s) => mean(s.range(0.55, 1)) < s.at(0.4) - 0.1 * B],
  ),
  vol_decay: all([
    'sd(ΔC, first 20 %) > 3·sd(ΔC, last 20 %)',
    (s) => sd(s.diffs(0, 0.2)) > 3 * sd(s.diffs(0.8, 1)),
  ]),
  choppy_whipsaw: all(
    ['all C within [0.94B, 1.06B]', (s) => within(s.C, 0.94 * B, 1.06 * B)],
    [
      'sign changes of ΔC ≥ 0.3(n − 1)',
      (s) => {
        const d = s.diffs(0, 1);
        let changes = 0;
        for (let i = 1; i < d.length; i++) if (Math.sign(d[i]!) !== Math.sign(d[i - 1]!)) changes++;
        return changes >= 0.3 * (s.n - 1);
      },
    ],
  ),
  liquidity_hunt_lows: all(
    [
      'min over [0.5n, 0.6n] < S(1 − 0.5·hunt_depth)',
      (s) => min(s.range(0.5, 0.6, true)) < B * (1 - W / 4) * (1 - 0.5 * HD),
    ],
    ['last > B', (s) => s.last > B],
  ),
  liquidity_hunt_highs: all(
    [
      'max over [0.5n, 0.6n] > R(1 + 0.5·hunt_depth)',
      (s) => max(s.range(0.5, 0.6, true)) > B * (1 + W / 4) * (1 + 0.5 * HD),
    ],
    ['last < B', (s) => s.last < B],
  ),
  accumulation: all([
    'mean of last 25 % > mean of first 25 %',
    (s) => mean(s.range(0.75, 1)) > mean(s.range(0, 0.25)),
  ]),
  distribution: all([
    'mean of last 25 % < mean of first 25 %',
    (s) => mean(s.range(0.75, 1)) < mean(s.range(0, 0.25)),
  ]),
  mtf_aligned_bull: all(['last > 1.15B', (s) => s.last > 1.15 * B]),
  mtf_aligned_bear: all(['last < 0.85B', (s) => s.last < 0.85 * B]),
  mtf_pullback_bull: all(
    ['at 0.5 < at 0.4', (s) => s.at(0.5) < s.at(0.4)],
    ['last > 1.15B', (s) => s.last > 1.15 * B],
  ),
  mtf_pullback_bear: all(
    ['at 0.5 > at 0.4', (s) => s.at(0.5) > s.at(0.4)],
    ['last < 0.85B', (s) => s.last < 0.85 * B],
  ),
};

describe('synthetic pattern shapes (synthetic-data.md §10, seeds 1–20, n = 2000 at 15m)', () => {
  it('has one shape check per public pattern', () => {
    expect(Object.keys(SHAPES).sort()).toEqual([...SYNTHETIC_PATTERN_NAMES].sort());
  });

  it.each(SYNTHETIC_PATTERN_NAMES.map((p) => [p]))(
    '%s holds its shape for at least 18 of 20 seeds',
    (pattern) => {
      const failures: string[] = [];
      for (let seed = 1; seed <= 20; seed++) {
        const C = generatePatternCloses({ pattern, seed, bars: N, patternTf: '15m', tfs: ['1m', '15m'] });
        const failed = SHAPES[pattern](new Shape(C));
        if (failed !== null) failures.push(`seed ${seed}: ${failed}`);
      }
      expect(failures.length, failures.join('; ')).toBeLessThanOrEqual(2);
    },
  );

  it('a shape check rejects the wrong shape (trend_up_clean against trend_down_clean data)', () => {
    const C = generatePatternCloses({ pattern: 'trend_down_clean', seed: 1, bars: N, patternTf: '15m' });
    expect(SHAPES.trend_up_clean(new Shape(C))).toBe('at 0.7 > 1.12B');
  });
});
