import { den, eps, fillPath, fillRecursive, type PatternContext, type PatternFormula } from './path';

/** #11 `range_tight`: strong mean reversion at the squeeze volatility. */
export const rangeTight: PatternFormula = (ctx) => {
  const { B, cfg, volScale, rng } = ctx;
  const sd = cfg.volatility_squeeze * volScale * B;
  fillRecursive(ctx, (_i, prev) => 0.2 * (B - prev) + sd * rng.normal());
};

/** #12 `range_wide`: a walk reflected back inside `[B(1 − w/2), B(1 + w/2)]`. */
export const rangeWide: PatternFormula = (ctx) => {
  const { B, sigmaB, cfg, rng } = ctx;
  const w = cfg.range_width;
  const lo = B * (1 - w / 2);
  const hi = B * (1 + w / 2);
  fillPath(ctx, B, (_i, prev) => {
    let x = prev + 1.5 * sigmaB * rng.normal();
    const r = Math.abs(sigmaB * rng.normal());
    if (x > hi) x = hi - r;
    else if (x < lo) x = lo + r;
    return x;
  });
};

/**
 * #13/#14: an absolute oscillation between support `S_i` and resistance `R_i`, clamped to them.
 * `rising` = ascending support (#13); otherwise a descending resistance (#14).
 */
function slopedRange(ctx: PatternContext, rising: boolean): void {
  const { n, B, cfg } = ctx;
  const w = cfg.range_width;
  const value = (i: number, e: number) => {
    const slope = (0.8 * w * B * i) / den(n - 1);
    const S = rising ? B * (1 - w / 2) + slope : B * (1 - w / 2);
    const R = rising ? B * (1 + w / 2) : B * (1 + w / 2) - slope;
    const x = (S + R) / 2 + (Math.sin((8 * Math.PI * i) / n) * (R - S)) / 2 + e;
    return x < S ? S : Math.min(x, R);
  };
  fillPath(ctx, value(0, 0), (i) => value(i, eps(ctx)));
}

/** #13 `range_ascending`: rising support, flat resistance. */
export const rangeAscending: PatternFormula = (ctx) => slopedRange(ctx, true);

/** #14 `range_descending`: flat support, falling resistance. */
export const rangeDescending: PatternFormula = (ctx) => slopedRange(ctx, false);
