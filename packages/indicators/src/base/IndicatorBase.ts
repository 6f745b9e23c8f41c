import { canonicalJson } from '@trade/core';
import { IndicatorError, IndicatorErrorCode } from '../errors';
import type { IndicatorIdentity } from './define';
import { SourceId, selectSource } from './source';
import { decodeFields, encodeFields, encodeNumber, snapshotError } from './state-codec';
import type { Bar, Indicator, IndicatorParams, IndicatorSnapshot } from './types';

/** Fields that are configuration or are stored at the top level of a snapshot, not in `state`. */
const NOT_STATE: ReadonlySet<string> = new Set([
  'name',
  'params',
  'outputKeys',
  'fvi',
  'barsSeen',
  'lastTs',
  'initialState',
  'sourceId',
]);

export const SNAPSHOT_SCHEMA = 'trade.indicator/1';

function inputError(name: string, ts: number, field: string, value: number): IndicatorError {
  return new IndicatorError(
    IndicatorErrorCode.Input,
    `indicator '${name}': bar ${Number.isFinite(ts) ? ts : '?'} has ${field} = ${value}`,
    { kind: 'data', path: field, hint: 'feed only closed bars with finite OHLC and volume ≥ 0' },
  );
}

/**
 * The one incremental base of every indicator (indicators.md §5.2). Subclasses implement `step` and keep all
 * their state in own fields (numbers, typed arrays, Ring/RollingSum/... objects): snapshots are taken by
 * reflection over those fields, so a new field is snapshotted without extra code.
 */
export abstract class IndicatorBase implements Indicator {
  readonly name: string;
  readonly params: IndicatorParams;
  readonly outputKeys: readonly string[];
  readonly fvi: number;
  readonly values: Float64Array;
  barsSeen = 0;
  lastTs = Number.NaN;
  protected readonly sourceId: number;
  private initialState: Record<string, unknown> | undefined;

  constructor(identity: IndicatorIdentity) {
    this.name = identity.name;
    this.params = identity.params;
    this.outputKeys = identity.outputKeys;
    this.fvi = identity.fvi;
    this.values = new Float64Array(identity.outputKeys.length).fill(Number.NaN);
    const source = identity.params.source;
    this.sourceId = typeof source === 'string' ? (SourceId[source as keyof typeof SourceId] ?? 0) : 0;
  }

  get value(): number {
    return this.values[0]!;
  }

  get ready(): boolean {
    return this.barsSeen > this.fvi;
  }

  update(bar: Bar, anchor = false): void {
    this.push(bar.ts, bar.open, bar.high, bar.low, bar.close, bar.volume, anchor);
  }

  push(ts: number, o: number, h: number, l: number, c: number, v: number, anchor = false): void {
    if (!Number.isFinite(ts)) throw inputError(this.name, ts, 'ts', ts);
    if (!Number.isFinite(o)) throw inputError(this.name, ts, 'open', o);
    if (!Number.isFinite(h)) throw inputError(this.name, ts, 'high', h);
    if (!Number.isFinite(l)) throw inputError(this.name, ts, 'low', l);
    if (!Number.isFinite(c)) throw inputError(this.name, ts, 'close', c);
    if (!(v >= 0) || v === Number.POSITIVE_INFINITY) throw inputError(this.name, ts, 'volume', v);
    if (this.barsSeen > 0 && !(ts > this.lastTs)) {
      throw new IndicatorError(
        IndicatorErrorCode.TsOrder,
        `indicator '${this.name}': bar ts ${ts} is not after the previous bar ts ${this.lastTs}`,
        { kind: 'data', path: 'ts', hint: 'feed closed bars once each, in strictly increasing ts' },
      );
    }
    this.step(o, h, l, c, v, ts, anchor);
    this.barsSeen++;
    this.lastTs = ts;
  }

  /** One bar of the recursion; inputs already validated. `t` = this.barsSeen (0 for the first bar). */
  protected abstract step(
    o: number,
    h: number,
    l: number,
    c: number,
    v: number,
    ts: number,
    anchor: boolean,
  ): void;

  /** The `source` series value of this bar (§1.1). */
  protected source(o: number, h: number, l: number, c: number, v: number): number {
    return this.sourceId === 0 ? c : selectSource(this.sourceId, o, h, l, c, v);
  }

  /** Records the freshly constructed state so `reset()` can return to it; called once by the factory. */
  sealInitialState(): this {
    this.initialState = encodeFields(this, NOT_STATE);
    return this;
  }

  reset(): void {
    if (this.initialState === undefined) throw new Error('IndicatorBase: sealInitialState was not called');
    decodeFields(this, this.initialState, NOT_STATE, 'state');
    this.barsSeen = 0;
    this.lastTs = Number.NaN;
  }

  snapshot(): IndicatorSnapshot {
    const lastTs = encodeNumber(this.lastTs);
    return {
      schema: SNAPSHOT_SCHEMA,
      name: this.name,
      params: { ...this.params },
      barsSeen: this.barsSeen,
      lastTs: typeof lastTs === 'number' ? lastTs : null,
      state: encodeFields(this, NOT_STATE),
    };
  }

  restore(snapshot: IndicatorSnapshot): void {
    if (snapshot === null || typeof snapshot !== 'object' || snapshot.schema !== SNAPSHOT_SCHEMA) {
      throw snapshotError('schema', `expected '${SNAPSHOT_SCHEMA}'`);
    }
    if (snapshot.name !== this.name) {
      throw snapshotError('name', `snapshot of '${snapshot.name}' cannot restore '${this.name}'`);
    }
    if (canonicalJson(snapshot.params) !== canonicalJson(this.params)) {
      throw snapshotError(
        'params',
        `params ${canonicalJson(snapshot.params)} ≠ ${canonicalJson(this.params)}`,
      );
    }
    if (
      typeof snapshot.barsSeen !== 'number' ||
      !Number.isInteger(snapshot.barsSeen) ||
      snapshot.barsSeen < 0
    ) {
      throw snapshotError('barsSeen', 'expected a non-negative integer');
    }
    const backup = encodeFields(this, NOT_STATE);
    try {
      decodeFields(this, snapshot.state, NOT_STATE, 'state');
    } catch (error) {
      decodeFields(this, backup, NOT_STATE, 'state');
      throw error;
    }
    this.barsSeen = snapshot.barsSeen;
    this.lastTs = snapshot.lastTs === null ? Number.NaN : snapshot.lastTs;
  }
}
