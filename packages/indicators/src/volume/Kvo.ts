import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { SeededEma } from '../base/SeededEma';

/**
 * Klinger volume oscillator, simplified volume-force form (§3 #41, TradingView "Klinger Oscillator"):
 * sv = ±V by hlc3 rising-or-equal / falling, kvo = EMA_fast(sv) − EMA_slow(sv), signal = EMA_signal(kvo).
 */
export class Kvo extends IndicatorBase {
  private readonly fast: SeededEma;
  private readonly slow: SeededEma;
  private readonly signal: SeededEma;
  private prevTp = Number.NaN;

  constructor(id: IndicatorIdentity) {
    super(id);
    this.fast = new SeededEma(num(id.params, 'fast'));
    this.slow = new SeededEma(num(id.params, 'slow'));
    this.signal = new SeededEma(num(id.params, 'signal'));
  }

  step(bar: Float64Array, _t: number): void {
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const v = bar[BarField.VOLUME]!;
    const tp = (h + l + c) / 3;
    const prev = this.prevTp;
    this.prevTp = tp;
    if (Number.isNaN(prev)) return;
    const sv = tp >= prev ? v : -v;
    const f = this.fast.push(sv);
    const s = this.slow.push(sv);
    if (!this.slow.ready) return;
    const kvo = f - s;
    this.values[0] = kvo;
    this.values[1] = this.signal.push(kvo);
  }
}

export const kvo = defineIndicator({
  name: 'kvo',
  category: 'volume',
  title: 'Klinger volume oscillator',
  inputs: 'hlcv',
  params: [
    intParam('fast', 34, 2, 'fast EMA period'),
    intParam('slow', 55, 2, 'slow EMA period'),
    intParam('signal', 13, 1, 'signal EMA period'),
  ],
  relations: [
    { params: ['fast', 'slow'], rule: 'fast < slow', holds: (p) => num(p, 'fast') < num(p, 'slow') },
  ],
  outputs: [
    { key: 'kvo', fvi: (p) => num(p, 'slow') },
    { key: 'signal', fvi: (p) => num(p, 'slow') + num(p, 'signal') - 1 },
  ],
  primary: 'kvo',
  cls: 'E',
  lambda: (p) => (num(p, 'slow') + num(p, 'signal') + 2) / 2,
  reference: { kind: 'pine', function: 'TradingView built-in "Klinger Oscillator"' },
  notes: 'A tie (hlc3 unchanged) counts +V; the predecessor counted 0, so values differ after any tie.',
  create: (id) => new Kvo(id),
});
