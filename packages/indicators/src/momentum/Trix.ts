import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { RollingSum } from '../base/RollingSum';
import { SeededEma } from '../base/SeededEma';
import { selectSource } from '../base/source';

/**
 * TRIX (§3 #43): 100·(E3/E3′ − 1) of a triple SMA-seeded EMA (TA-Lib TRIX), 0 when E3′ = 0; signal =
 * SMA_signal(trix) (ours).
 */
export class Trix extends IndicatorBase {
  private readonly e1: SeededEma;
  private readonly e2: SeededEma;
  private readonly e3: SeededEma;
  private readonly signal: RollingSum;
  private prevE3 = Number.NaN;

  constructor(id: IndicatorIdentity) {
    super(id);
    const n = num(id.params, 'length');
    this.e1 = new SeededEma(n);
    this.e2 = new SeededEma(n);
    this.e3 = new SeededEma(n);
    this.signal = new RollingSum(num(id.params, 'signal'));
  }

  step(bar: Float64Array, _t: number): void {
    const o = bar[BarField.OPEN]!;
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const v = bar[BarField.VOLUME]!;
    const e1 = this.e1.push(selectSource(this.sourceId, o, h, l, c, v));
    if (!this.e1.ready) return;
    const e2 = this.e2.push(e1);
    if (!this.e2.ready) return;
    const e3 = this.e3.push(e2);
    if (!this.e3.ready) return;
    const prev = this.prevE3;
    this.prevE3 = e3;
    if (Number.isNaN(prev)) return;
    const trix = prev === 0 ? 0 : (e3 / prev - 1) * 100;
    this.values[0] = trix;
    this.signal.push(trix);
    if (this.signal.full) this.values[1] = this.signal.sum / this.signal.n;
  }
}

export const trix = defineIndicator({
  name: 'trix',
  category: 'momentum',
  title: 'TRIX (triple-smoothed rate of change)',
  inputs: 'src',
  params: [intParam('length', 30, 2, 'EMA period n'), intParam('signal', 9, 1, 'signal SMA period')],
  outputs: [
    { key: 'trix', fvi: (p) => 3 * num(p, 'length') - 2 },
    { key: 'signal', fvi: (p) => 3 * num(p, 'length') + num(p, 'signal') - 3 },
  ],
  primary: 'trix',
  cls: 'E',
  lambda: (p) => 1.5 * (num(p, 'length') + 1),
  reference: { kind: 'talib', function: 'TRIX; signal ours (SMA)' },
  notes:
    'The predecessor seeded the inner EMAs with their first value (trix from n); early values differ, converge.',
  create: (id) => new Trix(id),
});
