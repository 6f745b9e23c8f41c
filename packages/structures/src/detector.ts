import { canonicalJson, type JsonValue } from '@trade/core';
import { StructureErrorCode, StructureStateError } from './errors';
import type { FieldMeta } from './fields';
import { fromJsonSafe, toJsonSafe } from './json-safe';

/** The closed bar a detector consumes (structures.md §1.2). */
export interface StructureBar {
  /** 0-based index of the bar in its TF series, counted from the data start; +1 per update. */
  readonly idx: number;
  readonly ts: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** Value of a feature of the same TF at this bar (the ATR feature named by `atr_key`). */
  ind(key: string): number;
}

export const STRUCTURE_SNAPSHOT_SCHEMA = 'trade.structure/1';

/** JSON-safe state of one detector (structures.md §1.7); NaN is encoded as `null`, lists newest first. */
export interface StructureSnapshot {
  readonly schema: typeof STRUCTURE_SNAPSHOT_SCHEMA;
  readonly type: string;
  readonly key: string;
  readonly params: JsonValue;
  readonly lastIdx: number;
  readonly state: JsonValue;
}

export type StructureParamsRecord = Readonly<Record<string, unknown>>;

export interface DetectorInit {
  readonly type: string;
  readonly key: string;
  /** Validated params with defaults applied (as returned by the param schema). */
  readonly params: StructureParamsRecord;
  readonly fields: readonly FieldMeta[];
}

/**
 * Base of every detector: owns the output `values` (one double per field, in `fields` order; HASH fields
 * hold NaN there and their text in `text()`), the idx check and snapshot plumbing. Subclasses implement
 * `step` (one bar), `resetState`, `saveState` and `loadState`, and call `this.reset()` at the end of their
 * constructor.
 */
export abstract class StructureDetector {
  readonly type: string;
  readonly key: string;
  readonly params: StructureParamsRecord;
  readonly fields: readonly FieldMeta[];
  /** Current output of every field, overwritten by each update; read by the engine and by dependants. */
  readonly values: Float64Array;
  /** HASH field texts by field position (`''` for other fields). */
  protected readonly texts: string[];
  private lastIdxSeen = -1;
  private readonly positions: ReadonlyMap<string, number>;

  constructor(init: DetectorInit) {
    this.type = init.type;
    this.key = init.key;
    this.params = init.params;
    this.fields = init.fields;
    this.values = new Float64Array(init.fields.length);
    this.texts = init.fields.map(() => '');
    this.positions = new Map(init.fields.map((f, i) => [f.name, i]));
  }

  /** idx of the last bar consumed (−1 before the first update). */
  get lastIdx(): number {
    return this.lastIdxSeen;
  }

  /** Consumes one closed bar; `bar.idx` must be the previous idx + 1 (the first is 0). */
  update(bar: StructureBar): void {
    if (bar.idx !== this.lastIdxSeen + 1) {
      throw new StructureStateError(
        StructureErrorCode.Idx,
        `${this.type} '${this.key}': bar idx ${bar.idx} after ${this.lastIdxSeen}; idx must increase by exactly 1`,
        {
          kind: 'internal',
          hint: 'feed every closed bar of the timeframe from the data start, once, in order',
        },
      );
    }
    this.lastIdxSeen = bar.idx;
    this.step(bar);
  }

  /** Back to the freshly created state (same params, same dependencies). */
  reset(): void {
    this.lastIdxSeen = -1;
    this.fields.forEach((f, i) => {
      this.values[i] = typeof f.empty === 'number' ? f.empty : Number.NaN;
      this.texts[i] = typeof f.empty === 'string' ? f.empty : '';
    });
    this.resetState();
  }

  /** Position of a field in `values`, or −1. Resolve once, then index `values` in hot paths. */
  indexOf(name: string): number {
    return this.positions.get(name) ?? -1;
  }

  /** Current value of a non-HASH field by name (NaN for unknown names); not for hot paths. Named `read` because
   * `value` is a field (rolling_window). */
  read(name: string): number {
    const i = this.indexOf(name);
    return i < 0 ? Number.NaN : this.values[i]!;
  }

  /** Current text of a HASH field by name (`''` for other fields). */
  readText(name: string): string {
    const i = this.indexOf(name);
    return i < 0 ? '' : this.textAt(i);
  }

  snapshot(): StructureSnapshot {
    return {
      schema: STRUCTURE_SNAPSHOT_SCHEMA,
      type: this.type,
      key: this.key,
      params: toJsonSafe(this.params),
      lastIdx: this.lastIdxSeen,
      state: {
        values: toJsonSafe(this.values),
        texts: this.texts.map((_, i) => this.textAt(i)),
        detector: toJsonSafe(this.saveState()),
      },
    };
  }

  /** Loads a snapshot of the same type and params; later updates are bit-identical to an uninterrupted run. */
  restore(snapshot: StructureSnapshot): void {
    const fail = (why: string): never => {
      throw new StructureStateError(StructureErrorCode.Snapshot, `${this.type} '${this.key}': ${why}`, {
        hint: 'restore a snapshot written by a detector of the same type and params',
      });
    };
    if (snapshot === null || typeof snapshot !== 'object') fail('snapshot is not an object');
    if (snapshot.schema !== STRUCTURE_SNAPSHOT_SCHEMA)
      fail(`unknown snapshot schema '${String(snapshot.schema)}'`);
    if (snapshot.type !== this.type) fail(`snapshot of type '${snapshot.type}'`);
    if (canonicalJson(snapshot.params) !== canonicalJson(toJsonSafe(this.params))) {
      fail('snapshot params differ from this instance');
    }
    const state = fromJsonSafe(snapshot.state) as { values?: unknown; texts?: unknown; detector?: unknown };
    const values = state.values;
    const texts = state.texts;
    if (!Array.isArray(values) || values.length !== this.values.length)
      fail('snapshot values do not match the fields');
    if (!Array.isArray(texts) || texts.length !== this.texts.length)
      fail('snapshot texts do not match the fields');
    if (!Number.isInteger(snapshot.lastIdx) || snapshot.lastIdx < -1) fail('snapshot lastIdx is invalid');
    this.reset();
    (values as number[]).forEach((v, i) => {
      this.values[i] = v;
    });
    (texts as string[]).forEach((t, i) => {
      this.texts[i] = String(t);
    });
    this.loadState(state.detector);
    this.lastIdxSeen = snapshot.lastIdx;
  }

  /**
   * Text of the HASH field at position `i`. Detectors whose hashes are costly override it to compute them
   * lazily (once per change, on first read), keeping blake2b out of the per-bar path.
   */
  protected textAt(i: number): string {
    return this.texts[i]!;
  }

  protected abstract step(bar: StructureBar): void;
  protected abstract resetState(): void;
  /** Internal state beyond `values`; may contain NaN and typed arrays (encoded by the base). */
  protected abstract saveState(): unknown;
  /** Inverse of `saveState` (NaN already decoded, typed arrays arrive as plain arrays). */
  protected abstract loadState(state: unknown): void;
}

/**
 * Adds one typed getter per field name (`swing.high_level`), reading `values` (or the text of HASH fields).
 * The getters are defined on the prototype, so instances carry no extra state.
 */
export function withFieldGetters<const N extends string, const H extends string = never>(
  names: readonly N[],
  hashNames: readonly H[] = [],
): abstract new (
  init: DetectorInit,
) => StructureDetector & { readonly [K in N]: number } & { readonly [K in H]: string } {
  abstract class WithGetters extends StructureDetector {}
  for (const name of [...names, ...hashNames]) {
    // A field must never shadow a member of the detector API (`read`, `values`, `update`, …).
    if (
      name in StructureDetector.prototype ||
      ['type', 'key', 'params', 'fields', 'values', 'texts'].includes(name)
    ) {
      throw new Error(`field name '${name}' collides with a StructureDetector member`);
    }
  }
  names.forEach((name, i) => {
    Object.defineProperty(WithGetters.prototype, name, {
      get(this: StructureDetector) {
        return this.values[i];
      },
    });
  });
  for (const name of hashNames) {
    Object.defineProperty(WithGetters.prototype, name, {
      get(this: StructureDetector) {
        return this.readText(name);
      },
    });
  }
  return WithGetters as unknown as abstract new (
    init: DetectorInit,
  ) => StructureDetector & { readonly [K in N]: number } & { readonly [K in H]: string };
}
