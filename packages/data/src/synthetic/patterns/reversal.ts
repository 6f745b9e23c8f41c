import { den, eps, fillRecursive, frac, type PatternContext, type PatternFormula } from './path';

function vShape(ctx: PatternContext, sign: 1 | -1): void {
  const { n, B, cfg } = ctx;
  const M = B * cfg.trend_magnitude;
  const h = frac(n, 0.5);
  const first = (-sign * M) / den(h);
  const second = (sign * M) / den(n - h);
  fillRecursive(ctx, (i) => (i < h ? first : second) + eps(ctx));
}

/** #15 `reversal_v_bottom`: −M to mid-span, +M back. */
export const reversalVBottom: PatternFormula = (ctx) => vShape(ctx, 1);

/** #16 `reversal_v_top`: #15 with drifts negated. */
export const reversalVTop: PatternFormula = (ctx) => vShape(ctx, -1);

function doubleShape(ctx: PatternContext, sign: 1 | -1): void {
  const { n, B, cfg } = ctx;
  const M = B * cfg.trend_magnitude;
  const q1 = frac(n, 0.25);
  const q2 = frac(n, 0.5);
  const q3 = frac(n, 0.75);
  const d1 = (-sign * M) / den(q1);
  const d2 = (sign * 0.5 * M) / den(q2 - q1);
  const d3 = (-sign * 0.5 * M) / den(q3 - q2);
  const d4 = (sign * M) / den(n - q3);
  fillRecursive(ctx, (i) => (i < q1 ? d1 : i < q2 ? d2 : i < q3 ? d3 : d4) + eps(ctx));
}

/** #17 `reversal_double_bottom`: lows at 25 % and 75 %, then a rally. */
export const reversalDoubleBottom: PatternFormula = (ctx) => doubleShape(ctx, 1);

/** #18 `reversal_double_top`: #17 with drifts negated. */
export const reversalDoubleTop: PatternFormula = (ctx) => doubleShape(ctx, -1);
