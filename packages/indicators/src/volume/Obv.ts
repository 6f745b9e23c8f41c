import { defineIndicator } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { selectSource } from '../base/source';

/** On-balance volume (§3 #18, TA-Lib OBV): starts at V[0], ±V by the sign of the source change. */
export class Obv extends IndicatorBase {
  private obv = Number.NaN;
  private prev = Number.NaN;

  step(bar: Float64Array, _t: number): void {
    const o = bar[BarField.OPEN]!;
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const v = bar[BarField.VOLUME]!;
    const x = selectSource(this.sourceId, o, h, l, c, v);
    if (Number.isNaN(this.prev)) this.obv = v;
    else if (x > this.prev) this.obv += v;
    else if (x < this.prev) this.obv -= v;
    this.prev = x;
    this.values[0] = this.obv;
  }
}

export const obv = defineIndicator({
  name: 'obv',
  category: 'volume',
  title: 'On-balance volume',
  inputs: 'src+v',
  params: [],
  outputs: [{ key: 'value', fvi: () => 0 }],
  cls: 'C',
  reference: { kind: 'talib', function: 'OBV(source, volume)' },
  notes:
    'Starts at V[0] on bar 0 (TA-Lib): our values = the predecessor’s + V[first bar]; differences are identical.',
  create: (id) => new Obv(id),
});
