import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../src/index';
import { bar, flat, newSim, T0 } from './helpers';

describe('snapshots (§15)', () => {
  it('records one snapshot per 1m close that matches the live ledger and position at that close', () => {
    const sim = newSim({ leverage: 20 });
    const seen: Snapshot[] = [];
    const step = (b: ReturnType<typeof bar>) => {
      const s = sim.stepMinute(b).snapshot;
      expect(s.walletBalance).toBe(sim.ledger.walletBalance);
      expect(s.equity).toBeCloseTo(sim.ledger.equity, 9);
      expect(s.positionQty).toBe(sim.position?.qty ?? 0);
      expect(s.liqPrice).toBe(sim.position?.liqPrice ?? null);
      seen.push(s);
    };
    step(flat(0, 50_000));
    sim.submitOrder({ side: 'Sell', orderType: 'Market', qty: 0.3 });
    step(bar(1, 50_000, 50_200, 49_900, 50_100));
    step(bar(2, 50_100, 50_600, 50_000, 50_500));
    sim.addMargin(200);
    step(bar(3, 50_500, 50_550, 50_300, 50_400));
    sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.3, reduceOnly: true });
    step(flat(4, 50_400));
    expect(sim.snapshots()).toEqual(seen);
    const short = seen[2]!;
    expect(short).toMatchObject({ closeTime: T0 + 3 * 60_000, positionSide: 'short', markPrice: 50_500 });
    // Coverage and liquidation distance at the adverse (high) mark vertex of the bar.
    expect(short.worstLiqDistancePct).toBeCloseTo(((short.liqPrice! - 50_600) / 50_600) * 100, 10);
    expect(short.worstCoverage!).toBeGreaterThan(1);
    expect(seen[4]).toMatchObject({ positionSide: null, worstCoverage: null, upnl: 0 });
    expect(Array.from(sim.equityCurve())).toEqual(seen.map((s) => s.equity));
  });

  it('keeps close times right across a data gap', () => {
    const sim = newSim();
    for (const i of [0, 1, 5, 6, 7, 30]) sim.stepMinute(flat(i, 50_000));
    expect(sim.snapshots().map((s) => (s.closeTime - T0) / 60_000)).toEqual([1, 2, 6, 7, 8, 31]);
  });

  it('keeps only the current snapshot with snapshots: "latest"', () => {
    const sim = newSim({}, { snapshots: 'latest' });
    sim.stepMinute(flat(0, 50_000));
    sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.1 });
    sim.stepMinute(flat(1, 50_000));
    const last = sim.stepMinute(flat(2, 50_100)).snapshot;
    expect(sim.snapshots()).toEqual([last]);
    expect(last).toMatchObject({ closeTime: T0 + 3 * 60_000, positionQty: 0.1, markPrice: 50_100 });
  });
});
