import type { Candles } from '@trade/core';
import type { StructureBar, StructureDetector } from './detector';
import type { FieldMeta } from './fields';
import { createStructure, getStructureMeta } from './registry';

/** A dependency to build for a batch run: its params and, recursively, its own dependencies. */
export interface DependencySpec {
  readonly params?: unknown;
  readonly uses?: DependencySpecs;
}
/** Dependencies of a batch run, keyed by type (`{swing: {params: {left: 2, right: 2}}}`). */
export type DependencySpecs = Readonly<Record<string, DependencySpec>>;

export interface ComputeStructureOptions {
  /** Feature columns readable through `bar.ind(key)` (e.g. `{atr: atrValues}`), aligned with the candles. */
  readonly features?: Readonly<Record<string, Float64Array>>;
}

/**
 * One column per field. Numeric fields (FLOAT, INT, BOOL as 0/1, ENUM as the index of the value in the
 * field's `domain`, 0 = `none`) are in `columns`; HASH fields are in `hashes`.
 */
export interface StructureSeries {
  readonly fields: readonly FieldMeta[];
  readonly columns: Readonly<Record<string, Float64Array>>;
  readonly hashes: Readonly<Record<string, string[]>>;
}

/** Mutable bar reused for every index of a batch run (no allocation per bar). */
class CandleCursor implements StructureBar {
  idx = -1;
  ts = 0;
  open = 0;
  high = 0;
  low = 0;
  close = 0;
  volume = 0;
  private lastKey = '';
  private lastColumn: Float64Array | undefined;

  constructor(
    private readonly candles: Candles,
    private readonly features: Readonly<Record<string, Float64Array>>,
  ) {}

  moveTo(i: number): void {
    const c = this.candles;
    this.idx = i;
    this.ts = c.ts[i]!;
    this.open = c.open[i]!;
    this.high = c.high[i]!;
    this.low = c.low[i]!;
    this.close = c.close[i]!;
    this.volume = c.volume[i]!;
  }

  ind(key: string): number {
    if (key !== this.lastKey) {
      this.lastKey = key;
      this.lastColumn = Object.hasOwn(this.features, key) ? this.features[key] : undefined;
    }
    const column = this.lastColumn;
    return column === undefined ? Number.NaN : (column[this.idx] ?? Number.NaN);
  }
}

/** Builds `type` with its dependency tree; returns the detectors in update order (dependencies first). */
export function buildStructureChain(
  type: string,
  params: unknown,
  deps: DependencySpecs = {},
  atrFeatures?: Iterable<string>,
): StructureDetector[] {
  const chain: StructureDetector[] = [];
  const build = (t: string, p: unknown, d: DependencySpecs, key: string): StructureDetector => {
    const bound: StructureDetector[] = [];
    for (const [depType, spec] of Object.entries(d)) {
      bound.push(build(depType, spec.params, spec.uses ?? {}, `${key}.${depType}`));
    }
    const detector = createStructure(t, p, bound, {
      key,
      ...(atrFeatures === undefined ? {} : { atrFeatures }),
    });
    chain.push(detector);
    return detector;
  };
  getStructureMeta(type);
  build(type, params, deps, type);
  return chain;
}

/**
 * Batch helper: runs one detector (and the dependencies it needs) over `candles` bar by bar through
 * `update`, copying every field after each bar. Bit-identical to streaming by construction.
 */
export function computeStructureSeries(
  type: string,
  params: unknown,
  candles: Candles,
  deps: DependencySpecs = {},
  options: ComputeStructureOptions = {},
): StructureSeries {
  const features = options.features ?? {};
  const chain = buildStructureChain(
    type,
    params,
    deps,
    options.features === undefined ? undefined : Object.keys(features),
  );
  const target = chain[chain.length - 1]!;
  const n = candles.length;
  const fields = target.fields;
  const numeric: { index: number; column: Float64Array }[] = [];
  const textual: { index: number; name: string; column: string[] }[] = [];
  const columns: Record<string, Float64Array> = {};
  const hashes: Record<string, string[]> = {};
  fields.forEach((f, index) => {
    if (f.type === 'HASH') {
      const column = new Array<string>(n);
      hashes[f.name] = column;
      textual.push({ index, name: f.name, column });
    } else {
      const column = new Float64Array(n);
      columns[f.name] = column;
      numeric.push({ index, column });
    }
  });
  const cursor = new CandleCursor(candles, features);
  const values = target.values;
  for (let i = 0; i < n; i++) {
    cursor.moveTo(i);
    for (const detector of chain) detector.update(cursor);
    for (const { index, column } of numeric) column[i] = values[index]!;
    for (const { name, column } of textual) column[i] = target.readText(name);
  }
  return { fields, columns, hashes };
}
