import { den, eps, fillPath, frac, type PatternContext, type PatternFormula } from './path';

/** The absolute range phase `P_i = B + A · sin(6πi/r) + ε` shared by #19–#21 (`A = 0.25 · w · B`). */
function rangePhase(ctx: PatternContext, i: number, r: number, e: number): number {
  const A = 0.25 * ctx.cfg.range_width * ctx.B;
  return ctx.B + A * Math.sin((6 * Math.PI * i) / den(r)) + e;
}

/** #19 `breakout_clean`: range to 60 %, +0.3·M to 70 %, +0.5·M to the end. */
export const breakoutClean: PatternFormula = (ctx) => {
  const { n, B, cfg } = ctx;
  const M = B * cfg.trend_magnitude;
  const r = frac(n, 0.6);
  const c = frac(n, 0.7);
  const breakout = (0.3 * M) / den(c - r);
  const trend = (0.5 * M) / den(n - c);
  fillPath(ctx, rangePhase(ctx, 0, r, 0), (i, prev) => {
    const e = eps(ctx);
    if (i < r) return rangePhase(ctx, i, r, e);
    return prev + (i < c ? breakout : trend) + e;
  });
};

/** #20 `breakout_false`: range, a poke of 2·hunt_depth above it, a fall of w·B, settling below the range. */
export const breakoutFalse: PatternFormula = (ctx) => {
  const { n, B, cfg } = ctx;
  const w = cfg.range_width;
  const r = frac(n, 0.5);
  const a = frac(n, 0.6);
  const c = frac(n, 0.8);
  const L = B * (1 - w / 4);
  const poke = (2 * cfg.hunt_depth * B) / den(a - r);
  const fall = (-w * B) / den(c - a);
  fillPath(ctx, rangePhase(ctx, 0, r, 0), (i, prev) => {
    const e = eps(ctx);
    if (i < r) return rangePhase(ctx, i, r, e);
    if (i < a) return prev + poke + e;
    if (i < c) return prev + fall + e;
    return prev + 0.1 * (L - 0.2 * w * B - prev) + e;
  });
};

/** #21 `breakout_retest`: range, breakout, pull back to the level `H = B(1 + w/4)`, then +0.5·M. */
export const breakoutRetest: PatternFormula = (ctx) => {
  const { n, B, cfg } = ctx;
  const M = B * cfg.trend_magnitude;
  const r = frac(n, 0.4);
  const a = frac(n, 0.5);
  const c = frac(n, 0.65);
  const H = B * (1 + cfg.range_width / 4);
  const breakout = (0.1 * H) / den(a - r);
  const trend = (0.5 * M) / den(n - c);
  fillPath(ctx, rangePhase(ctx, 0, r, 0), (i, prev) => {
    const e = eps(ctx);
    if (i < r) return rangePhase(ctx, i, r, e);
    if (i < a) return prev + breakout + e;
    if (i < c) return prev + 0.15 * (H - prev) + e;
    return prev + trend + e;
  });
};
