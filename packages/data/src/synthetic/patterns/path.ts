import type { Xoshiro128ss } from '@trade/core';
import type { PatternConfig } from '../pattern-config';

/**
 * What a pattern formula sees (`synthetic-data.md` §5 notation). A formula writes `n` closes into
 * `out[offset … offset + n)` and draws only from `rng`, in the order the catalogue fixes.
 */
export interface PatternContext {
  /** Number of pattern-TF bars. */
  readonly n: number;
  /** Base price `B`. */
  readonly B: number;
  /** `σ_B = v · B` with `v = dailyVol · sqrt(m_p / 1440)`. */
  readonly sigmaB: number;
  /** `sqrt(m_p / 1440)`: turns a daily vol into a pattern-TF vol (`vol(x) = x · volScale`). */
  readonly volScale: number;
  /** Full config: the pattern's resolved keys over the §3 defaults. */
  readonly cfg: PatternConfig;
  /** The pattern stream (k = 1). */
  readonly rng: Xoshiro128ss;
  readonly out: Float64Array;
  readonly offset: number;
}

export type PatternFormula = (ctx: PatternContext) => void;

/** `b(f) = floor(n · f)`. */
export function frac(n: number, f: number): number {
  return Math.floor(n * f);
}

/** Every denominator `d` of the catalogue is `max(1, d)`. */
export function den(d: number): number {
  return Math.max(d, 1);
}

/** `ε = N(noise_level · σ_B)`: one normal from the pattern stream. */
export function eps(ctx: PatternContext): number {
  return ctx.cfg.noise_level * ctx.sigmaB * ctx.rng.normal();
}

/**
 * Writes `P[0] = first` and `P[i] = next(i, P[i−1])` for i ≥ 1, applying the price floor `0.01 · B` after
 * each bar (the floored value feeds the recursion). `next` makes the bar's draws.
 */
export function fillPath(
  ctx: PatternContext,
  first: number,
  next: (i: number, prev: number) => number,
): void {
  const { n, out, offset } = ctx;
  const floor = 0.01 * ctx.B;
  let p = Math.max(first, floor);
  out[offset] = p;
  for (let i = 1; i < n; i++) {
    const x = next(i, p);
    p = Math.max(x, floor);
    out[offset + i] = p;
  }
}

/** Vectorised patterns: `z[0 … n−1]` drawn in index order, `P[i] = value(i, z_i)`, floored. */
export function fillVectorised(ctx: PatternContext, value: (i: number, z: number) => number): void {
  const { n, out, offset, rng } = ctx;
  const floor = 0.01 * ctx.B;
  for (let i = 0; i < n; i++) {
    const x = value(i, rng.normal());
    out[offset + i] = Math.max(x, floor);
  }
}

/** A recursive pattern `P[0] = B`, `P[i] = P[i−1] + delta(i, P[i−1])`. */
export function fillRecursive(ctx: PatternContext, delta: (i: number, prev: number) => number): void {
  fillPath(ctx, ctx.B, (i, prev) => prev + delta(i, prev));
}
