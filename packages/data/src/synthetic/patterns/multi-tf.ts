import { den, fillVectorised, frac, type PatternContext, type PatternFormula } from './path';

function aligned(ctx: PatternContext, sign: 1 | -1): void {
  const { n, B, sigmaB, cfg } = ctx;
  const M = B * cfg.trend_magnitude;
  const noise = cfg.noise_level * sigmaB;
  fillVectorised(ctx, (i, z) => {
    const q = i / den(n - 1);
    return (
      B +
      sign * M * q +
      0.03 * B * Math.sin(2 * Math.PI * q) +
      0.01 * B * Math.sin(8 * Math.PI * q) +
      z * noise
    );
  });
}

/** #31 `mtf_aligned_bull`: +M with a slow and a fast wave. */
export const mtfAlignedBull: PatternFormula = (ctx) => aligned(ctx, 1);

/** #32 `mtf_aligned_bear`: #31 with −M. */
export const mtfAlignedBear: PatternFormula = (ctx) => aligned(ctx, -1);

function pullback(ctx: PatternContext, sign: 1 | -1): void {
  const { n, B, sigmaB, cfg } = ctx;
  const M = B * cfg.trend_magnitude;
  const noise = cfg.noise_level * sigmaB;
  const a = frac(n, 0.4);
  const c = frac(n, 0.6);
  fillVectorised(ctx, (i, z) => {
    const q = i / den(n - 1);
    const bump = i >= a && i < c ? Math.sin((Math.PI * (i - a)) / den(c - a)) * M * cfg.pullback_depth : 0;
    return B + sign * M * q - sign * bump + z * noise;
  });
}

/** #33 `mtf_pullback_bull`: +M with a sine-shaped pullback of `pullback_depth · M` over 40–60 %. */
export const mtfPullbackBull: PatternFormula = (ctx) => pullback(ctx, 1);

/** #34 `mtf_pullback_bear`: −M with a bounce of `pullback_depth · M` over 40–60 %. */
export const mtfPullbackBear: PatternFormula = (ctx) => pullback(ctx, -1);
