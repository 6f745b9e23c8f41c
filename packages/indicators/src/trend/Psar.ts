import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import type { ParamSpec } from '../base/types';

/**
 * Parabolic SAR (§3 #35, TA-Lib SAR): starts on bar 1 (short if −DM[1] > 0, else long), reverses when a bar
 * touches the SAR (≤ / ≥), clamps the next SAR with the two latest bars. long/short are an exclusive pair.
 */
export class Psar extends IndicatorBase {
  private readonly af0: number;
  private readonly maxAf: number;
  private isLong = true;
  private sar = Number.NaN;
  private ep = Number.NaN;
  private af = 0;
  private prevH = Number.NaN;
  private prevL = Number.NaN;

  constructor(id: IndicatorIdentity) {
    super(id);
    this.af0 = num(id.params, 'af0');
    this.maxAf = num(id.params, 'max_af');
  }

  step(bar: Float64Array, t: number): void {
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    if (t === 0) {
      this.prevH = h;
      this.prevL = l;
      return;
    }
    if (t === 1) {
      // −DM of bar 1 decides the start; the "previous" bar of the first step is bar 1 itself.
      const up = h - this.prevH;
      const dn = this.prevL - l;
      this.isLong = !(dn > 0 && dn > up);
      this.ep = this.isLong ? h : l;
      this.sar = this.isLong ? this.prevL : this.prevH;
      this.af = this.af0;
      this.prevH = h;
      this.prevL = l;
    }
    const ph = this.prevH;
    const pl = this.prevL;
    let value: number;
    let reversal = 0;
    if (this.isLong) {
      if (l <= this.sar) {
        reversal = 1;
        this.isLong = false;
        value = Math.max(this.ep, ph, h);
        this.af = this.af0;
        this.ep = l;
        this.sar = Math.max(value + this.af * (this.ep - value), ph, h);
      } else {
        value = this.sar;
        if (h > this.ep) {
          this.ep = h;
          this.af = Math.min(this.af + this.af0, this.maxAf);
        }
        this.sar = Math.min(this.sar + this.af * (this.ep - this.sar), pl, l);
      }
    } else if (h >= this.sar) {
      reversal = 1;
      this.isLong = true;
      value = Math.min(this.ep, pl, l);
      this.af = this.af0;
      this.ep = h;
      this.sar = Math.min(value + this.af * (this.ep - value), pl, l);
    } else {
      value = this.sar;
      if (l < this.ep) {
        this.ep = l;
        this.af = Math.min(this.af + this.af0, this.maxAf);
      }
      this.sar = Math.max(this.sar + this.af * (this.ep - this.sar), ph, h);
    }
    this.prevH = h;
    this.prevL = l;
    const out = this.values;
    // After a reversal the position is the new one: a long position shows its SAR in `long`.
    out[0] = this.isLong ? value : Number.NaN;
    out[1] = this.isLong ? Number.NaN : value;
    out[2] = this.af;
    out[3] = reversal;
  }
}

const AF_RANGE = { min: 0, minExclusive: true, max: 1 } as const;

const PARAMS: readonly ParamSpec[] = [
  { key: 'af0', type: 'float', default: 0.02, ...AF_RANGE, doc: 'initial and step acceleration factor' },
  { key: 'af', type: 'alias', of: 'af0', doc: 'old name of af0 (used when af0 is absent)' },
  { key: 'max_af', type: 'float', default: 0.2, ...AF_RANGE, doc: 'maximum acceleration factor' },
];

export const psar = defineIndicator({
  name: 'psar',
  category: 'trend',
  title: 'Parabolic SAR',
  inputs: 'hl',
  params: PARAMS,
  relations: [
    { params: ['af0', 'max_af'], rule: 'af0 ≤ max_af', holds: (p) => num(p, 'af0') <= num(p, 'max_af') },
  ],
  outputs: [
    { key: 'long', fvi: () => 1 },
    { key: 'short', fvi: () => 1 },
    { key: 'af', fvi: () => 1 },
    { key: 'reversal', type: 'INT', fvi: () => 1 },
  ],
  primary: 'long',
  exclusive: [['long', 'short']],
  cls: 'C',
  reference: { kind: 'talib', function: 'SAR(acceleration = af0, maximum = max_af)' },
  notes:
    'The predecessor started at bar 0 with sar = C0 and clamped with one previous bar (TA-Lib uses two): values differ in the first bars and whenever the second clamp binds.',
  create: (id) => new Psar(id),
});
