import { describe, expect, it } from 'vitest';
import { maintainStops, type StopState } from '../src/runtime/stop-maintenance';

const long = (): StopState => ({
  dir: 1,
  entryPrice: 100,
  peak: 100,
  stopLoss: 95,
  breakEvenDone: false,
  tpLegsFilled: 0,
});
const short = (): StopState => ({
  dir: -1,
  entryPrice: 100,
  peak: 100,
  stopLoss: 105,
  breakEvenDone: false,
  tpLegsFilled: 0,
});

describe('maintainStops (engine.md §8.4)', () => {
  it('trails by percent of the peak once activation is reached, never loosening', () => {
    const s = long();
    const rule = { activationPct: 2, atrMultiplier: null, trailPct: 1 };
    expect(maintainStops(s, 101, rule, null, Number.NaN)).toBeNull(); // +1 % < activation
    expect(maintainStops(s, 104, rule, null, Number.NaN)).toEqual({
      from: 95,
      to: 104 - 1.04,
      cause: 'trailing',
    });
    expect(maintainStops(s, 103, rule, null, Number.NaN)).toBeNull(); // peak stays 104
    expect(s.stopLoss).toBeCloseTo(102.96, 10);
  });

  it('trails by ATR × multiplier and mirrors for shorts', () => {
    const s = short();
    const m = maintainStops(s, 90, { activationPct: 0, atrMultiplier: 2, trailPct: null }, null, 1.5);
    expect(m).toEqual({ from: 105, to: 93, cause: 'trailing' });
    expect(
      maintainStops(s, 91, { activationPct: 0, atrMultiplier: 2, trailPct: null }, null, Number.NaN),
    ).toBeNull();
  });

  it('moves to break-even once, by gain or after a TP leg', () => {
    const s = long();
    const be = { activationPct: 1, afterTpLeg: null, offsetPct: 0.1 };
    expect(maintainStops(s, 100.5, null, be, Number.NaN)).toBeNull();
    expect(maintainStops(s, 101, null, be, Number.NaN)).toEqual({ from: 95, to: 100.1, cause: 'break_even' });
    expect(s.breakEvenDone).toBe(true);
    const t = long();
    t.tpLegsFilled = 1;
    expect(
      maintainStops(t, 100, null, { activationPct: null, afterTpLeg: 1, offsetPct: 0 }, Number.NaN)?.to,
    ).toBe(100);
  });

  it('keeps a tighter existing stop over a looser break-even candidate', () => {
    const s = long();
    s.stopLoss = 100.5;
    expect(
      maintainStops(s, 102, null, { activationPct: 1, afterTpLeg: null, offsetPct: 0.1 }, Number.NaN),
    ).toBeNull();
    expect(s.breakEvenDone).toBe(true);
  });
});
