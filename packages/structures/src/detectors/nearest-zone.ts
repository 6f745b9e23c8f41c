/** Result of `scanNearestZones`, overwritten by every call (no allocation per bar). */
export const nearestZones = { bull: -1, bear: -1, bullCount: 0, bearCount: 0 };

/**
 * For the first `count` zones (direction +1 bull / −1 bear, bounds `lower`/`upper`): the index of the zone whose
 * middle is nearest to `close` per direction (the newest on ties; −1 when none) and the counts per direction.
 */
export function scanNearestZones(
  close: number,
  count: number,
  dir: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
): typeof nearestZones {
  let bull = -1;
  let bear = -1;
  let bullDistance = Number.POSITIVE_INFINITY;
  let bearDistance = Number.POSITIVE_INFINITY;
  let bullCount = 0;
  let bearCount = 0;
  for (let i = 0; i < count; i++) {
    const distance = Math.abs(close - (lower[i]! + upper[i]!) / 2);
    if (dir[i] === 1) {
      bullCount++;
      if (distance < bullDistance) {
        bullDistance = distance;
        bull = i;
      }
    } else {
      bearCount++;
      if (distance < bearDistance) {
        bearDistance = distance;
        bear = i;
      }
    }
  }
  nearestZones.bull = bull;
  nearestZones.bear = bear;
  nearestZones.bullCount = bullCount;
  nearestZones.bearCount = bearCount;
  return nearestZones;
}
