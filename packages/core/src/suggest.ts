/** Levenshtein distance, used to suggest the nearest valid name in error hints. */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/**
 * The candidate closest to `input` (case-insensitive), or undefined when nothing is reasonably close.
 * "Reasonably" = distance at most max(2, a third of the input's length).
 */
export function nearestName(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = editDistance(needle, candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(needle.length / 3)) ? best : undefined;
}

/** "did you mean `x`?" or a list of the valid names when nothing is close. */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const near = nearestName(input, candidates);
  return near === undefined ? `valid values: ${candidates.join(', ')}` : `did you mean \`${near}\`?`;
}
