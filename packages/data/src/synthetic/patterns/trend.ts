import { den, eps, fillRecursive, frac, type PatternContext, type PatternFormula } from './path';

function cleanTrend(ctx: PatternContext, sign: 1 | -1): void {
  const { n, B, cfg } = ctx;
  const M = B * cfg.trend_magnitude;
  const a = frac(n, 0.7);
  const c = frac(n, 0.85);
  const up = (sign * M) / den(a);
  const pullback = (-sign * M * cfg.pullback_depth) / den(c - a);
  const resume = (sign * 0.8 * M) / den(a);
  fillRecursive(ctx, (i) => (i < a ? up : i < c ? pullback : resume) + eps(ctx));
}

/** #5 `trend_up_clean`: +M over 70 %, a pullback of `pullback_depth · M`, then +0.8·M/a per bar. */
export const trendUpClean: PatternFormula = (ctx) => cleanTrend(ctx, 1);

/** #6 `trend_down_clean`: #5 with every drift negated. */
export const trendDownClean: PatternFormula = (ctx) => cleanTrend(ctx, -1);

/** #7 `trend_grinding`: +0.5·M spread evenly, low noise. */
export const trendGrinding: PatternFormula = (ctx) => {
  const { n, B, sigmaB, cfg, rng } = ctx;
  const drift = (0.5 * B * cfg.trend_magnitude) / den(n);
  fillRecursive(ctx, () => drift + 0.3 * sigmaB * rng.normal());
};

/** #8 `trend_parabolic`: drift grows linearly from M/n to 4·M/n. */
export const trendParabolic: PatternFormula = (ctx) => {
  const { n, B, cfg } = ctx;
  const base = (B * cfg.trend_magnitude) / den(n);
  fillRecursive(ctx, (i) => base * (1 + (3 * i) / den(n)) + eps(ctx));
};

/** #9 `trend_exhaustion`: +M to 60 %, a choppy top to 75 %, then −0.6·M. */
export const trendExhaustion: PatternFormula = (ctx) => {
  const { n, B, sigmaB, cfg, rng } = ctx;
  const M = B * cfg.trend_magnitude;
  const a = frac(n, 0.6);
  const c = frac(n, 0.75);
  const up = M / den(a);
  const down = (-0.6 * M) / den(n - c);
  fillRecursive(ctx, (i) => {
    const e = eps(ctx);
    const z = rng.normal();
    if (i < a) return up + e;
    if (i < c) return 2 * sigmaB * z;
    return down + e;
  });
};

/** #10 `trend_stairs`: K steps, each an impulse of M/K over 60 % of the step, then a shelf. */
export const trendStairs: PatternFormula = (ctx) => {
  const { n, B, cfg } = ctx;
  const M = B * cfg.trend_magnitude;
  const K = cfg.stairs_steps;
  const L = den(Math.floor(n / K));
  fillRecursive(ctx, (i, prev) => {
    const s = Math.min(Math.floor(i / L), K - 1);
    const Ls = s === K - 1 ? n - s * L : L;
    const j = i - s * L;
    const r = Math.floor(0.6 * Ls);
    if (j < r) return M / K / den(r) + eps(ctx);
    return 0.1 * (B + ((s + 1) * M) / K - prev) + eps(ctx);
  });
};
