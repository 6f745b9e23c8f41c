import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { RollingSum } from '../base/RollingSum';
import { SeededEma } from '../base/SeededEma';
import { selectSource } from '../base/source';

/**
 * Percentage price oscillator (§3 #42): TA-Lib PPO with SMAs, 0 when the slow SMA is 0; signal = EMA_signal(ppo)
 * (ours, §1.4 seeding) and histogram = ppo − signal.
 */
export class Ppo extends IndicatorBase {
  private readonly fast: RollingSum;
  private readonly slow: RollingSum;
  private readonly signal: SeededEma;

  constructor(id: IndicatorIdentity) {
    super(id);
    this.fast = new RollingSum(num(id.params, 'fast'));
    this.slow = new RollingSum(num(id.params, 'slow'));
    this.signal = new SeededEma(num(id.params, 'signal'));
  }

  step(bar: Float64Array, _t: number): void {
    const o = bar[BarField.OPEN]!;
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const v = bar[BarField.VOLUME]!;
    const x = selectSource(this.sourceId, o, h, l, c, v);
    this.fast.push(x);
    this.slow.push(x);
    if (!this.slow.full) return;
    const slowMa = this.slow.sum / this.slow.n;
    const fastMa = this.fast.sum / this.fast.n;
    const ppo = slowMa === 0 ? 0 : ((fastMa - slowMa) / slowMa) * 100;
    this.values[0] = ppo;
    const signal = this.signal.push(ppo);
    if (!this.signal.ready) return;
    this.values[1] = signal;
    this.values[2] = ppo - signal;
  }
}

export const ppo = defineIndicator({
  name: 'ppo',
  category: 'momentum',
  title: 'Percentage price oscillator',
  inputs: 'src',
  params: [
    intParam('fast', 12, 2, 'fast SMA period'),
    intParam('slow', 26, 2, 'slow SMA period'),
    intParam('signal', 9, 1, 'signal EMA period'),
  ],
  relations: [
    { params: ['fast', 'slow'], rule: 'fast < slow', holds: (p) => num(p, 'fast') < num(p, 'slow') },
  ],
  outputs: [
    { key: 'ppo', fvi: (p) => num(p, 'slow') - 1 },
    { key: 'signal', fvi: (p) => num(p, 'slow') + num(p, 'signal') - 2 },
    { key: 'histogram', fvi: (p) => num(p, 'slow') + num(p, 'signal') - 2 },
  ],
  primary: 'ppo',
  cls: 'E',
  lambda: (p) => (num(p, 'signal') + 1) / 2,
  reference: { kind: 'talib', function: 'PPO (MA type SMA); signal and histogram ours' },
  notes: 'The predecessor seeded the signal with the first ppo value; early values differ, converge.',
  create: (id) => new Ppo(id),
});
