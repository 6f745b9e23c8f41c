/**
 * Number and time formatting shared by every artifact (`engine.md` §11.1): shortest round-trip numbers,
 * `-0` as `0`, MISSING (NaN, null, undefined) as the empty string, ISO-8601 UTC times with milliseconds.
 */
export function csvNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} into an artifact`);
  return Object.is(value, -0) ? '0' : String(value);
}

/** `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export function isoTime(ts: number): string {
  return new Date(ts).toISOString();
}

/** Window tag of a run folder: `YYYYMMDDTHHMM-YYYYMMDDTHHMM` (UTC). */
export function windowTag(startTs: number, endTs: number): string {
  const compact = (ts: number) => isoTime(ts).slice(0, 16).replace(/[-:]/g, '');
  return `${compact(startTs)}-${compact(endTs)}`;
}
