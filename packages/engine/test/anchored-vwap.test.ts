import { generateSynthetic } from '@trade/data';
import { computeSeries } from '@trade/indicators';
import { compilePlay, parsePlay } from '@trade/play';
import { createStructure, SWING } from '@trade/structures';
import { describe, expect, it } from 'vitest';
import { TimeframeBank } from '../src/runtime/timeframe-bank';

/** A 15m play with a swing and one anchored_vwap per anchor_source under test. */
function bankFor(sources: readonly string[]): TimeframeBank {
  const features = sources
    .map(
      (s) =>
        `  avwap_${s}: {indicator: anchored_vwap, params: {anchor_source: ${s}, anchor_structure: swing}}`,
    )
    .join('\n');
  const play = parsePlay(`version: "3.0.0"
name: avwap_anchor_test
symbol: BTCUSDT
timeframes: {low_tf: 15m, med_tf: 15m, high_tf: 15m, exec: low_tf}
account: {starting_equity_usdt: 10000, max_leverage: 1, max_drawdown_pct: 50, slippage_bps: 2, fee_model: {taker_bps: 5.5, maker_bps: 2.0}}
features:
${features}
structures:
  exec:
    - {type: swing, key: swing, params: {left: 3, right: 3}}
actions:
  entry_long: [["close", ">", "avwap_${sources[0]}.value"]]
position_policy: {mode: long_only}
risk: {stop_loss_pct: 2, take_profit_pct: 4, max_position_pct: 10}
`);
  const layout = compilePlay(play).timeframes.find((t) => t.tf === '15m');
  if (layout === undefined) throw new Error('no 15m layout');
  return new TimeframeBank(layout, 4096);
}

/** Feeds `days` of synthetic 1m bars; records each anchored indicator's outputs per closed 15m bar. */
function run(sources: readonly string[]) {
  const bank = bankFor(sources);
  const cols = sources.map((s) => ({
    value: bank.bind('feature', `avwap_${s}`, 0),
    since: bank.bind('feature', `avwap_${s}`, 1),
  }));
  const m = generateSynthetic({ pattern: 'ranging', bars: 600, tfs: ['1m', '15m'], seed: 9 }).tfs.get('1m');
  if (m === undefined) throw new Error('no 1m bars');
  for (let i = 0; i < m.length; i++)
    bank.pushMinute(m.ts[i]!, m.open[i]!, m.high[i]!, m.low[i]!, m.close[i]!, m.volume[i]!);
  const n = bank.series.length;
  return {
    bank,
    n,
    cols: cols.map((c) => ({ value: c.value.values.slice(0, n), since: c.since.values.slice(0, n) })),
  };
}

/** The reference: a separate swing over the closed 15m bars, anchors where `counter` grew (first bar records). */
function referenceAnchors(
  bank: TimeframeBank,
  n: number,
  counter: number,
  direction: number | null,
): number[] {
  const swing = createStructure('swing', { left: 3, right: 3 }, [], { key: 'ref', atrFeatures: [] });
  const s = bank.series;
  const anchors: number[] = [];
  let last = Number.NaN;
  for (let i = 0; i < n; i++) {
    swing.update({
      idx: i,
      ts: s.ts[i]!,
      open: s.open[i]!,
      high: s.high[i]!,
      low: s.low[i]!,
      close: s.close[i]!,
      volume: s.volume[i]!,
      ind: () => Number.NaN,
    });
    const now = swing.values[counter]!;
    const fired = now > last && (direction === null || swing.values[SWING.pair_direction] === direction);
    anchors.push(fired ? 1 : 0);
    last = now;
  }
  return anchors;
}

describe('the engine anchors anchored_vwap on its swing (indicators.md §3 #44)', () => {
  it('resets on every swing confirmation (swing_any) and equals the batch indicator with the same anchors', () => {
    const { bank, n, cols } = run(['swing_any', 'swing_high', 'pair_high', 'manual']);
    const cases: [number, number, number | null][] = [
      [0, SWING.version, null],
      [1, SWING.high_version, null],
      [2, SWING.pair_version, 1],
    ];
    for (const [k, counter, direction] of cases) {
      const anchors = referenceAnchors(bank, n, counter, direction);
      expect(anchors.filter((a) => a === 1).length, `anchors of case ${k}`).toBeGreaterThan(3);
      const s = bank.series;
      const candles = {
        ts: s.ts.subarray(0, n),
        open: s.open.subarray(0, n),
        high: s.high.subarray(0, n),
        low: s.low.subarray(0, n),
        close: s.close.subarray(0, n),
        volume: s.volume.subarray(0, n),
        length: n,
      };
      const ref = computeSeries('anchored_vwap', undefined, candles, { anchors });
      expect(Array.from(cols[k]!.value)).toEqual(Array.from(ref.value!));
      expect(Array.from(cols[k]!.since)).toEqual(Array.from(ref.bars_since_anchor!));
      // bars_since_anchor restarts at 1 exactly on the anchor bars.
      anchors.forEach((a, i) => {
        if (a === 1) expect(cols[k]!.since[i]).toBe(1);
      });
    }
  });

  it('manual never resets: bars_since_anchor counts every bar', () => {
    const { n, cols } = run(['manual']);
    expect(Array.from(cols[0]!.since)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  });
});
