import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { WilderAverage } from '../base/Wilder';

/** True range of §1.4: max(H−L, |H−C′|, |L−C′|), defined from the second bar (NaN on the first). */
export function trueRange(h: number, l: number, prevClose: number): number {
  let tr = h - l;
  const a = Math.abs(prevClose - h);
  if (a > tr) tr = a;
  const b = Math.abs(l - prevClose);
  return Math.max(b, tr);
}

/** WAVG_n of the true range from bar 1 (§3 #11, TA-Lib ATR); also the ATR stage of natr and supertrend. */
export class AtrCore {
  private readonly avg: WilderAverage;
  private prevClose = Number.NaN;
  value = Number.NaN;

  constructor(n: number) {
    this.avg = new WilderAverage(n);
  }

  push(h: number, l: number, c: number): number {
    const pc = this.prevClose;
    this.prevClose = c;
    if (!Number.isNaN(pc)) this.value = this.avg.push(trueRange(h, l, pc));
    return this.value;
  }
}

export class Atr extends IndicatorBase {
  private readonly atr: AtrCore;

  constructor(id: IndicatorIdentity) {
    super(id);
    this.atr = new AtrCore(num(id.params, 'length'));
  }

  step(bar: Float64Array, _t: number): void {
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    this.values[0] = this.atr.push(h, l, c);
  }
}

export const atr = defineIndicator({
  name: 'atr',
  category: 'volatility',
  title: 'Average true range (Wilder)',
  inputs: 'hlc',
  params: [intParam('length', 14, 1, 'Wilder period n; 1 gives the true range from bar 1')],
  outputs: [{ key: 'value', fvi: (p) => num(p, 'length') }],
  cls: 'E',
  lambda: (p) => num(p, 'length'),
  reference: { kind: 'talib', function: 'ATR' },
  notes: 'The predecessor included TR[0] = H0 − L0 and started at n−1; values converge.',
  create: (id) => new Atr(id),
});
