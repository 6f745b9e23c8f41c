import { den, eps, fillPath, frac, type PatternContext, type PatternFormula } from './path';

/**
 * #26/#27: a range next to a level, a leg through the level to the hunt target `H`, a leg back to `B`, then a
 * trend away from the swept side. `side = -1` hunts lows (support `S`), `+1` hunts highs (resistance `R`).
 */
function liquidityHunt(ctx: PatternContext, side: 1 | -1): void {
  const { n, B, cfg } = ctx;
  const M = B * cfg.trend_magnitude;
  const level = B * (1 + (side * cfg.range_width) / 4);
  const H = level * (1 + side * cfg.hunt_depth);
  const amp = 0.8 * Math.abs(level - B);
  const r = frac(n, 0.5);
  const s = frac(n, 0.6);
  const t = frac(n, 0.75);
  const center = level - side * amp;
  const trend = (-side * 0.3 * M) / den(n - t);
  const range = (i: number, e: number) => center + 0.3 * amp * Math.sin((8 * Math.PI * i) / den(r)) + e;
  // A leg's step is computed once at its phase start from the close before it.
  let huntStep = 0;
  let backStep = 0;
  fillPath(ctx, range(0, 0), (i, prev) => {
    const e = eps(ctx);
    if (i < r) return range(i, e);
    if (i < s) {
      if (i === r) huntStep = (H - prev) / den(s - r);
      return prev + huntStep + 0.3 * e;
    }
    if (i < t) {
      if (i === s) backStep = (B - prev) / den(t - s);
      return prev + backStep + e;
    }
    return prev + trend + e;
  });
}

/** #26 `liquidity_hunt_lows`: range above support, a sweep to `S(1 − hunt_depth)`, reversal up. */
export const liquidityHuntLows: PatternFormula = (ctx) => liquidityHunt(ctx, -1);

/** #27 `liquidity_hunt_highs`: exact mirror of #26 around resistance `R`. */
export const liquidityHuntHighs: PatternFormula = (ctx) => liquidityHunt(ctx, 1);
