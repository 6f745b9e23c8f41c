import { isTradeError } from '@trade/core';
import { describe, expect, it } from 'vitest';
import { type Bar, createIndicator, type IndicatorSnapshot } from '../src/index';

const bar = (ts: number, close: number, volume = 10): Bar => ({
  ts,
  open: close,
  high: close + 1,
  low: close - 1,
  close,
  volume,
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (isTradeError(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe('incremental instance (§5.2)', () => {
  it('rejects non-finite fields and negative volume with E_IND_INPUT and leaves the state unchanged', () => {
    const ema = createIndicator('ema', { length: 3 });
    for (let i = 0; i < 5; i++) ema.update(bar(i * 60_000, 100 + i));
    const before = JSON.stringify(ema.snapshot());
    for (const bad of [
      { ...bar(10 * 60_000, 1), close: Number.NaN },
      { ...bar(10 * 60_000, 1), high: Number.POSITIVE_INFINITY },
      { ...bar(10 * 60_000, 1), volume: -1 },
      { ...bar(10 * 60_000, 1), ts: Number.NaN },
    ]) {
      expect(codeOf(() => ema.update(bad))).toBe('E_IND_INPUT');
    }
    expect(JSON.stringify(ema.snapshot())).toBe(before);
  });

  it('rejects a ts that is not strictly increasing with E_IND_TS_ORDER and leaves the state unchanged', () => {
    const sma = createIndicator('sma', { length: 2 });
    sma.update(bar(60_000, 1));
    sma.update(bar(120_000, 2));
    const before = JSON.stringify(sma.snapshot());
    expect(codeOf(() => sma.update(bar(120_000, 3)))).toBe('E_IND_TS_ORDER');
    expect(codeOf(() => sma.update(bar(0, 3)))).toBe('E_IND_TS_ORDER');
    expect(JSON.stringify(sma.snapshot())).toBe(before);
    expect(sma.value).toBe(1.5);
  });

  it('value is values[0]; ready flips exactly after the FVI bar', () => {
    const rsi = createIndicator('rsi', { length: 3 });
    expect(rsi.fvi).toBe(3);
    for (let i = 0; i < 5; i++) {
      rsi.update(bar(i, 100 + (i % 2)));
      expect(rsi.ready).toBe(i >= 3);
      expect(Object.is(rsi.value, rsi.values[0])).toBe(true);
    }
  });

  it('snapshot is plain JSON: schema, name, normalized params, NaN as null, ring buffers oldest first', () => {
    const sma = createIndicator('sma', { length: 3, source: 'hl2' });
    sma.update(bar(1, 10));
    sma.update(bar(2, 11));
    const snap = sma.snapshot();
    expect(snap.schema).toBe('trade.indicator/1');
    expect(snap.name).toBe('sma');
    expect(snap.params).toEqual({ length: 3, source: 'hl2' });
    expect(snap.barsSeen).toBe(2);
    expect(snap.lastTs).toBe(2);
    const text = JSON.stringify(snap);
    expect(text).not.toContain('NaN');
    expect(text).toContain('[10,11]');
    expect((snap.state as { values: unknown[] }).values).toEqual([null]);
  });

  it('a snapshot of a fresh instance restores to a fresh instance (lastTs null)', () => {
    const a = createIndicator('macd');
    const snap = JSON.parse(JSON.stringify(a.snapshot())) as IndicatorSnapshot;
    expect(snap.lastTs).toBeNull();
    const b = createIndicator('macd');
    b.restore(snap);
    expect(b.barsSeen).toBe(0);
    expect(Number.isNaN(b.lastTs)).toBe(true);
  });

  it('restore rejects another schema, name or params with E_IND_SNAPSHOT and keeps the state', () => {
    const ema = createIndicator('ema', { length: 5 });
    ema.update(bar(1, 10));
    const snap = ema.snapshot();
    const other = createIndicator('ema', { length: 6 });
    other.update(bar(1, 20));
    const before = JSON.stringify(other.snapshot());
    expect(codeOf(() => other.restore(snap))).toBe('E_IND_SNAPSHOT');
    expect(codeOf(() => createIndicator('sma', { length: 5 }).restore(snap))).toBe('E_IND_SNAPSHOT');
    expect(
      codeOf(() => createIndicator('ema', { length: 5 }).restore({ ...snap, schema: 'x' } as never)),
    ).toBe('E_IND_SNAPSHOT');
    const broken = { ...snap, state: { ...(snap.state as object), values: ['oops'] } };
    const target = createIndicator('ema', { length: 5 });
    target.update(bar(5, 30));
    const targetBefore = JSON.stringify(target.snapshot());
    expect(codeOf(() => target.restore(broken))).toBe('E_IND_SNAPSHOT');
    expect(JSON.stringify(target.snapshot())).toBe(targetBefore);
    expect(JSON.stringify(other.snapshot())).toBe(before);
  });

  it('keeps -0 through a JSON snapshot (bit-identical continuation)', () => {
    const willr = createIndicator('willr', { length: 2 });
    willr.update({ ts: 1, open: 1, high: 2, low: 1, close: 2, volume: 1 });
    willr.update({ ts: 2, open: 1, high: 2, low: 1, close: 2, volume: 1 });
    expect(Object.is(willr.value, -0)).toBe(true);
    const restored = createIndicator('willr', { length: 2 });
    restored.restore(JSON.parse(JSON.stringify(willr.snapshot())) as IndicatorSnapshot);
    expect(Object.is(restored.value, -0)).toBe(true);
  });

  it('anchored_vwap resets its sums and bar count on update(bar, true)', () => {
    const av = createIndicator('anchored_vwap');
    av.update(bar(1, 10, 1));
    av.update(bar(2, 20, 1));
    expect(av.values[0]).toBe(15);
    expect(av.values[1]).toBe(2);
    av.update(bar(3, 30, 1), true);
    expect(av.values[0]).toBe(30);
    expect(av.values[1]).toBe(1);
  });
});
