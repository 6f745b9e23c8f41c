/** Shapes of `sim-vectors.json` and its comparison rule (`conventions.tolerance`). */

export interface Tolerance {
  readonly abs?: number;
  readonly rel?: number;
  readonly check?: 'equal' | 'sign_only';
  readonly exact_string?: boolean;
}

export interface SimVector {
  readonly id: string;
  readonly group?: string;
  readonly function: string;
  readonly inputs: Record<string, unknown>;
  readonly expected: Record<string, unknown>;
  readonly tolerance: Tolerance;
}

export interface VectorFile {
  readonly fixtures: Record<
    string,
    { readonly riskTiers: readonly Record<string, number>[] } & Record<string, unknown>
  >;
  readonly vectors: readonly SimVector[];
}

/**
 * First mismatch between `actual` and `expected` under the vector's tolerance, or undefined. Unlisted object
 * fields are not checked (`sim-vectors.json` conventions); arrays must match in length.
 */
export function mismatch(
  actual: unknown,
  expected: unknown,
  tol: Tolerance,
  path: string,
): string | undefined {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return `${path}: expected ${expected}, got ${String(actual)}`;
    const abs = tol.abs ?? (tol.exact_string === true ? 1e-12 : undefined);
    const diff = Math.abs(actual - expected);
    const ok =
      abs === undefined && tol.rel === undefined
        ? actual === expected
        : (abs !== undefined && diff <= abs) ||
          (tol.rel !== undefined && diff <= tol.rel * Math.abs(expected));
    return ok ? undefined : `${path}: expected ${expected}, got ${actual}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected an array, got ${String(actual)}`;
    if (actual.length !== expected.length)
      return `${path}.length: expected ${expected.length}, got ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const m = mismatch(actual[i], expected[i], tol, `${path}[${i}]`);
      if (m !== undefined) return m;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object')
      return `${path}: expected an object, got ${String(actual)}`;
    for (const [k, v] of Object.entries(expected)) {
      const m = mismatch((actual as Record<string, unknown>)[k], v, tol, `${path}.${k}`);
      if (m !== undefined) return m;
    }
    return undefined;
  }
  return Object.is(actual, expected)
    ? undefined
    : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}
