import type { SyntheticCandles } from './minute-bars';

/**
 * Rounds 1m bars to `tick` in place (`synthetic-data.md` §6.5): open and close to the nearest tick (ties away
 * from zero), high up and low down to a tick, then `high = max(high, open, close)`, `low = min(low, open, close)`.
 * Turnover is recomputed from the rounded close.
 *
 * A price is stored as `units / ticksPerUnit` when the tick is 1/integer (0.1, 0.01, 0.5 …) so it is the double
 * nearest the decimal tick price, not `units · tick` with its representation error.
 */
export function roundToTick(c: SyntheticCandles, tick: number): void {
  const inverse = 1 / tick;
  const exactInverse = Math.round(inverse);
  const useDivision = Math.abs(inverse - exactInverse) < 1e-9 * inverse;
  const fromUnits = (units: number) => (useDivision ? units / exactInverse : units * tick);
  // Tolerance so a price already on the grid is not pushed a whole tick by its representation error.
  const slack = 1e-9;
  const { open, high, low, close, volume, turnover } = c;
  for (let g = 0; g < c.length; g++) {
    const o = fromUnits(Math.floor(open[g]! / tick + 0.5));
    const cl = fromUnits(Math.floor(close[g]! / tick + 0.5));
    let h = fromUnits(Math.ceil(high[g]! / tick - slack));
    let l = fromUnits(Math.floor(low[g]! / tick + slack));
    if (o > h) h = o;
    if (cl > h) h = cl;
    if (o < l) l = o;
    if (cl < l) l = cl;
    open[g] = o;
    close[g] = cl;
    high[g] = h;
    low[g] = l;
    turnover[g] = volume[g]! * cl;
  }
}
