import type { CompiledPlay, EvalContext, PositionField } from '@trade/play';
import type { TfSeries } from '../timeframes/tf-series';
import type { TimeframeBank, ValueColumn } from './timeframe-bank';

enum SlotKind {
  Column = 0,
  BarField = 1,
  Funding = 2,
  Missing = 3,
}

/** Position values conditions can read, refreshed by the engine after every fill and at every tick. */
export class PositionFields {
  /** Indexed by `PositionField`. */
  readonly values = new Float64Array(9).fill(Number.NaN);

  setFlat(pendingEntry: boolean): void {
    this.values.fill(Number.NaN);
    this.values[0] = 0;
    this.values[1] = 0;
    this.values[2] = pendingEntry ? 1 : 0;
  }
}

/** The funding settlements visible to conditions (`funding_rate`, `engine.md` §5). */
export interface FundingSeries {
  readonly ts: ArrayLike<number>;
  readonly rates: ArrayLike<number>;
}

/**
 * `EvalContext` over the engine's series (`engine.md` §5): a value at instant t comes from the last bar of its
 * series whose close is at or before t, `offset` bars back; anything else is MISSING (NaN).
 */
export class EngineEvalContext implements EvalContext {
  private readonly kind: Uint8Array;
  private readonly series: (TfSeries | null)[];
  private readonly columns: (Float64Array | ValueColumn | null)[];

  constructor(
    compiled: CompiledPlay,
    banks: ReadonlyMap<string, TimeframeBank>,
    minute: TfSeries,
    markMinute: TfSeries,
    private readonly funding: FundingSeries,
    readonly positionFields: PositionFields,
  ) {
    const n = compiled.slots.length;
    this.kind = new Uint8Array(n);
    this.series = new Array(n).fill(null);
    this.columns = new Array(n).fill(null);
    for (const slot of compiled.slots) {
      const i = slot.index;
      switch (slot.source) {
        case 'feature':
        case 'structure': {
          const bank = banks.get(slot.tf!)!;
          this.kind[i] = SlotKind.Column;
          this.series[i] = bank.series;
          this.columns[i] = bank.bind(slot.source, slot.id, slot.fieldIndex);
          break;
        }
        case 'bar': {
          const bank = banks.get(slot.tf!)!;
          this.kind[i] = SlotKind.BarField;
          this.series[i] = bank.series;
          this.columns[i] = null;
          break;
        }
        case 'last_price':
          this.kind[i] = SlotKind.BarField;
          this.series[i] = minute;
          break;
        case 'mark_price':
          this.kind[i] = SlotKind.BarField;
          this.series[i] = markMinute;
          break;
        case 'funding_rate':
          this.kind[i] = SlotKind.Funding;
          break;
        default:
          // open_interest: not stored for runs yet, always MISSING.
          this.kind[i] = SlotKind.Missing;
      }
    }
    this.fieldOf = compiled.slots.map((s) => (s.source === 'bar' ? s.field : 'close'));
  }

  private readonly fieldOf: readonly string[];

  valueAt(slot: number, t: number, offset: number): number {
    switch (this.kind[slot]) {
      case SlotKind.Column: {
        const s = this.series[slot]!;
        const i = s.visibleIndex(t) - offset;
        if (i < 0) return Number.NaN;
        const v = (this.columns[slot] as ValueColumn).values[i]!;
        return Number.isFinite(v) ? v : Number.NaN;
      }
      case SlotKind.BarField: {
        const s = this.series[slot]!;
        const i = s.visibleIndex(t) - offset;
        if (i < 0) return Number.NaN;
        switch (this.fieldOf[slot]) {
          case 'open':
            return s.open[i]!;
          case 'high':
            return s.high[i]!;
          case 'low':
            return s.low[i]!;
          case 'volume':
            return s.volume[i]!;
          default:
            return s.close[i]!;
        }
      }
      case SlotKind.Funding: {
        const ts = this.funding.ts;
        let lo = 0;
        let hi = ts.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (ts[mid]! <= t) lo = mid + 1;
          else hi = mid;
        }
        const i = lo - 1 - offset;
        return i >= 0 ? this.funding.rates[i]! : Number.NaN;
      }
      default:
        return Number.NaN;
    }
  }

  position(field: PositionField): number {
    return this.positionFields.values[field]!;
  }
}
