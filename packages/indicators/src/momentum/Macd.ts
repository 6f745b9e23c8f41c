import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { SeededEma } from '../base/SeededEma';
import { selectSource } from '../base/source';

/**
 * MACD with TA-Lib's alignment (§3 #26): the fast EMA is seeded on the same bar as the slow one (t = slow−1)
 * with the mean of the last `fast` inputs; the signal EMA is seeded on the first `signal` line values; all
 * three outputs are published from slow + signal − 2.
 */
export class Macd extends IndicatorBase {
  private readonly fast: number;
  private readonly slow: number;
  private readonly kFast: number;
  private readonly slowEma: SeededEma;
  private readonly signalEma: SeededEma;
  private fastSeedSum = 0;
  private fastEma = Number.NaN;

  constructor(id: IndicatorIdentity) {
    super(id);
    this.fast = num(id.params, 'fast');
    this.slow = num(id.params, 'slow');
    this.kFast = 2 / (this.fast + 1);
    this.slowEma = new SeededEma(this.slow);
    this.signalEma = new SeededEma(num(id.params, 'signal'));
  }

  step(bar: Float64Array, t: number): void {
    const o = bar[BarField.OPEN]!;
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const v = bar[BarField.VOLUME]!;
    const x = selectSource(this.sourceId, o, h, l, c, v);
    const slowValue = this.slowEma.push(x);
    if (t < this.slow - 1) {
      if (t >= this.slow - this.fast) this.fastSeedSum += x;
      return;
    }
    if (t === this.slow - 1) this.fastEma = (this.fastSeedSum + x) / this.fast;
    else this.fastEma = (x - this.fastEma) * this.kFast + this.fastEma;
    const line = this.fastEma - slowValue;
    const signal = this.signalEma.push(line);
    if (!this.signalEma.ready) return;
    this.values[0] = line;
    this.values[1] = signal;
    this.values[2] = line - signal;
  }
}

export const macd = defineIndicator({
  name: 'macd',
  category: 'momentum',
  title: 'Moving average convergence divergence',
  inputs: 'src',
  params: [
    intParam('fast', 12, 2, 'fast EMA period'),
    intParam('slow', 26, 2, 'slow EMA period'),
    intParam('signal', 9, 1, 'signal EMA period'),
  ],
  relations: [
    { params: ['fast', 'slow'], rule: 'fast < slow', holds: (p) => num(p, 'fast') < num(p, 'slow') },
  ],
  outputs: ['macd', 'signal', 'histogram'].map((key) => ({
    key,
    fvi: (p) => num(p, 'slow') + num(p, 'signal') - 2,
  })),
  primary: 'macd',
  cls: 'E',
  lambda: (p) => (num(p, 'slow') + 1) / 2 + (num(p, 'signal') + 1) / 2,
  reference: { kind: 'talib', function: 'MACD' },
  notes:
    'The predecessor seeded the fast EMA at fast−1 and published the line from slow−1; early values differ, converge.',
  create: (id) => new Macd(id),
});
