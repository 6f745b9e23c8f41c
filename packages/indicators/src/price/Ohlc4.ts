import { defineIndicator } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';

/** (O + H + L + C)/4 of each bar (§3 #23, TA-Lib AVGPRICE). */
export class Ohlc4 extends IndicatorBase {
  step(bar: Float64Array, _t: number): void {
    const o = bar[BarField.OPEN]!;
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    this.values[0] = (o + h + l + c) / 4;
  }
}

export const ohlc4 = defineIndicator({
  name: 'ohlc4',
  category: 'price',
  title: 'Average price (O+H+L+C)/4',
  inputs: 'ohlc',
  params: [],
  outputs: [{ key: 'value', fvi: () => 0 }],
  cls: 'W',
  reference: { kind: 'talib', function: 'AVGPRICE' },
  notes: 'Identical to the predecessor (which stayed NaN live).',
  create: (id) => new Ohlc4(id),
});
