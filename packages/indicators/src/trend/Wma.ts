import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { Ring } from '../base/Ring';
import { selectSource } from '../base/source';

/**
 * Linearly weighted moving average (§3 #3, TA-Lib WMA): the newest bar has weight n. O(1) with the plain and
 * the weighted window sums; both are re-summed from the window every max(n, 128) bars so they never drift.
 */
export class Wma extends IndicatorBase {
  private readonly n: number;
  private readonly window: Ring;
  private readonly divisor: number;
  private plain = 0;
  private weighted = 0;
  private sinceResum = 0;

  constructor(id: IndicatorIdentity) {
    super(id);
    this.n = num(id.params, 'length');
    this.window = new Ring(this.n);
    this.divisor = (this.n * (this.n + 1)) / 2;
  }

  step(bar: Float64Array, _t: number): void {
    const o = bar[BarField.OPEN]!;
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const v = bar[BarField.VOLUME]!;
    const x = selectSource(this.sourceId, o, h, l, c, v);
    const w = this.window;
    if (!w.full) {
      w.push(x);
      this.plain += x;
      this.weighted += w.size * x;
      this.values[0] = w.full ? this.weighted / this.divisor : Number.NaN;
      return;
    }
    // Sliding by one bar lowers every old weight by 1 (−plain) and adds the new bar with weight n.
    this.weighted += this.n * x - this.plain;
    this.plain += x - w.push(x);
    if (++this.sinceResum >= Math.max(this.n, 128)) this.resum();
    this.values[0] = this.weighted / this.divisor;
  }

  private resum(): void {
    let plain = 0;
    let weighted = 0;
    for (let i = 0; i < this.n; i++) {
      const x = this.window.at(i);
      plain += x;
      weighted += (i + 1) * x;
    }
    this.plain = plain;
    this.weighted = weighted;
    this.sinceResum = 0;
  }
}

export const wma = defineIndicator({
  name: 'wma',
  category: 'trend',
  title: 'Weighted moving average',
  inputs: 'src',
  params: [intParam('length', 10, 1, 'window length n (newest weight n)')],
  outputs: [{ key: 'value', fvi: (p) => num(p, 'length') - 1 }],
  cls: 'W',
  reference: { kind: 'talib', function: 'WMA' },
  notes: 'Identical to the predecessor.',
  create: (id) => new Wma(id),
});
