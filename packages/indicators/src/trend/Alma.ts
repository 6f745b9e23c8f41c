import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { floatParam, intParam } from '../base/params';
import { Ring } from '../base/Ring';
import { selectSource } from '../base/source';

/**
 * Arnaud Legoux moving average (§3 #9, Pine `ta.alma`): Gaussian weights centred at offset·(n−1) (floored when
 * `floor`), width n/sigma; O(n) per bar over precomputed weights (allowed by §5.3).
 */
export class Alma extends IndicatorBase {
  private readonly window: Ring;
  private readonly weights: Float64Array;
  private readonly norm: number;

  constructor(id: IndicatorIdentity) {
    super(id);
    const n = num(id.params, 'length');
    let m = num(id.params, 'offset') * (n - 1);
    if (id.params.floor === true) m = Math.floor(m);
    const s = n / num(id.params, 'sigma');
    this.window = new Ring(n);
    this.weights = new Float64Array(n);
    let norm = 0;
    for (let i = 0; i < n; i++) {
      const w = Math.exp((-1 * (i - m) ** 2) / (2 * s ** 2));
      this.weights[i] = w;
      norm += w;
    }
    this.norm = norm;
  }

  step(bar: Float64Array, _t: number): void {
    const o = bar[BarField.OPEN]!;
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const v = bar[BarField.VOLUME]!;
    const w = this.window;
    w.push(selectSource(this.sourceId, o, h, l, c, v));
    if (!w.full) return;
    let sum = 0;
    for (let i = 0; i < w.capacity; i++) sum += w.at(i) * this.weights[i]!;
    this.values[0] = sum / this.norm;
  }
}

export const alma = defineIndicator({
  name: 'alma',
  category: 'trend',
  title: 'Arnaud Legoux moving average',
  inputs: 'src',
  params: [
    intParam('length', 9, 2, 'window length n'),
    floatParam(
      'offset',
      0.85,
      { min: 0, minExclusive: false, max: 1 },
      'centre of the Gaussian as a fraction of n−1',
    ),
    floatParam('sigma', 6, { min: 0, minExclusive: true, max: 100 }, 'sharpness: width = n/sigma'),
    {
      key: 'floor',
      type: 'bool',
      default: false,
      doc: 'floor the centre offset·(n−1) (the predecessor always did)',
    },
  ],
  outputs: [{ key: 'value', fvi: (p) => num(p, 'length') - 1 }],
  cls: 'W',
  reference: { kind: 'pine', function: 'ta.alma' },
  notes:
    'The predecessor always floored the centre (set floor: true to reproduce) and ignored a fractional offset.',
  create: (id) => new Alma(id),
});
