/**
 * Did-you-mean candidates as `play-dsl.md` §1.3 defines them: up to 3 names whose Damerau–Levenshtein distance
 * (optimal string alignment) is ≤ 2 or whose similarity ratio is ≥ 0.6. Core's `nearestName` uses plain
 * Levenshtein and returns one name, so the play loader keeps its own rule here.
 */
export function damerauLevenshtein(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  const d: number[][] = [];
  for (let i = 0; i <= n; i++) {
    d.push(new Array<number>(m + 1).fill(0));
    d[i]![0] = i;
  }
  for (let j = 0; j <= m; j++) d[0]![j] = j;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[n]![m]!;
}

export function suggestNames(input: string, candidates: Iterable<string>): string[] {
  // Bounded inputs only: a 1 MiB junk key must not cost a quadratic distance computation.
  if (input.length > 200) return [];
  const needle = input.toLowerCase();
  const scored: { name: string; distance: number }[] = [];
  for (const name of candidates) {
    if (name.length > 200) continue;
    const distance = damerauLevenshtein(needle, name.toLowerCase());
    const ratio = 1 - distance / Math.max(needle.length, name.length, 1);
    if (distance <= 2 || ratio >= 0.6) scored.push({ name, distance });
  }
  scored.sort((x, y) => x.distance - y.distance || x.name.localeCompare(y.name));
  return scored.slice(0, 3).map((s) => s.name);
}

/** `did you mean 'a', 'b'?` or, with no close name, the allowed set (truncated when long). */
export function didYouMeanHint(
  input: string,
  candidates: readonly string[],
  listAllowed = true,
): string | undefined {
  const near = suggestNames(input, candidates);
  if (near.length > 0) return `did you mean ${near.map((n) => `'${n}'`).join(', ')}?`;
  if (!listAllowed || candidates.length === 0) return undefined;
  const shown = candidates.slice(0, 40).join(', ');
  return `allowed: ${shown}${candidates.length > 40 ? ', …' : ''}`;
}
