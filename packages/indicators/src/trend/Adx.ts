import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { Ring } from '../base/Ring';
import { WilderSum } from '../base/Wilder';
import { trueRange } from '../volatility/Atr';
import { minusDm, plusDm } from './directional';

/**
 * Average directional index family (§3 #30, TA-Lib ADX, PLUS_DI, MINUS_DI, ADXR). DI from Wilder sums (WSUM) of
 * ±DM and TR; DX undefined (TR sum 0 or DI sum 0) counts 0 in the first mean and leaves adx unchanged later.
 */
export class Adx extends IndicatorBase {
  private readonly n: number;
  private readonly plus: WilderSum;
  private readonly minus: WilderSum;
  private readonly tr: WilderSum;
  private readonly adxHistory: Ring;
  private prevH = Number.NaN;
  private prevL = Number.NaN;
  private prevC = Number.NaN;
  private dxCount = 0;
  private dxSum = 0;
  private adx = Number.NaN;

  constructor(id: IndicatorIdentity) {
    super(id);
    this.n = num(id.params, 'length');
    this.plus = new WilderSum(this.n);
    this.minus = new WilderSum(this.n);
    this.tr = new WilderSum(this.n);
    this.adxHistory = new Ring(this.n);
  }

  step(bar: Float64Array, t: number): void {
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const ph = this.prevH;
    const pl = this.prevL;
    const pc = this.prevC;
    this.prevH = h;
    this.prevL = l;
    this.prevC = c;
    if (Number.isNaN(pc)) return;
    const sp = this.plus.push(plusDm(h, l, ph, pl));
    const sm = this.minus.push(minusDm(h, l, ph, pl));
    const st = this.tr.push(trueRange(h, l, pc));
    if (t < this.n) return;
    const n = this.n;
    let dmp = 0;
    let dmn = 0;
    let dx = Number.NaN;
    if (st !== 0) {
      dmp = 100 * (sp / st);
      dmn = 100 * (sm / st);
      const sum = dmp + dmn;
      if (sum !== 0) dx = 100 * (Math.abs(dmp - dmn) / sum);
    }
    this.values[1] = dmp;
    this.values[2] = dmn;
    if (this.dxCount < n) {
      this.dxCount++;
      if (!Number.isNaN(dx)) this.dxSum += dx;
      if (this.dxCount < n) return;
      this.adx = this.dxSum / n;
    } else if (!Number.isNaN(dx)) {
      this.adx = (this.adx * (n - 1) + dx) / n;
    }
    this.values[0] = this.adx;
    this.adxHistory.push(this.adx);
    if (this.adxHistory.full) this.values[3] = (this.adx + this.adxHistory.oldest()) / 2;
  }
}

export const adx = defineIndicator({
  name: 'adx',
  category: 'trend',
  title: 'Average directional index (+DI, −DI, ADXR)',
  inputs: 'hlc',
  params: [intParam('length', 14, 2, 'Wilder period n')],
  outputs: [
    { key: 'adx', fvi: (p) => 2 * num(p, 'length') - 1 },
    { key: 'dmp', fvi: (p) => num(p, 'length') },
    { key: 'dmn', fvi: (p) => num(p, 'length') },
    { key: 'adxr', fvi: (p) => 3 * num(p, 'length') - 2 },
  ],
  primary: 'adx',
  cls: 'E',
  lambda: (p) => 2 * num(p, 'length'),
  reference: { kind: 'talib', function: 'ADX, PLUS_DI, MINUS_DI, ADXR' },
  notes:
    'Early values differ from the predecessor (seeding), then converge; its backtest adxr used lag 2 (permanently different).',
  create: (id) => new Adx(id),
});
