import { tfMinutes } from '@trade/core';
import { describe, expect, it } from 'vitest';
import {
  compilePlay,
  type EvalContext,
  FALSE,
  MISSING,
  PositionField,
  parsePlay,
  type SlotInfo,
  TRUE,
  type Truth,
} from '../src/index';

/**
 * An in-test implementation of the engine-facing interface: every series is a list of bar values on its TF,
 * bar i opening at i·tf (epoch 0) and visible from its close (i+1)·tf on (`engine.md` §5).
 */
class SeriesContext implements EvalContext {
  constructor(
    private readonly slots: readonly SlotInfo[],
    private readonly data: Readonly<Record<string, readonly number[]>>,
    private readonly pos: Readonly<Partial<Record<keyof typeof PositionField, number>>> = {},
  ) {}

  valueAt(slot: number, t: number, offset: number): number {
    const s = this.slots[slot]!;
    const key = s.source === 'bar' ? s.id : s.field === 'value' ? s.id : `${s.id}.${s.field}`;
    const values = this.data[key];
    if (values === undefined || s.tf === null) return Number.NaN;
    const tfMs = tfMinutes(s.tf) * 60_000;
    const idx = Math.floor(t / tfMs) - 1 - offset;
    return idx >= 0 && idx < values.length ? values[idx]! : Number.NaN;
  }

  position(field: PositionField): number {
    const name = (Object.keys(PositionField) as (keyof typeof PositionField)[]).find(
      (k) => PositionField[k] === field,
    )!;
    return this.pos[name] ?? Number.NaN;
  }
}

const HEADER = `version: "3.0.0"
name: sem
symbol: BTCUSDT
timeframes: {low_tf: 15m, med_tf: 1h, high_tf: 4h, exec: low_tf}
account: {}
features:
  a: {indicator: ema, params: {length: 3}}
  b: {indicator: ema, params: {length: 3}}
  h: {indicator: ema, params: {length: 3}, tf: 1h}
structures:
  exec:
    - {type: swing, key: swing, params: {left: 1, right: 1}}
    - {type: market_structure, key: ms, uses: swing}
setups:
  a_above_b: [["a", ">", "b"]]
position_policy: {exit_mode: first_hit}
risk: {stop_loss_pct: 2}
`;

const M15 = 15 * 60_000;

function compileCondition(expr: string) {
  const text = `${HEADER}actions:\n  entry_long: ${expr}\n`;
  const compiled = compilePlay(parsePlay(text));
  return { compiled, when: compiled.blocks[0]!.cases[0]!.when };
}

interface SemanticsCase {
  readonly name: string;
  readonly expr: string;
  readonly data: Record<string, readonly number[]>;
  /** Tick time in 15m bars since epoch 0 (the tick at the close of bar k−1). */
  readonly at: number;
  readonly expected: Truth;
  readonly position?: Partial<Record<keyof typeof PositionField, number>>;
}

const N = Number.NaN;
const BULL = 1;
const BEAR = 2;

const CASES: readonly SemanticsCase[] = [
  { name: '> true', expr: '["a", ">", "b"]', data: { a: [1, 2, 3], b: [2, 2, 2] }, at: 3, expected: TRUE },
  {
    name: '> false on equality',
    expr: '["a", ">", "b"]',
    data: { a: [1, 2, 3], b: [2, 2, 2] },
    at: 2,
    expected: FALSE,
  },
  {
    name: '> missing before the first bar closes',
    expr: '["a", ">", "b"]',
    data: { a: [1], b: [2] },
    at: 0,
    expected: MISSING,
  },
  { name: '>= true on equality', expr: '["a", ">=", "b"]', data: { a: [2], b: [2] }, at: 1, expected: TRUE },
  { name: '< with a literal', expr: '["a", "<", 5]', data: { a: [4] }, at: 1, expected: TRUE },
  { name: '<= false', expr: '["a", "<=", 3]', data: { a: [4] }, at: 1, expected: FALSE },
  { name: '> missing when NaN', expr: '["a", ">", 1]', data: { a: [N] }, at: 1, expected: MISSING },
  { name: '== INT', expr: '["ms.bias", "==", 1]', data: { 'ms.bias': [-1, 0, 1] }, at: 3, expected: TRUE },
  {
    name: '== INT false',
    expr: '["ms.bias", "==", 1]',
    data: { 'ms.bias': [-1, 0, 1] },
    at: 2,
    expected: FALSE,
  },
  {
    name: '== BOOL true literal',
    expr: '["ms.bos_this_bar", "==", true]',
    data: { 'ms.bos_this_bar': [1] },
    at: 1,
    expected: TRUE,
  },
  {
    name: '== BOOL 1 is true',
    expr: '["ms.bos_this_bar", "==", 1]',
    data: { 'ms.bos_this_bar': [0] },
    at: 1,
    expected: FALSE,
  },
  {
    name: '== ENUM literal case-insensitive',
    expr: '["ms.bos_direction", "==", "Bullish"]',
    data: { 'ms.bos_direction': [BULL] },
    at: 1,
    expected: TRUE,
  },
  {
    name: '!= ENUM',
    expr: '["ms.bos_direction", "!=", "bullish"]',
    data: { 'ms.bos_direction': [BEAR] },
    at: 1,
    expected: TRUE,
  },
  {
    name: '== ENUM ref of the same domain',
    expr: '["ms.bos_direction", "==", "ms.choch_direction"]',
    data: { 'ms.bos_direction': [BEAR], 'ms.choch_direction': [BEAR] },
    at: 1,
    expected: TRUE,
  },
  {
    name: 'in ENUM list',
    expr: '["ms.bos_direction", "in", ["bullish", "bearish"]]',
    data: { 'ms.bos_direction': [0] },
    at: 1,
    expected: FALSE,
  },
  {
    name: 'in INT list',
    expr: '["ms.bias", "in", [-1, 1]]',
    data: { 'ms.bias': [-1] },
    at: 1,
    expected: TRUE,
  },
  {
    name: 'in missing',
    expr: '["ms.bias", "in", [-1, 1]]',
    data: { 'ms.bias': [N] },
    at: 1,
    expected: MISSING,
  },
  {
    name: 'between inclusive low',
    expr: '["a", "between", [2, 3]]',
    data: { a: [2] },
    at: 1,
    expected: TRUE,
  },
  {
    name: 'between inclusive high',
    expr: '["a", "between", {low: 2, high: 3}]',
    data: { a: [3] },
    at: 1,
    expected: TRUE,
  },
  { name: 'between outside', expr: '["a", "between", [2, 3]]', data: { a: [3.5] }, at: 1, expected: FALSE },
  {
    name: 'between dynamic low > high is false',
    expr: '["a", "between", ["b", 1]]',
    data: { a: [2], b: [3] },
    at: 1,
    expected: FALSE,
  },
  {
    name: 'between missing bound',
    expr: '["a", "between", ["b", 5]]',
    data: { a: [2], b: [N] },
    at: 1,
    expected: MISSING,
  },
  {
    name: 'near_abs within',
    expr: '["a", "near_abs", "b", 0.5]',
    data: { a: [100.4], b: [100] },
    at: 1,
    expected: TRUE,
  },
  {
    name: 'near_abs outside',
    expr: '["a", "near_abs", "b", 0.5]',
    data: { a: [100.6], b: [100] },
    at: 1,
    expected: FALSE,
  },
  {
    name: 'near_pct tolerance is percent',
    expr: '["a", "near_pct", "b", 1]',
    data: { a: [101], b: [100] },
    at: 1,
    expected: TRUE,
  },
  {
    name: 'near_pct outside',
    expr: '["a", "near_pct", "b", 0.5]',
    data: { a: [101], b: [100] },
    at: 1,
    expected: FALSE,
  },
  {
    name: 'near_pct rhs 0 is missing',
    expr: '["a", "near_pct", "b", 1]',
    data: { a: [0], b: [0] },
    at: 1,
    expected: MISSING,
  },
  {
    name: 'near_pct map form',
    expr: '{lhs: a, op: near_pct, rhs: b, tolerance: 2}',
    data: { a: [98], b: [100] },
    at: 1,
    expected: TRUE,
  },
  {
    name: 'cross_above at the crossing tick',
    expr: '["a", "cross_above", "b"]',
    data: { a: [1, 3], b: [2, 2] },
    at: 2,
    expected: TRUE,
  },
  {
    name: 'cross_above from equality',
    expr: '["a", "cross_above", "b"]',
    data: { a: [2, 3], b: [2, 2] },
    at: 2,
    expected: TRUE,
  },
  {
    name: 'cross_above not when already above',
    expr: '["a", "cross_above", "b"]',
    data: { a: [3, 4], b: [2, 2] },
    at: 2,
    expected: FALSE,
  },
  {
    name: 'cross_above missing previous',
    expr: '["a", "cross_above", "b"]',
    data: { a: [N, 3], b: [2, 2] },
    at: 2,
    expected: MISSING,
  },
  {
    name: 'cross_below with a number',
    expr: '["a", "cross_below", 50]',
    data: { a: [55, 45] },
    at: 2,
    expected: TRUE,
  },
  {
    name: 'cross_above of arithmetic',
    expr: '[["a", "-", "b"], "cross_above", 0]',
    data: { a: [1, 3], b: [2, 2] },
    at: 2,
    expected: TRUE,
  },
  {
    name: 'arithmetic',
    expr: '[["a", "-", "b"], ">", 0.5]',
    data: { a: [3], b: [2] },
    at: 1,
    expected: TRUE,
  },
  { name: 'arithmetic map form', expr: '[{"*": ["a", 2]}, ">", 5]', data: { a: [3] }, at: 1, expected: TRUE },
  {
    name: 'division by zero is missing',
    expr: '[["a", "/", "b"], ">", 0]',
    data: { a: [3], b: [0] },
    at: 1,
    expected: MISSING,
  },
  {
    name: 'floor modulo takes the divisor sign',
    expr: '[["ms.bias", "%", 3], "==", 2]',
    data: { 'ms.bias': [-1] },
    at: 1,
    expected: TRUE,
  },
  {
    name: 'nested arithmetic',
    expr: '[[["a", "+", "b"], "/", 2], "near_abs", 2.5, 0]',
    data: { a: [2], b: [3] },
    at: 1,
    expected: TRUE,
  },
  {
    name: 'all true',
    expr: '{all: [["a", ">", 1], ["b", ">", 1]]}',
    data: { a: [2], b: [2] },
    at: 1,
    expected: TRUE,
  },
  {
    name: 'all false beats missing',
    expr: '{all: [["a", ">", 1], ["b", ">", 1]]}',
    data: { a: [N], b: [0] },
    at: 1,
    expected: FALSE,
  },
  {
    name: 'all false beats missing (order swapped)',
    expr: '{all: [["b", ">", 1], ["a", ">", 1]]}',
    data: { a: [N], b: [0] },
    at: 1,
    expected: FALSE,
  },
  {
    name: 'all true with missing is missing',
    expr: '{all: [["a", ">", 1], ["b", ">", 1]]}',
    data: { a: [N], b: [2] },
    at: 1,
    expected: MISSING,
  },
  {
    name: 'any true beats missing',
    expr: '{any: [["a", ">", 1], ["b", ">", 1]]}',
    data: { a: [N], b: [2] },
    at: 1,
    expected: TRUE,
  },
  {
    name: 'any false with missing is missing',
    expr: '{any: [["a", ">", 1], ["b", ">", 1]]}',
    data: { a: [N], b: [0] },
    at: 1,
    expected: MISSING,
  },
  {
    name: 'any all false',
    expr: '{any: [["a", ">", 1], ["b", ">", 1]]}',
    data: { a: [0], b: [0] },
    at: 1,
    expected: FALSE,
  },
  {
    name: 'not of missing is missing',
    expr: '{not: ["a", ">", 1]}',
    data: { a: [N] },
    at: 1,
    expected: MISSING,
  },
  { name: 'not of false', expr: '{not: [["a", ">", 1]]}', data: { a: [0] }, at: 1, expected: TRUE },
  {
    name: 'implicit all list',
    expr: '[["a", ">", 1], ["b", ">", 1]]',
    data: { a: [2], b: [0] },
    at: 1,
    expected: FALSE,
  },
  {
    name: 'offset reads the previous bar',
    expr: '[{feature_id: a, offset: 1}, ">", 2]',
    data: { a: [3, 1] },
    at: 2,
    expected: TRUE,
  },
  {
    name: 'offset before the first bar is missing',
    expr: '[{feature_id: a, offset: 2}, ">", 0]',
    data: { a: [3, 1] },
    at: 2,
    expected: MISSING,
  },
  {
    name: 'higher TF visible only after its close',
    expr: '["h", ">", 0]',
    data: { h: [5] },
    at: 3,
    expected: MISSING,
  },
  {
    name: 'higher TF bar visible at its close',
    expr: '["h", ">", 4]',
    data: { h: [5] },
    at: 4,
    expected: TRUE,
  },
  {
    name: 'higher TF stays on the last closed bar',
    expr: '["h", ">", 5]',
    data: { h: [5, 9] },
    at: 7,
    expected: FALSE,
  },
  {
    name: 'higher TF offset counts its own bars',
    expr: '[{feature_id: h, offset: 1}, ">", 0]',
    data: { h: [5, 9] },
    at: 7,
    expected: MISSING,
  },
  {
    name: 'higher TF offset 1',
    expr: '[{feature_id: h, offset: 1}, "<", 6]',
    data: { h: [5, 9] },
    at: 8,
    expected: TRUE,
  },
  {
    name: 'holds_for all samples true',
    expr: '{holds_for: {bars: 3, expr: [["a", ">", "b"]]}}',
    data: { a: [3, 3, 3], b: [1, 1, 1] },
    at: 3,
    expected: TRUE,
  },
  {
    name: 'holds_for one false',
    expr: '{holds_for: {bars: 3, expr: [["a", ">", "b"]]}}',
    data: { a: [0, 3, 3], b: [1, 1, 1] },
    at: 3,
    expected: FALSE,
  },
  {
    name: 'holds_for missing sample',
    expr: '{holds_for: {bars: 3, expr: [["a", ">", "b"]]}}',
    data: { a: [3, 3], b: [1, 1] },
    at: 2,
    expected: MISSING,
  },
  {
    name: 'occurred_within one true',
    expr: '{occurred_within: {bars: 3, expr: [["a", ">", "b"]]}}',
    data: { a: [3, 0, 0], b: [1, 1, 1] },
    at: 3,
    expected: TRUE,
  },
  {
    name: 'occurred_within outside the window',
    expr: '{occurred_within: {bars: 2, expr: [["a", ">", "b"]]}}',
    data: { a: [3, 0, 0], b: [1, 1, 1] },
    at: 3,
    expected: FALSE,
  },
  {
    name: 'count_true reaches min_true',
    expr: '{count_true: {bars: 4, min_true: 2, expr: [["a", ">", "b"]]}}',
    data: { a: [3, 0, 3, 0], b: [1, 1, 1, 1] },
    at: 4,
    expected: TRUE,
  },
  {
    name: 'count_true missing could still reach',
    expr: '{count_true: {bars: 4, min_true: 2, expr: [["a", ">", "b"]]}}',
    data: { a: [N, 0, 3, 0], b: [1, 1, 1, 1] },
    at: 4,
    expected: MISSING,
  },
  {
    name: 'count_true cannot reach',
    expr: '{count_true: {bars: 4, min_true: 3, expr: [["a", ">", "b"]]}}',
    data: { a: [N, 0, 3, 0], b: [1, 1, 1, 1] },
    at: 4,
    expected: FALSE,
  },
  {
    name: 'anchor_tf samples the anchor step',
    expr: '{holds_for: {bars: 2, anchor_tf: 1h, expr: [["a", ">", 0]]}}',
    data: { a: [1, 0, 0, 1, 0, 0, 0, 1] },
    at: 8,
    expected: TRUE,
  },
  {
    name: 'anchor_tf sample hits a false bar',
    expr: '{holds_for: {bars: 2, anchor_tf: 1h, expr: [["a", ">", 0]]}}',
    data: { a: [1, 0, 0, 0, 0, 0, 0, 1] },
    at: 8,
    expected: FALSE,
  },
  {
    name: 'cross inside a window uses the window step',
    expr: '{occurred_within: {bars: 2, anchor_tf: 30m, expr: [["a", "cross_above", 0]]}}',
    data: { a: [-1, -1, 1, 1] },
    at: 4,
    expected: TRUE,
  },
  {
    name: 'setup evaluated in place',
    expr: '{not: {setup: a_above_b}}',
    data: { a: [1], b: [2] },
    at: 1,
    expected: TRUE,
  },
  {
    name: 'setup inside a window',
    expr: '{holds_for: {bars: 2, expr: {setup: a_above_b}}}',
    data: { a: [3, 3], b: [1, 4] },
    at: 2,
    expected: FALSE,
  },
  {
    name: 'built-in close on the exec TF',
    expr: '["close", ">", "a"]',
    data: { close: [10], a: [9] },
    at: 1,
    expected: TRUE,
  },
  {
    name: 'position side',
    expr: '["position.side", "==", "long"]',
    data: {},
    at: 1,
    expected: TRUE,
    position: { side: 1 },
  },
  {
    name: 'position bars_in_trade',
    expr: '["position.bars_in_trade", ">=", 3]',
    data: {},
    at: 1,
    expected: FALSE,
    position: { bars_in_trade: 2 },
  },
  {
    name: 'position field missing when flat',
    expr: '["position.entry_price", ">", 0]',
    data: {},
    at: 1,
    expected: MISSING,
    position: { side: 0 },
  },
];

describe('condition semantics (play-dsl.md §10) on hand-made series', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const { compiled, when } = compileCondition(c.expr);
    const ctx = new SeriesContext(compiled.slots, c.data, c.position);
    expect(when(ctx, c.at * M15)).toBe(c.expected);
  });

  it('runs duration windows over 1m samples and switches the play to the 1m clock', () => {
    const { compiled, when } = compileCondition(
      '{holds_for_duration: {duration: "3m", expr: [["last_price", ">", 100]]}}',
    );
    expect(compiled.evalClock).toBe('1m');
    expect(compiled.clockStepMs).toBe(60_000);
    // last_price bars are 1m: at t = 5 min the visible minutes are 2, 3, 4.
    const ctx = new SeriesContext(compiled.slots, { last_price: [90, 90, 101, 102, 103] });
    expect(when(ctx, 5 * 60_000)).toBe(TRUE);
    expect(when(ctx, 4 * 60_000)).toBe(FALSE);
    expect(compiled.minuteLookback).toBe(2);
  });

  it('compares the previous exec tick in top-level cross_* on the exec clock', () => {
    const { compiled } = compileCondition('["a", "cross_above", "b"]');
    expect(compiled.evalClock).toBe('exec');
    expect(compiled.clockStepMs).toBe(M15);
    const slot = compiled.slots.find((s) => s.id === 'a')!;
    expect(slot.lookbackBars).toBe(1);
  });

  it('sizes the lookback from offsets, windows and crosses per TF (engine.md §2.3)', () => {
    const { compiled } = compileCondition(
      '{holds_for: {bars: 5, expr: [[{feature_id: a, offset: 2}, "cross_above", "h"]]}}',
    );
    const a = compiled.slots.find((s) => s.id === 'a')!;
    const h = compiled.slots.find((s) => s.id === 'h')!;
    // (5−1)·15 + 15 minutes = 75 minutes: 5 exec bars + offset 2; on 1h: ceil(75/60) = 2.
    expect(a.lookbackBars).toBe(7);
    expect(h.lookbackBars).toBe(2);
    const tf15 = compiled.timeframes.find((t) => t.tf === '15m')!;
    expect(tf15.lookbackBars).toBe(7);
    expect(tf15.warmupBars).toBeGreaterThan(7);
  });

  it('evaluates without allocating: the same closure answers repeatedly', () => {
    const { compiled, when } = compileCondition(
      '{all: [["a", "cross_above", "b"], {occurred_within: {bars: 3, expr: {setup: a_above_b}}}]}',
    );
    const ctx = new SeriesContext(compiled.slots, { a: [1, 1, 3], b: [2, 2, 2] });
    for (let i = 0; i < 1000; i++) expect(when(ctx, 3 * M15)).toBe(TRUE);
  });
});
