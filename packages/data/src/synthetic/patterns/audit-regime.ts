import { fillRecursive, type PatternFormula } from './path';

/**
 * The audit frame of `synthetic-data.md` §9: four recursive segments of 500 bars (σ absolute in price units):
 * trend up, range around P[499], spikes (2 % chance of ±3 % of B), strong mean reversion around P[1499].
 * Draws per bar: `z1`; in the spike segment also `u`, then `z2` (always drawn).
 */
export const auditRegime: PatternFormula = (ctx) => {
  const { B, rng, out, offset } = ctx;
  fillRecursive(ctx, (i, prev) => {
    const z1 = rng.normal();
    if (i < 500) return 0.0005 * B + 0.003 * B * z1;
    if (i < 1000) return 0.1 * (out[offset + 499]! - prev) + 0.002 * B * z1;
    if (i < 1500) {
      const u = rng.uniform();
      const z2 = rng.normal();
      return 0.002 * B * z1 + (u < 0.02 ? (z2 >= 0 ? 1 : -1) * 0.03 * B : 0);
    }
    return 0.3 * (out[offset + 1499]! - prev) + 0.005 * B * z1;
  });
};
