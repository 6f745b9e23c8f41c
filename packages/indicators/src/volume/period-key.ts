/** vwap anchors of indicators.md §3 #25. */
export const VWAP_ANCHORS = ['D', 'W', 'M', '1h', '2h', '3h', '4h', '6h', '8h', '12h'] as const;
export type VwapAnchor = (typeof VWAP_ANCHORS)[number];

const DAY_MS = 86_400_000;
const WEEK_MS = 604_800_000;
/** Shift that makes weeks start on Monday 00:00 UTC (1970-01-01 was a Thursday). */
const MONDAY_SHIFT_MS = 259_200_000;
const HOUR_MS = 3_600_000;

/** 12·year + month (0-based) of a UTC day number, by Hinnant's civil-from-days (no Date allocation). */
function monthKey(days: number): number {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 2 : mp - 10; // 0 = January
  const year = yoe + era * 400 + (month <= 1 ? 1 : 0);
  return 12 * year + month;
}

/** Numeric id of an anchor, so the per-bar key is a switch on an integer. */
export function anchorId(anchor: string): number {
  return (VWAP_ANCHORS as readonly string[]).indexOf(anchor);
}

/** Period key of a bar open ts for the anchor id; equal keys = same period. */
export function periodKey(id: number, ts: number): number {
  switch (id) {
    case 0:
      return Math.floor(ts / DAY_MS);
    case 1:
      return Math.floor((ts + MONDAY_SHIFT_MS) / WEEK_MS);
    case 2:
      return monthKey(Math.floor(ts / DAY_MS));
    default: {
      const hours = Number.parseInt(VWAP_ANCHORS[id]!, 10);
      return Math.floor(ts / (hours * HOUR_MS));
    }
  }
}
