/** Per-position state the trailing stop and break-even rules need (`engine.md` §8.4). */
export interface StopState {
  /** +1 long, −1 short. */
  readonly dir: 1 | -1;
  readonly entryPrice: number;
  /** Best favourable price since entry. */
  peak: number;
  /** Current stop loss (NaN when none). */
  stopLoss: number;
  breakEvenDone: boolean;
  tpLegsFilled: number;
}

export interface TrailingRule {
  readonly activationPct: number;
  /** Exactly one of the two distances is used: ATR × multiplier (needs `atr`) or peak × trailPct / 100. */
  readonly atrMultiplier: number | null;
  readonly trailPct: number | null;
}

export interface BreakEvenRule {
  readonly activationPct: number | null;
  readonly afterTpLeg: number | null;
  readonly offsetPct: number;
}

export type StopCause = 'trailing' | 'break_even';

export interface StopMove {
  readonly from: number;
  readonly to: number;
  readonly cause: StopCause;
}

/**
 * Applies one instant of stop maintenance: updates the peak with `fav` (the closed bar's favourable extreme),
 * then takes the most protective of the current SL and the trailing / break-even candidates (never loosens).
 * Returns the move (unrounded target; the caller rounds to the tick) or null when the SL stays. `atr` is the
 * value visible at the instant (NaN when missing: no ATR trailing candidate).
 */
export function maintainStops(
  s: StopState,
  fav: number,
  trailing: TrailingRule | null,
  breakEven: BreakEvenRule | null,
  atr: number,
): StopMove | null {
  if (s.dir * (fav - s.peak) > 0) s.peak = fav;
  const gainPct = (s.dir * (s.peak - s.entryPrice) * 100) / s.entryPrice;
  let best = s.stopLoss;
  let cause: StopCause | null = null;
  const consider = (candidate: number, why: StopCause) => {
    if (!Number.isFinite(candidate)) return;
    if (Number.isNaN(best) || s.dir * (candidate - best) > 0) {
      best = candidate;
      cause = why;
    }
  };
  if (trailing !== null && gainPct >= trailing.activationPct) {
    const d =
      trailing.atrMultiplier !== null
        ? atr * trailing.atrMultiplier
        : (s.peak * (trailing.trailPct ?? 0)) / 100;
    if (d > 0) consider(s.peak - s.dir * d, 'trailing');
  }
  if (breakEven !== null && !s.breakEvenDone) {
    const byGain = breakEven.activationPct !== null && gainPct >= breakEven.activationPct;
    const byLeg = breakEven.afterTpLeg !== null && s.tpLegsFilled >= breakEven.afterTpLeg;
    if (byGain || byLeg) {
      s.breakEvenDone = true;
      consider(s.entryPrice * (1 + (s.dir * breakEven.offsetPct) / 100), 'break_even');
    }
  }
  if (cause === null) return null;
  const move: StopMove = { from: s.stopLoss, to: best, cause };
  s.stopLoss = best;
  return move;
}
