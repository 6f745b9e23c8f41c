/**
 * The engine-facing evaluation interface. A compiled play reads market and position state only through
 * `EvalContext`, which the engine implements over its per-TF series. Everything is numeric: no string
 * lookups and no allocation per evaluation.
 */

/** Three-valued truth (§10.6): only TRUE fires an action case. */
export const TRUE = 1;
export const FALSE = 0;
export const MISSING = -1;
export type Truth = typeof TRUE | typeof FALSE | typeof MISSING;

/** Runtime codes of the `position.*` fields (§9.1), the argument of `EvalContext.position`. */
export const PositionField = {
  /** ENUM: 0 flat, 1 long, 2 short. */
  side: 0,
  /** BOOL 0/1. */
  is_open: 1,
  /** BOOL 0/1: a resting entry order exists. */
  pending_entry: 2,
  /** FLOAT, NaN when flat. */
  entry_price: 3,
  /** INT, NaN when flat. */
  bars_in_trade: 4,
  /** FLOAT price % at mark, NaN when flat. */
  unrealized_pnl_pct: 5,
  /** FLOAT USDT at mark, NaN when flat. */
  unrealized_pnl_usdt: 6,
  /** FLOAT % of initial margin, NaN when flat. */
  roi_pct: 7,
  /** INT, NaN when flat. */
  tp_legs_filled: 8,
} as const;
export type PositionField = (typeof PositionField)[keyof typeof PositionField];

/**
 * What the engine provides to compiled conditions.
 *
 * Time: every call passes a sample time `t` in epoch ms (UTC). At a tick `t` is the tick instant; `cross_*`
 * asks for `t − step` (previous tick of the clock), windows ask for `t − i·step`.
 */
export interface EvalContext {
  /**
   * The value of series `slot` (an index into `CompiledPlay.slots`) as visible at time `t` (`engine.md` §5):
   * take the last bar of the slot's series with close time ≤ t, go back `offset` bars on that series, and
   * return that bar's value. Return NaN when there is no such bar, the bar is before the first stored bar,
   * the output is not valid yet, or the value is not finite (all of these are MISSING).
   *
   * Series per `SlotInfo.source`: `feature` output / `structure` field on `SlotInfo.tf` (per-bar history);
   * `bar` the OHLCV column of the exec TF; `last_price`/`mark_price` the 1m close (offset = minutes);
   * `funding_rate` the settlement series (offset = settlements); `open_interest` per exec bar.
   * BOOL values are 0/1, ENUM values the index of the value in `SlotInfo.domain`.
   */
  valueAt(slot: number, t: number, offset: number): number;
  /** A `position.*` field (`PositionField`) after all fills up to the current tick; NaN = MISSING. */
  position(field: PositionField): number;
}

/** A compiled condition: its truth at sample time `t`. */
export type CompiledCondition = (ctx: EvalContext, t: number) => Truth;

/** A compiled numeric operand (ref or arithmetic): its value at `t`, NaN = MISSING. */
export type CompiledValue = (ctx: EvalContext, t: number) => number;
