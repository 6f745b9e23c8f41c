import { den, fillRecursive, fillVectorised, type PatternFormula } from './path';

/** #1 `trending`: up 20 % of B to mid-span, then back half of it. */
export const trending: PatternFormula = (ctx) => {
  const { n, B, sigmaB } = ctx;
  const h = Math.floor(n / 2);
  fillVectorised(ctx, (i, z) => {
    const w = i < h ? i / den(h) : 1 - (0.5 * (i - h)) / den(n - 1 - h);
    return B + 0.2 * B * w + z * sigmaB;
  });
};

/** #2 `ranging` (also the lead-in of every dataset). */
export const ranging: PatternFormula = (ctx) => {
  const { B, sigmaB, rng } = ctx;
  fillRecursive(ctx, (_i, prev) => 0.1 * (B - prev) + sigmaB * rng.normal());
};

/** #3 `volatile`: a wide walk with a 5 % chance per bar of a 10σ jump. */
export const volatile: PatternFormula = (ctx) => {
  const { sigmaB, rng } = ctx;
  fillRecursive(ctx, () => {
    let d = 2 * sigmaB * rng.normal();
    const u1 = rng.uniform();
    const u2 = rng.uniform();
    if (u1 < 0.05) d += (u2 < 0.5 ? -1 : 1) * 10 * sigmaB;
    return d;
  });
};

/** #4 `multi_tf_aligned`: two superposed sine waves. */
export const multiTfAligned: PatternFormula = (ctx) => {
  const { n, B, sigmaB } = ctx;
  fillVectorised(ctx, (i, z) => {
    const q = i / den(n - 1);
    return B + 0.15 * B * Math.sin(4 * Math.PI * q) + 0.05 * B * Math.sin(16 * Math.PI * q) + z * sigmaB;
  });
};
