import { den, fillPath, fillRecursive, type PatternContext, type PatternFormula } from './path';

/** #28 `choppy_whipsaw`: the direction flips back toward B nearly every bar, inside ±5 %. */
export const choppyWhipsaw: PatternFormula = (ctx) => {
  const { B, sigmaB, rng } = ctx;
  const hi = 1.05 * B;
  const lo = 0.95 * B;
  fillPath(ctx, B, (_i, prev) => {
    const u1 = rng.uniform();
    const u2 = rng.uniform();
    const u3 = rng.uniform();
    const z = rng.normal();
    const u4 = rng.uniform();
    const dir = u1 < 0.15 ? (u2 < 0.5 ? -1 : 1) : prev < B ? 1 : -1;
    let x = prev + dir * (0.5 + u3) * sigmaB + 0.5 * z * sigmaB;
    if (x > hi) x = hi - u4 * sigmaB;
    else if (x < lo) x = lo + u4 * sigmaB;
    return x;
  });
};

function slowDrift(ctx: PatternContext, sign: 1 | -1): void {
  const { n, B, sigmaB, cfg, rng } = ctx;
  const drift = (sign * 0.3 * B * cfg.trend_magnitude) / den(n);
  fillRecursive(ctx, () => drift + 0.4 * sigmaB * rng.normal());
}

/** #29 `accumulation`: sideways with +0.3·M spread over the span. */
export const accumulation: PatternFormula = (ctx) => slowDrift(ctx, 1);

/** #30 `distribution`: sideways with −0.3·M spread over the span. */
export const distribution: PatternFormula = (ctx) => slowDrift(ctx, -1);
