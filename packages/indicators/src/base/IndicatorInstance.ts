import { canonicalJson } from '@trade/core';
import { IndicatorError, IndicatorErrorCode } from '../errors';
import type { IndicatorIdentity } from './define';
import type { IndicatorBase } from './IndicatorBase';
import { decodeFields, encodeFields, encodeNumber, snapshotError } from './state-codec';
import type { Bar, Indicator, IndicatorParams, IndicatorSnapshot } from './types';

/** Kernel fields that are configuration, not state. */
const KERNEL_CONFIG: ReadonlySet<string> = new Set(['sourceId']);

export const SNAPSHOT_SCHEMA = 'trade.indicator/1';

function inputError(name: string, ts: number, field: string, value: number): IndicatorError {
  return new IndicatorError(
    IndicatorErrorCode.Input,
    `indicator '${name}': bar ${Number.isFinite(ts) ? ts : '?'} has ${field} = ${value}`,
    { kind: 'data', path: field, hint: 'feed only closed bars with finite OHLC and volume ≥ 0' },
  );
}

/**
 * The incremental instance of indicators.md §5.2 around one kernel. It is a single class for all 44
 * indicators, so its own fields stay monomorphic in every caller (engine loops, computeMany).
 */
export class IndicatorInstance implements Indicator {
  readonly name: string;
  readonly params: IndicatorParams;
  readonly outputKeys: readonly string[];
  readonly fvi: number;
  readonly values: Float64Array;
  barsSeen = 0;
  lastTs = Number.NaN;
  private readonly kernel: IndicatorBase;
  /** The current bar, in BarField slots (see IndicatorBase for why not arguments). */
  private readonly bar = new Float64Array(6);
  private readonly initialState: Record<string, unknown>;

  constructor(identity: IndicatorIdentity, kernel: IndicatorBase) {
    this.name = identity.name;
    this.params = identity.params;
    this.outputKeys = identity.outputKeys;
    this.fvi = identity.fvi;
    this.kernel = kernel;
    this.values = kernel.values;
    this.initialState = encodeFields(kernel, KERNEL_CONFIG);
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
    // One test on the hot path: the sum is finite when every field is (an overflow falls through to the exact
    // per-field checks, which then pass).
    if (!Number.isFinite(ts + o + h + l + c + v) || !(v >= 0)) this.checkFields(ts, o, h, l, c, v);
    if (this.barsSeen > 0 && !(ts > this.lastTs)) {
      throw new IndicatorError(
        IndicatorErrorCode.TsOrder,
        `indicator '${this.name}': bar ts ${ts} is not after the previous bar ts ${this.lastTs}`,
        { kind: 'data', path: 'ts', hint: 'feed closed bars once each, in strictly increasing ts' },
      );
    }
    const bar = this.bar;
    bar[0] = ts;
    bar[1] = o;
    bar[2] = h;
    bar[3] = l;
    bar[4] = c;
    bar[5] = v;
    this.kernel.step(bar, this.barsSeen, anchor);
    this.barsSeen++;
    this.lastTs = ts;
  }

  private checkFields(ts: number, o: number, h: number, l: number, c: number, v: number): void {
    if (!Number.isFinite(ts)) throw inputError(this.name, ts, 'ts', ts);
    if (!Number.isFinite(o)) throw inputError(this.name, ts, 'open', o);
    if (!Number.isFinite(h)) throw inputError(this.name, ts, 'high', h);
    if (!Number.isFinite(l)) throw inputError(this.name, ts, 'low', l);
    if (!Number.isFinite(c)) throw inputError(this.name, ts, 'close', c);
    if (!(v >= 0) || v === Number.POSITIVE_INFINITY) throw inputError(this.name, ts, 'volume', v);
  }

  reset(): void {
    decodeFields(this.kernel, this.initialState, KERNEL_CONFIG, 'state');
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
      state: encodeFields(this.kernel, KERNEL_CONFIG),
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
    if (snapshot.lastTs !== null && typeof snapshot.lastTs !== 'number') {
      throw snapshotError('lastTs', 'expected a number or null');
    }
    const backup = encodeFields(this.kernel, KERNEL_CONFIG);
    try {
      decodeFields(this.kernel, snapshot.state, KERNEL_CONFIG, 'state');
    } catch (error) {
      decodeFields(this.kernel, backup, KERNEL_CONFIG, 'state');
      throw error;
    }
    this.barsSeen = snapshot.barsSeen;
    this.lastTs = snapshot.lastTs === null ? Number.NaN : snapshot.lastTs;
  }
}
