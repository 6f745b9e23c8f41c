import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { floatParam, intParam } from '../base/params';
import { Ring } from '../base/Ring';
import { RollingMoments } from '../base/RollingMoments';
import { RollingSum } from '../base/RollingSum';

const MOM_LENGTH = 12;
const SQZ_SMOOTH = 6;

/**
 * Squeeze (§3 #36, ours): Bollinger bands (population σ) inside/outside an SMA-based Keltner channel, plus
 * sqz = SMA_6(MOM_12(C)). Flags are NaN before their FVI.
 */
export class Squeeze extends IndicatorBase {
  private readonly bb: RollingMoments;
  private readonly bbStd: number;
  private readonly kcBasis: RollingSum;
  private readonly kcRange: RollingSum;
  private readonly kcScalar: number;
  private readonly closes: Ring;
  private readonly momSma: RollingSum;
  /** Slot 0: momentum; slot 1: true range (typed-array slots feed the helpers, see MonoDeque.pushFrom). */
  private readonly scratch = new Float64Array(2);
  private prevClose = Number.NaN;

  constructor(id: IndicatorIdentity) {
    super(id);
    this.bb = new RollingMoments(num(id.params, 'bb_length'));
    this.bbStd = num(id.params, 'bb_std');
    this.kcBasis = new RollingSum(num(id.params, 'kc_length'));
    this.kcRange = new RollingSum(num(id.params, 'kc_length'));
    this.kcScalar = num(id.params, 'kc_scalar');
    this.closes = new Ring(MOM_LENGTH + 1);
    this.momSma = new RollingSum(SQZ_SMOOTH);
  }

  step(bar: Float64Array, _t: number): void {
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const io = this.scratch;
    this.closes.pushFrom(bar, BarField.CLOSE);
    if (this.closes.full) {
      io[0] = c - this.closes.first;
      this.momSma.pushFrom(io, 0);
      if (this.momSma.full) this.values[0] = this.momSma.sum / SQZ_SMOOTH;
    }
    this.bb.pushFrom(bar, BarField.CLOSE);
    this.kcBasis.pushFrom(bar, BarField.CLOSE);
    const pc = this.prevClose;
    this.prevClose = c;
    if (!Number.isNaN(pc)) {
      // trueRange (Atr.ts) written out: a helper call V8 does not inline boxes its doubles.
      let tr = h - l;
      const a = Math.abs(pc - h);
      if (a > tr) tr = a;
      io[1] = Math.max(Math.abs(l - pc), tr);
      this.kcRange.pushFrom(io, 1);
    }
    if (!this.bb.full || !this.kcRange.full) return;
    const bbMid = this.bb.mean;
    const bbWidth = Math.sqrt(this.bb.variance) * this.bbStd;
    const bbLower = bbMid - bbWidth;
    const bbUpper = bbMid + bbWidth;
    const kcMid = this.kcBasis.sum / this.kcBasis.n;
    const kcWidth = this.kcScalar * (this.kcRange.sum / this.kcRange.n);
    const kcLower = kcMid - kcWidth;
    const kcUpper = kcMid + kcWidth;
    const on = bbLower > kcLower && bbUpper < kcUpper ? 1 : 0;
    const off = bbLower < kcLower && bbUpper > kcUpper ? 1 : 0;
    this.values[1] = on;
    this.values[2] = off;
    this.values[3] = on === 0 && off === 0 ? 1 : 0;
  }
}

export const squeeze = defineIndicator({
  name: 'squeeze',
  category: 'momentum',
  title: 'Squeeze (Bollinger inside Keltner)',
  inputs: 'hlc',
  params: [
    intParam('bb_length', 20, 2, 'Bollinger window'),
    intParam('kc_length', 20, 2, 'Keltner (SMA) window'),
    floatParam('bb_std', 2, { min: 0, minExclusive: true, max: 100 }, 'Bollinger width in population σ'),
    floatParam('kc_scalar', 1.5, { min: 0, minExclusive: true, max: 1000 }, 'Keltner range multiplier'),
  ],
  outputs: [
    { key: 'sqz', fvi: () => MOM_LENGTH + SQZ_SMOOTH - 1 },
    ...['on', 'off', 'no_sqz'].map((key) => ({
      key,
      type: 'INT' as const,
      fvi: (p: Record<string, unknown>) => Math.max((p.bb_length as number) - 1, p.kc_length as number),
    })),
  ],
  primary: 'sqz',
  cls: 'W',
  reference: { kind: 'definition', function: 'indicators.md §3 #36 (sqz = TA-Lib SMA(MOM(close, 12), 6))' },
  notes:
    'Population σ in the bands (the predecessor: sample σ, flags flip near the boundary); flags are NaN before readiness (the predecessor reported 0/0/0 or 0/0/1).',
  create: (id) => new Squeeze(id),
});
