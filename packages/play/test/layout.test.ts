import { describe, expect, it } from 'vitest';
import { compilePlay, defaultCatalog, parsePlay } from '../src/index';

const TEXT = `version: "3.0.0"
name: layout
symbol: BTCUSDT
timeframes: {low_tf: 5m, med_tf: 1h, high_tf: 4h, exec: med_tf}
account: {}
features:
  rsi_5m: {indicator: rsi, params: {length: 14}, tf: low_tf}
  ema_exec: {indicator: ema, params: {length: 20}}
  atr: {indicator: atr, params: {length: 14}}
  macd_d: {indicator: macd, tf: D}
structures:
  exec:
    - {type: swing, key: swing, params: {left: 2, right: 3}}
    - {type: trend, key: trend, uses: swing}
  "4h":
    - {type: rolling_window, key: hi_4h, params: {size: 6, source: high, mode: max}}
actions:
  entry_long:
    - ["trend.direction", "==", 1]
    - ["rsi_5m", "<", 30]
    - holds_for: {bars: 2, anchor_tf: 30m, expr: [["close", ">", "ema_exec"]]}
    - ["macd_d.histogram", ">", 0]
    - ["close", "<", "hi_4h"]
position_policy: {exit_mode: first_hit}
risk_model:
  stop_loss: {type: atr_multiple, value: 2, atr_feature_id: atr}
  sizing: {model: risk_based, value: 1}
`;

describe('compiled layout for the engine', () => {
  const play = parsePlay(TEXT);
  const compiled = compilePlay(play);

  it('lists every distinct TF ascending, anchor_tf included', () => {
    expect(compiled.timeframes.map((t) => t.tf)).toEqual(['5m', '30m', '1h', '4h', 'D']);
    expect(compiled.execTf).toBe('1h');
  });

  it('puts features and structures on their TF in declaration order with catalogue warmups', () => {
    const h1 = compiled.timeframes.find((t) => t.tf === '1h')!;
    expect(h1.features.map((f) => f.id)).toEqual(['ema_exec', 'atr']);
    expect(h1.structures.map((s) => [s.key, s.uses])).toEqual([
      ['swing', []],
      ['trend', ['swing']],
    ]);
    const catalog = defaultCatalog();
    expect(h1.features[0]!.warmupBars).toBe(catalog.indicators.get('ema')!.warmupBars({ length: 20 }));
    // structures.md §1.6: swing and trend warm up over 5·(L+R+1) bars.
    expect(h1.structures.map((s) => s.warmupBars)).toEqual([30, 30]);
    // W(T) = max catalogue warmup + LB(T); the 30m anchor window reads close/ema_exec one hour back.
    expect(h1.lookbackBars).toBe(1);
    expect(h1.warmupBars).toBe(Math.max(...h1.features.map((f) => f.warmupBars), 30) + 1);
    expect(compiled.timeframes.find((t) => t.tf === '4h')!.structures[0]!.key).toBe('hi_4h');
    expect(compiled.timeframes.find((t) => t.tf === '30m')!.features).toEqual([]);
  });

  it('maps each slot to its series, field index and type', () => {
    const byKey = Object.fromEntries(compiled.slots.map((s) => [`${s.id}.${s.field}`, s]));
    expect(byKey['trend.direction']).toMatchObject({ source: 'structure', tf: '1h', type: 'INT' });
    expect(byKey['macd_d.histogram']).toMatchObject({
      source: 'feature',
      tf: 'D',
      fieldIndex: 2,
      type: 'FLOAT',
    });
    expect(byKey['close.close']).toMatchObject({ source: 'bar', tf: '1h' });
    expect(byKey['atr.value']).toMatchObject({ source: 'feature', tf: '1h' });
    expect(compiled.slots.map((s) => s.index)).toEqual(compiled.slots.map((_, i) => i));
  });

  it('exposes risk readers and the entry reference as closures over slots', () => {
    expect(compiled.risk.stopLoss!.atr).not.toBeNull();
    expect(compiled.risk.model.sizing).toEqual({ model: 'risk_based', value: 1 });
    expect(compiled.entry.order_type).toBe('MARKET');
    const ctx = {
      valueAt: (slot: number) => (compiled.slots[slot]!.id === 'last_price' ? 101.5 : 2.5),
      position: () => Number.NaN,
    };
    expect(compiled.entry.priceRef(ctx, 0)).toBe(101.5);
    expect(compiled.risk.stopLoss!.atr!(ctx, 0)).toBe(2.5);
  });

  it('is deterministic: compiling twice gives the same slots and hash', () => {
    const again = compilePlay(parsePlay(TEXT));
    expect(again.slots).toEqual(compiled.slots);
    expect(again.playHash).toBe(compiled.playHash);
  });

  it('hands the feature-level source to the indicator params the engine instantiates', () => {
    const p = parsePlay(
      TEXT.replace(
        'ema_exec: {indicator: ema, params: {length: 20}}',
        'ema_exec: {indicator: ema, params: {length: 20}, source: hlc3}',
      ),
    );
    const f = compilePlay(p).timeframes.find((t) => t.tf === '1h')!.features[0]!;
    expect(f.source).toBe('hlc3');
    expect(f.params.source).toBe('hlc3');
  });
});
