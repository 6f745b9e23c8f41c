import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The frame every golden vector is computed on (`validation.md` §6.2). */
export const GOLDEN_FRAME = { kind: 'regime', bars: 2000, seed: 42 } as const;

/** One `packages/indicators/golden/<indicator>.json` file. */
export interface GoldenVector {
  readonly indicator: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly frame: {
    readonly kind: 'regime';
    readonly bars: number;
    readonly seed: number;
    readonly data_hash: string;
  };
  /** `definition`: the naive reference written from `indicators.md`. */
  readonly source: string;
  /** One value per bar; null = NaN. */
  readonly outputs: Readonly<Record<string, readonly (number | null)[]>>;
}

/** Reads the golden vector of `name` from `dir`, or undefined when there is none. */
export function readGolden(dir: string, name: string): GoldenVector | undefined {
  const file = join(dir, `${name}.json`);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as GoldenVector;
}

/** Agreement with a golden value: both NaN, or within 1e-9·max(1, |golden|) (the indicators' parity tolerance). */
function agrees(got: number, want: number | null): boolean {
  if (want === null) return Number.isNaN(got);
  return Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));
}

/**
 * G3's golden half for one indicator: the streamed outputs on the regime frame against the stored vector.
 * Failures: `<indicator>: no golden vector`, `<indicator>: golden frame stale`, `<indicator>: <output> differs
 * from golden at i=<n> (got x, want y)`.
 */
export function compareGolden(
  name: string,
  keys: readonly string[],
  streamed: readonly Float64Array[],
  golden: GoldenVector | undefined,
  frameHash: string,
): string[] {
  if (golden === undefined) return [`${name}: no golden vector`];
  if (golden.frame.data_hash !== frameHash || golden.frame.bars !== streamed[0]?.length)
    return [`${name}: golden frame stale`];
  const out: string[] = [];
  keys.forEach((key, k) => {
    const want = golden.outputs[key];
    const got = streamed[k];
    if (want === undefined || got === undefined) {
      out.push(`${name}: ${key} missing from the golden vector`);
      return;
    }
    for (let i = 0; i < got.length; i++) {
      if (!agrees(got[i] as number, want[i] ?? null)) {
        out.push(`${name}: ${key} differs from golden at i=${i} (got ${got[i]}, want ${want[i]})`);
        return;
      }
    }
  });
  return out;
}
