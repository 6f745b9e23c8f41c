import type { CompiledPlay, EvalContext, StopLoss } from '@trade/play';
import type { BreakEvenRule, TrailingRule } from './stop-maintenance';

/** One take-profit leg as planned at the tick: a distance from the fill, or an absolute price. */
export interface PlannedTp {
  /** Price distance from the fill (NaN when absolute or resolved after the fill). */
  readonly distance: number;
  /** Absolute price (NaN for distance legs). */
  readonly price: number;
  /** Multiple of the SL distance at the fill (`rr_ratio` with an absolute SL), else NaN. */
  readonly rrOfFillDistance: number;
  readonly sizePct: number;
}

export interface RiskPlan {
  /** SL distance from the fill (NaN for an absolute SL or none). */
  readonly slDistance: number;
  /** Absolute SL price (NaN for a distance SL or none). */
  readonly slPrice: number;
  /** The SL as a price at the reference (for sizing and the liquidation check), NaN when there is none. */
  readonly slAtReference: number;
  readonly tps: readonly PlannedTp[];
}

export type RiskOutcome =
  | { readonly ok: true; readonly plan: RiskPlan }
  | { readonly ok: false; readonly reason: 'SL_UNAVAILABLE' };

const NO_SL = { slDistance: Number.NaN, slPrice: Number.NaN };

/**
 * Stop-loss and take-profit levels of an entry at tick `t` (`play-dsl.md` §15.3–15.4). Distance kinds are
 * measured from `ref` (the intended entry price) and re-anchored to the fill by the exchange; absolute kinds
 * (structure levels, refs) keep their price. `L` is the leverage (ROI % kinds).
 */
export function planRisk(
  compiled: CompiledPlay,
  ctx: EvalContext,
  t: number,
  dir: 1 | -1,
  ref: number,
  L: number,
): RiskOutcome {
  const model = compiled.risk.model;
  const sl = model.stop_loss;
  let stop: { slDistance: number; slPrice: number } = NO_SL;
  if (sl !== null) {
    const r = stopLoss(sl, compiled, ctx, t, dir, ref, L);
    if (r === null) return { ok: false, reason: 'SL_UNAVAILABLE' };
    stop = r;
  }
  const slAtReference = Number.isNaN(stop.slDistance) ? stop.slPrice : ref - dir * stop.slDistance;
  const tps: PlannedTp[] = [];
  model.take_profit.forEach((leg, i) => {
    const compiledLeg = compiled.risk.takeProfit[i]!;
    const v = leg.value ?? Number.NaN;
    const distanceLeg = (distance: number) => ({
      distance,
      price: Number.NaN,
      rrOfFillDistance: Number.NaN,
      sizePct: leg.size_pct,
    });
    switch (leg.type) {
      case 'percent':
        tps.push(distanceLeg((ref * v) / 100 / L));
        return;
      case 'fixed_points':
        tps.push(distanceLeg(v));
        return;
      case 'atr_multiple': {
        const atr = compiledLeg.atr?.(ctx, t) ?? Number.NaN;
        if (atr > 0) tps.push(distanceLeg(atr * v));
        return;
      }
      case 'rr_ratio':
        if (!Number.isNaN(stop.slDistance)) tps.push(distanceLeg(v * stop.slDistance));
        else if (!Number.isNaN(stop.slPrice)) {
          tps.push({ distance: Number.NaN, price: Number.NaN, rrOfFillDistance: v, sizePct: leg.size_pct });
        }
        return;
      case 'structure': {
        const raw = dir === 1 ? compiledLeg.level?.long(ctx, t) : compiledLeg.level?.short(ctx, t);
        const level = (raw ?? Number.NaN) * (1 - (dir * leg.buffer_pct) / 100);
        if (Number.isFinite(level) && dir * (level - ref) > 0) {
          tps.push({
            distance: Number.NaN,
            price: level,
            rrOfFillDistance: Number.NaN,
            sizePct: leg.size_pct,
          });
        } else if (leg.value !== null) tps.push(distanceLeg((ref * leg.value) / 100 / L));
        return;
      }
    }
  });
  return { ok: true, plan: { ...stop, slAtReference, tps } };
}

function stopLoss(
  sl: StopLoss,
  compiled: CompiledPlay,
  ctx: EvalContext,
  t: number,
  dir: 1 | -1,
  ref: number,
  L: number,
): { slDistance: number; slPrice: number } | null {
  const atr = () => compiled.risk.stopLoss?.atr?.(ctx, t) ?? Number.NaN;
  const distance = (d: number) =>
    d > 0 && Number.isFinite(d) ? { slDistance: d, slPrice: Number.NaN } : null;
  switch (sl.type) {
    case 'percent':
      return distance((ref * sl.value) / 100 / L);
    case 'fixed_points':
      return distance(sl.value);
    case 'atr_multiple':
      return distance(atr() * sl.value + (ref * sl.buffer_pct) / 100);
    case 'trailing_atr':
      return distance(atr() * sl.atr_multiplier);
    case 'trailing_pct':
      return distance((ref * sl.trail_pct) / 100);
    case 'structure': {
      const level = compiled.risk.stopLoss?.level;
      const raw = (dir === 1 ? level?.long(ctx, t) : level?.short(ctx, t)) ?? Number.NaN;
      const price = raw * (1 - (dir * sl.buffer_pct) / 100);
      if (Number.isFinite(price) && dir * (ref - price) > 0)
        return { slDistance: Number.NaN, slPrice: price };
      return sl.value === null ? null : distance((ref * sl.value) / 100 / L);
    }
  }
}

/** The trailing rule of a play: the `trailing` block, or the one a trailing stop-loss type implies. */
export function trailingRule(compiled: CompiledPlay): TrailingRule | null {
  const { trailing, stop_loss: sl } = compiled.risk.model;
  if (trailing !== null) {
    return trailing.mode === 'atr'
      ? { activationPct: trailing.activation_pct, atrMultiplier: trailing.atr_multiplier, trailPct: null }
      : { activationPct: trailing.activation_pct, atrMultiplier: null, trailPct: trailing.trail_pct };
  }
  if (sl?.type === 'trailing_atr')
    return { activationPct: sl.activation_pct, atrMultiplier: sl.atr_multiplier, trailPct: null };
  if (sl?.type === 'trailing_pct')
    return { activationPct: sl.activation_pct, atrMultiplier: null, trailPct: sl.trail_pct };
  return null;
}

export function breakEvenRule(compiled: CompiledPlay): BreakEvenRule | null {
  const be = compiled.risk.model.break_even;
  return be === null
    ? null
    : { activationPct: be.activation_pct, afterTpLeg: be.after_tp_leg, offsetPct: be.offset_pct };
}
