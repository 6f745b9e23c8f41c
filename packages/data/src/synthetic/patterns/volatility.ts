import { den, eps, fillRecursive, frac, type PatternContext, type PatternFormula } from './path';

/** #22 `vol_squeeze_expand`: volatility shrinks to 20 % by 60 %, then a spike with a +0.3·M move. */
export const volSqueezeExpand: PatternFormula = (ctx) => {
  const { n, B, cfg, volScale, rng } = ctx;
  // M: vol_squeeze_expand's schema has no trend_magnitude (§3), so the default applies.
  const M = B * cfg.trend_magnitude;
  const q = frac(n, 0.6);
  const e = frac(n, 0.75);
  const base = cfg.volatility_base * volScale;
  const spike = cfg.volatility_spike * volScale;
  const expand = (0.3 * M) / den(e - q);
  const after = (0.3 * M) / den(n - e);
  fillRecursive(ctx, (i) => {
    if (i < q) return 0.0001 * B + base * (1 - (0.8 * i) / den(q)) * B * rng.normal();
    if (i < e) return expand + spike * B * rng.normal();
    return after + 1.5 * base * B * rng.normal();
  });
};

/** Crash size `C = 2 · volatility_spike · B` of #23–#24 (a price move, not scaled to the TF). */
function crashSize(ctx: PatternContext): number {
  return 2 * ctx.cfg.volatility_spike * ctx.B;
}

/** #23 `vol_spike_recover`: quiet, −C over 40–50 %, +C over 50–70 %, quiet. */
export const volSpikeRecover: PatternFormula = (ctx) => {
  const { n, sigmaB, rng } = ctx;
  const C = crashSize(ctx);
  const a = frac(n, 0.4);
  const c = frac(n, 0.5);
  const d = frac(n, 0.7);
  const crash = -C / den(c - a);
  const recover = C / den(d - c);
  fillRecursive(ctx, (i) => {
    const e = eps(ctx);
    const z = rng.normal();
    if (i < a || i >= d) return z * sigmaB;
    return (i < c ? crash : recover) + 0.5 * e;
  });
};

/** #24 `vol_spike_continue`: quiet, −C over 40–55 %, then −0.3·C with 1.5x noise. */
export const volSpikeContinue: PatternFormula = (ctx) => {
  const { n, sigmaB, rng } = ctx;
  const C = crashSize(ctx);
  const a = frac(n, 0.4);
  const c = frac(n, 0.55);
  const crash = -C / den(c - a);
  const drift = (-0.3 * C) / den(n - c);
  fillRecursive(ctx, (i) => {
    const e = eps(ctx);
    const z = rng.normal();
    if (i < a) return z * sigmaB;
    if (i < c) return crash + 0.5 * e;
    return drift + 1.5 * z * sigmaB;
  });
};

/** #25 `vol_decay`: a driftless walk whose volatility decays from spike to squeeze. */
export const volDecay: PatternFormula = (ctx) => {
  const { n, B, cfg, volScale, rng } = ctx;
  const spike = cfg.volatility_spike * volScale;
  const squeeze = cfg.volatility_squeeze * volScale;
  fillRecursive(ctx, (i) => (spike * (1 - (0.9 * i) / den(n)) + squeeze) * B * rng.normal());
};
