import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { SeededEma } from '../base/SeededEma';
import { selectSource } from '../base/source';

/**
 * True strength index (§3 #40, TradingView "True Strength Index"): 100·EMA_fast(EMA_slow(Δx)) /
 * EMA_fast(EMA_slow(|Δx|)), 0 when the denominator is 0; signal = EMA_signal(tsi). Every EMA is SMA-seeded.
 */
export class Tsi extends IndicatorBase {
  private readonly numSlow: SeededEma;
  private readonly numFast: SeededEma;
  private readonly denSlow: SeededEma;
  private readonly denFast: SeededEma;
  private readonly signal: SeededEma;
  private prev = Number.NaN;

  constructor(id: IndicatorIdentity) {
    super(id);
    const fast = num(id.params, 'fast');
    const slow = num(id.params, 'slow');
    this.numSlow = new SeededEma(slow);
    this.numFast = new SeededEma(fast);
    this.denSlow = new SeededEma(slow);
    this.denFast = new SeededEma(fast);
    this.signal = new SeededEma(num(id.params, 'signal'));
  }

  step(bar: Float64Array, _t: number): void {
    const o = bar[BarField.OPEN]!;
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const v = bar[BarField.VOLUME]!;
    const x = selectSource(this.sourceId, o, h, l, c, v);
    const prev = this.prev;
    this.prev = x;
    if (Number.isNaN(prev)) return;
    const pc = x - prev;
    const ns = this.numSlow.push(pc);
    const ds = this.denSlow.push(Math.abs(pc));
    if (!this.numSlow.ready) return;
    const nf = this.numFast.push(ns);
    const df = this.denFast.push(ds);
    if (!this.numFast.ready) return;
    const tsi = df === 0 ? 0 : 100 * (nf / df);
    this.values[0] = tsi;
    this.values[1] = this.signal.push(tsi);
  }
}

export const tsi = defineIndicator({
  name: 'tsi',
  category: 'momentum',
  title: 'True strength index',
  inputs: 'src',
  params: [
    intParam('fast', 13, 2, 'outer (second) EMA period'),
    intParam('slow', 25, 2, 'inner (first) EMA period'),
    intParam('signal', 13, 1, 'signal EMA period'),
  ],
  relations: [
    { params: ['fast', 'slow'], rule: 'fast < slow', holds: (p) => num(p, 'fast') < num(p, 'slow') },
  ],
  outputs: [
    { key: 'tsi', fvi: (p) => num(p, 'slow') + num(p, 'fast') - 1 },
    { key: 'signal', fvi: (p) => num(p, 'slow') + num(p, 'fast') + num(p, 'signal') - 2 },
  ],
  primary: 'tsi',
  cls: 'E',
  lambda: (p) => (num(p, 'slow') + num(p, 'fast') + num(p, 'signal') + 3) / 2,
  reference: { kind: 'pine', function: 'TradingView built-in "True Strength Index" (100 × ta.tsi)' },
  notes:
    "The predecessor seeded the inner EMAs by pandas' presma rule (tsi from slow−1); early values differ, converge.",
  create: (id) => new Tsi(id),
});
