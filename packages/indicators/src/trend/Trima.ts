import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { RollingSum } from '../base/RollingSum';
import { selectSource } from '../base/source';

/**
 * Triangular moving average (§3 #6, TA-Lib TRIMA): odd n = SMA_m(SMA_m(x)) with m = (n+1)/2; even n =
 * SMA_{n/2+1}(SMA_{n/2}(x)). FVI n−1 in both cases.
 */
export class Trima extends IndicatorBase {
  private readonly inner: RollingSum;
  private readonly outer: RollingSum;

  constructor(id: IndicatorIdentity) {
    super(id);
    const n = num(id.params, 'length');
    const innerLength = n % 2 === 1 ? (n + 1) / 2 : n / 2;
    const outerLength = n % 2 === 1 ? (n + 1) / 2 : n / 2 + 1;
    this.inner = new RollingSum(innerLength);
    this.outer = new RollingSum(outerLength);
  }

  step(bar: Float64Array, _t: number): void {
    const o = bar[BarField.OPEN]!;
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const v = bar[BarField.VOLUME]!;
    this.inner.push(selectSource(this.sourceId, o, h, l, c, v));
    if (!this.inner.full) return;
    this.outer.push(this.inner.sum / this.inner.n);
    if (this.outer.full) this.values[0] = this.outer.sum / this.outer.n;
  }
}

export const trima = defineIndicator({
  name: 'trima',
  category: 'trend',
  title: 'Triangular moving average',
  inputs: 'src',
  params: [intParam('length', 10, 2, 'window length n')],
  outputs: [{ key: 'value', fvi: (p) => num(p, 'length') - 1 }],
  cls: 'W',
  reference: { kind: 'talib', function: 'TRIMA' },
  notes:
    'Odd n identical to the predecessor. Even n is permanently different: the predecessor used SMA_{n/2}(SMA_{n/2}) (FVI n−2).',
  create: (id) => new Trima(id),
});
