import type { Candles } from '@trade/core';
import { computeSeries } from '@trade/indicators';
import { computeStructureSeries, listStructures, type StructureSeries } from '@trade/structures';
import {
  G5_DATASET_NAMES,
  type G5DatasetName,
  g5Dataset,
  type RefBars,
  type RefRows,
  STRUCTURE_REFERENCES,
  type StructureReference,
} from '../../reference/structures/index';
import type { GateDef, GateFailure, GateOutcome } from '../../runner/types';

/** FLOAT fields: |got − ref| ≤ 1e-10 (`validation.md` §4 G5); INT, BOOL, ENUM and HASH fields: exact. */
const FLOAT_ABS = 1e-10;

export interface StructureParityOptions {
  /** Detector types to check (default: every type registered in `@trade/structures`, catalogue order). */
  readonly types?: readonly string[];
  readonly datasets?: readonly G5DatasetName[];
  readonly references?: ReadonlyMap<string, StructureReference>;
  /** Test-only: what the references see instead of the dataset (a planted fault must fail the gate). */
  readonly referenceBars?: (dataset: G5DatasetName, bars: RefBars) => RefBars;
}

function refBars(c: Candles, atr: Float64Array): RefBars {
  return {
    o: Array.from(c.open),
    h: Array.from(c.high),
    l: Array.from(c.low),
    c: Array.from(c.close),
    v: Array.from(c.volume),
    atr: Array.from(atr),
  };
}

function show(v: number | string | undefined): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** One cell: FLOAT within 1e-10 abs (NaN only equals NaN), ENUM by domain label, everything else exact. */
function sameValue(
  type: StructureSeries['fields'][number]['type'],
  domain: readonly string[] | undefined,
  got: number | string,
  ref: number | string,
): boolean {
  if (type === 'ENUM') {
    const code = typeof ref === 'string' ? (domain ?? []).indexOf(ref) : ref;
    return code >= 0 && got === code;
  }
  if (type === 'FLOAT' && typeof ref === 'number' && typeof got === 'number')
    return Number.isNaN(ref) ? Number.isNaN(got) : Math.abs(got - ref) <= FLOAT_ABS;
  return got === ref;
}

/**
 * First difference between the detector's series and the reference rows: the earliest bar over all fields
 * (ties: field order), as `<field> mismatch at bar <i> (ref=<v>, got=<v>)`; undefined when equal.
 */
export function firstStructureMismatch(series: StructureSeries, ref: RefRows): string | undefined {
  let best: { i: number; text: string } | undefined;
  for (const field of series.fields) {
    const want = ref[field.name];
    if (want === undefined) return `${field.name} missing from the reference`;
    const bars = field.type === 'HASH' ? series.hashes[field.name]! : series.columns[field.name]!;
    if (want.length !== bars.length)
      return `${field.name}: ${want.length} reference bars, ${bars.length} got`;
    const limit = best === undefined ? bars.length : best.i;
    for (let i = 0; i < limit; i++) {
      const got = bars[i]!;
      const r = want[i]!;
      if (!sameValue(field.type, field.domain, got, r)) {
        // ENUM: the reference names the value, the detector stores its index in the field's domain.
        const shown = field.type === 'ENUM' ? (field.domain?.[got as number] ?? got) : got;
        best = { i, text: `${field.name} mismatch at bar ${i} (ref=${show(r)}, got=${show(shown)})` };
        break;
      }
    }
  }
  return best?.text;
}

/** True when some output of the series differs from its empty value on some bar. */
function hasNonEmpty(series: StructureSeries): boolean {
  for (const f of series.fields) {
    const values = f.type === 'HASH' ? series.hashes[f.name]! : series.columns[f.name]!;
    for (const x of values) if (!Object.is(x, f.empty)) return true;
  }
  return false;
}

/**
 * G5: every registered detector type, on every §6.3 dataset, built with its configuration's params and
 * dependencies through the public batch API (`computeStructureSeries`, the same classes as streaming), against
 * its naive reference. One failure line per (detector, dataset); a thrown error fails only that pair.
 */
export function runStructureParity(options: StructureParityOptions = {}): GateOutcome {
  const types = options.types ?? listStructures().map((m) => m.type);
  const datasets = options.datasets ?? G5_DATASET_NAMES;
  const references = options.references ?? STRUCTURE_REFERENCES;
  const failures: GateFailure[] = [];
  const data = datasets.map((name) => {
    const candles = g5Dataset(name);
    const atr = computeSeries('atr', { length: 14 }, candles).value!;
    const bars = refBars(candles, atr);
    return {
      name,
      candles,
      atr,
      refBars: options.referenceBars === undefined ? bars : options.referenceBars(name, bars),
    };
  });
  let checked = 0;
  for (const type of types) {
    const ref = references.get(type);
    if (ref === undefined) {
      failures.push({ message: `${type}: no reference implementation (validation.md §6.3)` });
      continue;
    }
    checked++;
    let nonEmpty = false;
    for (const d of data) {
      const label = `${type}/${d.name}`;
      try {
        const series = computeStructureSeries(type, ref.params, d.candles, ref.deps, {
          features: { atr: d.atr },
        });
        nonEmpty ||= hasNonEmpty(series);
        const m = firstStructureMismatch(series, ref.reference(d.refBars));
        if (m !== undefined) failures.push({ message: `${label}: ${m}` });
      } catch (error) {
        failures.push({
          message: `${label}: threw ${error instanceof Error ? error.message : String(error)}`.replace(
            /\s*\n\s*/g,
            ' ',
          ),
        });
      }
    }
    if (!nonEmpty && data.length > 0)
      failures.push({ message: `${type}: every output empty on every dataset (comparison is vacuous)` });
  }
  return {
    passed: failures.length === 0,
    checked,
    detail: `${checked} detectors x ${datasets.length} datasets`,
    failures,
  };
}

/** G5 Structure Parity (`validation.md` §4, §6.3). */
export const structureParityGate: GateDef = {
  id: 'G5',
  name: 'Structure Parity',
  module: 'parity',
  async run(): Promise<GateOutcome> {
    return runStructureParity();
  },
};
