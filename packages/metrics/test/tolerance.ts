/** Tolerance of sim-vectors.json: abs and/or rel; when both are given either one passing is enough. */
export interface VectorTolerance {
  readonly abs?: number;
  readonly rel?: number;
}

export function withinTolerance(actual: number, expected: number, tolerance: VectorTolerance): boolean {
  const error = Math.abs(actual - expected);
  const absOk = tolerance.abs !== undefined && error <= tolerance.abs;
  const relOk = tolerance.rel !== undefined && error <= tolerance.rel * Math.abs(expected);
  if (tolerance.abs === undefined && tolerance.rel === undefined) return actual === expected;
  return absOk || relOk;
}
