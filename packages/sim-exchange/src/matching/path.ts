/**
 * The pessimistic intrabar path of §11.2 and the crossing rule of §11.2–11.3: where on a segment a level is
 * first met, measured as the relative distance `δ = |level − start| / start` in the level's own series.
 */

/** Vertices `[O, X1, X2, C]`: long → L, H; short → H, L; flat → nearer extreme first (tie → L, H). */
export function lowFirst(positionSign: number, open: number, high: number, low: number): boolean {
  if (positionSign > 0) return true;
  if (positionSign < 0) return false;
  return open - low <= high - open;
}

/** Is the condition met at price `p`? `up`: p ≥ level (strict: >); down: p ≤ level (strict: <). */
export function metAt(p: number, level: number, up: boolean, strict: boolean): boolean {
  if (up) return strict ? p > level : p >= level;
  return strict ? p < level : p <= level;
}

/** Point at relative distance `delta` along `a → b` (clamped to the segment). */
export function pointAt(a: number, b: number, delta: number): number {
  const span = Math.abs(b - a);
  const move = Math.min(delta * a, span);
  return b >= a ? a + move : a - move;
}

/** Relative distance of `level` from the segment start. */
export function deltaOf(a: number, level: number): number {
  return Math.abs(level - a) / a;
}
