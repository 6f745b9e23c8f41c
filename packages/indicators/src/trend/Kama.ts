import { defineIndicator, type IndicatorIdentity, num } from '../base/define';
import { BarField, IndicatorBase } from '../base/IndicatorBase';
import { intParam } from '../base/params';
import { Ring } from '../base/Ring';
import { RollingSum } from '../base/RollingSum';
import { selectSource } from '../base/source';

const FAST_SC = 2 / (2 + 1);
const SLOW_SC = 2 / (30 + 1);

/**
 * Kaufman adaptive moving average (§3 #8, TA-Lib KAMA): efficiency ratio over n changes (1 when the path
 * length is 0 or ≤ the signed move), sc = (ER·(fsc − ssc) + ssc)², seeded from x[n−1] at bar n.
 */
export class Kama extends IndicatorBase {
  private readonly history: Ring;
  private readonly path: RollingSum;
  /** Slot 0: x; slot 1: |x − previous x| (typed-array slots feed the helpers, see MonoDeque.pushFrom). */
  private readonly scratch = new Float64Array(2);
  private kama = Number.NaN;

  constructor(id: IndicatorIdentity) {
    super(id);
    const n = num(id.params, 'length');
    this.history = new Ring(n + 1);
    this.path = new RollingSum(n);
  }

  step(bar: Float64Array, _t: number): void {
    const o = bar[BarField.OPEN]!;
    const h = bar[BarField.HIGH]!;
    const l = bar[BarField.LOW]!;
    const c = bar[BarField.CLOSE]!;
    const v = bar[BarField.VOLUME]!;
    const x = selectSource(this.sourceId, o, h, l, c, v);
    const hist = this.history;
    const io = this.scratch;
    const prevX = hist.newest;
    io[0] = x;
    if (hist.size > 0) {
      io[1] = Math.abs(x - prevX);
      this.path.pushFrom(io, 1);
    }
    hist.pushFrom(io, 0);
    if (!hist.full) return;
    const move = x - hist.first;
    const s = this.path.sum;
    const er = s === 0 || s <= move ? 1 : Math.abs(move / s);
    let sc = er * (FAST_SC - SLOW_SC) + SLOW_SC;
    sc *= sc;
    const prev = Number.isNaN(this.kama) ? prevX : this.kama;
    this.kama = (x - prev) * sc + prev;
    this.values[0] = this.kama;
  }
}

export const kama = defineIndicator({
  name: 'kama',
  category: 'trend',
  title: 'Kaufman adaptive moving average',
  inputs: 'src',
  params: [intParam('length', 10, 2, 'efficiency-ratio period n (fast 2, slow 30 fixed)')],
  outputs: [{ key: 'value', fvi: (p) => num(p, 'length') }],
  cls: 'E',
  lambda: () => 240.25,
  reference: { kind: 'talib', function: 'KAMA' },
  notes:
    'The predecessor seeded with the SMA at n−1 and used ER = 0 on flat windows; values converge except after flat windows, where we move fast (ER 1, TA-Lib).',
  create: (id) => new Kama(id),
});
