/** §1.3 tolerance; INT outputs exact; NaN masks identical. Returns the first mismatches. */
export function compareSeries(
  label: string,
  got: Float64Array,
  ref: Float64Array,
  exact: boolean,
  from = 0,
): string[] {
  const out: string[] = [];
  for (let i = from; i < ref.length && out.length < 3; i++) {
    const g = got[i]!;
    const r = ref[i]!;
    if (Number.isNaN(r) || Number.isNaN(g)) {
      if (Number.isNaN(r) !== Number.isNaN(g)) out.push(`${label}[${i}]: got ${g}, reference ${r}`);
      continue;
    }
    const ok = exact ? g === r : Math.abs(g - r) <= 1e-9 * Math.max(1, Math.abs(r));
    if (!ok) out.push(`${label}[${i}]: got ${g}, reference ${r}`);
  }
  return out;
}
