import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { floatParam, intParam } from '../base/params';
import { AtrCore } from '../volatility/Atr';

/**
 * Supertrend (§3 #34, Pine ta.supertrend with the Wilder ATR of #11). direction +1 = up, −1 = down (the opposite
 * sign of Pine's). long/short are an exclusive pair: exactly one is finite per bar.
 */
export class Supertrend extends IndicatorBase {
  private readonly multiplier: number;
  private readonly atr: AtrCore;
  private upperBand = Number.NaN;
  private lowerBand = Number.NaN;
  private trend = Number.NaN;
  private prevClose = Number.NaN;

  constructor(id: IndicatorIdentity) {
    super(id);
    this.multiplier = num(id.params, 'multiplier');
    this.atr = new AtrCore(num(id.params, 'length'));
  }

  step(bar: Float64Array, _t: number): void {
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const a = this.atr.push(h, l, c);
    const pc = this.prevClose;
    this.prevClose = c;
    if (Number.isNaN(a)) return;
    const mid = (h + l) / 2;
    const bu = mid + this.multiplier * a;
    const bl = mid - this.multiplier * a;
    let direction: number;
    if (Number.isNaN(this.trend)) {
      this.upperBand = bu;
      this.lowerBand = bl;
      direction = -1;
    } else {
      const fu = this.upperBand;
      const fl = this.lowerBand;
      const wasUpper = this.trend === fu;
      this.lowerBand = bl > fl || pc < fl ? bl : fl;
      this.upperBand = bu < fu || pc > fu ? bu : fu;
      if (wasUpper) direction = c > this.upperBand ? 1 : -1;
      else direction = c < this.lowerBand ? -1 : 1;
    }
    this.trend = direction === 1 ? this.lowerBand : this.upperBand;
    const out = this.values;
    out[0] = this.trend;
    out[1] = direction;
    out[2] = direction === 1 ? this.trend : Number.NaN;
    out[3] = direction === 1 ? Number.NaN : this.trend;
  }
}

export const supertrend = defineIndicator({
  name: 'supertrend',
  category: 'trend',
  title: 'Supertrend',
  inputs: 'hlc',
  params: [
    intParam('length', 7, 1, 'ATR period'),
    floatParam('multiplier', 3, { min: 0, minExclusive: true, max: 1000 }, 'ATR multiplier of the bands'),
  ],
  outputs: [
    { key: 'trend', fvi: (p) => num(p, 'length') },
    { key: 'direction', type: 'INT', fvi: (p) => num(p, 'length') },
    { key: 'long', fvi: (p) => num(p, 'length') },
    { key: 'short', fvi: (p) => num(p, 'length') },
  ],
  primary: 'trend',
  exclusive: [['long', 'short']],
  cls: 'E',
  lambda: (p) => num(p, 'length'),
  reference: { kind: 'pine', function: 'ta.supertrend (direction sign inverted: +1 = up)' },
  notes:
    'The predecessor started up one bar earlier, compared C with the previous bands and reset them differently: values differ after most flips.',
  create: (id) => new Supertrend(id),
});
