import type { SeriesCoverage } from './series';

/** A contiguous range to fetch, and the direction its windows run (`data.md` §6.2). */
export interface Edge {
  readonly direction: 'backward' | 'forward';
  readonly start: number;
  readonly end: number;
}

export interface Window {
  readonly start: number;
  readonly end: number;
}

/**
 * Missing edges of one series for target `[start, end)` (`data.md` §6.1 step 3). The older edge runs
 * backwards and the newer one forwards, so stored data stays one contiguous block at every commit and an
 * interrupted sync resumes by re-planning. `newerOnly` is `--to-now`.
 */
export function planEdges(
  coverage: SeriesCoverage,
  target: { start: number; end: number },
  stepMs: number,
  newerOnly = false,
): Edge[] {
  if (target.end <= target.start && !newerOnly) return [];
  if (coverage.first === undefined || coverage.last === undefined) {
    return newerOnly ? [] : [{ direction: 'backward', start: target.start, end: target.end }];
  }
  const edges: Edge[] = [];
  if (!newerOnly && target.start < coverage.first) {
    edges.push({ direction: 'backward', start: target.start, end: coverage.first });
  }
  const newerStart = coverage.last + stepMs;
  if (target.end > newerStart) edges.push({ direction: 'forward', start: newerStart, end: target.end });
  return edges;
}

/** Splits an edge into windows of at most `windowMs`, in fetch order. */
export function edgeWindows(edge: Edge, windowMs: number): Window[] {
  const windows: Window[] = [];
  if (edge.direction === 'forward') {
    for (let s = edge.start; s < edge.end; s += windowMs)
      windows.push({ start: s, end: Math.min(edge.end, s + windowMs) });
  } else {
    for (let e = edge.end; e > edge.start; e -= windowMs)
      windows.push({ start: Math.max(edge.start, e - windowMs), end: e });
  }
  return windows;
}
