import { describe, expect, it } from 'vitest';
import { bar, flat, newSim, T0 } from './helpers';

describe('mark price and funding inputs (§3.2)', () => {
  it('liquidates on the mark bar, not the last-price bar, and reports mark fallbacks', () => {
    const sim = newSim({ leverage: 50 });
    sim.stepMinute(flat(0, 20_000), { mark: flat(0, 20_000) });
    sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 1 });
    sim.stepMinute(flat(1, 20_000), { mark: flat(1, 20_000) });
    const liq = sim.position!.liqPrice!;
    // The last price wicks below the liquidation price but the mark does not.
    sim.stepMinute(bar(2, 20_000, 20_000, liq - 100, 20_000), {
      mark: bar(2, 20_000, 20_000, liq + 10, 20_000),
    });
    expect(sim.position).not.toBeNull();
    sim.stepMinute(flat(3, 20_000)); // no mark bar: falls back to last price
    expect(sim.events.filter((e) => e.type === 'MARK_FALLBACK')).toHaveLength(1);
    expect(sim.result()).toMatchObject({ markPriceSource: 'mixed', markFallbackBars: 1 });
    sim.stepMinute(bar(4, 20_000, 20_000, liq - 1, 20_000), {
      mark: bar(4, 20_000, 20_000, liq - 1, 20_000),
    });
    expect(sim.result().stopReason).toBe('liquidated');
    expect(() => sim.stepMinute(flat(5, 1), { mark: flat(6, 1) })).not.toThrow(); // stopped: nothing processed
  });

  it('settles funding on the instrument grid with a rate passed to stepMinute (paper mode)', () => {
    const sim = newSim();
    sim.stepMinute(flat(478, 50_000));
    sim.submitOrder({ side: 'Sell', orderType: 'Market', qty: 0.2 });
    sim.stepMinute(flat(479, 50_000));
    const report = sim.stepMinute(flat(480, 51_000), { fundingRate: 0.0001 });
    expect(report.funding).toHaveLength(1);
    expect(report.funding[0]).toMatchObject({
      time: T0 + 480 * 60_000,
      markPrice: 50_000,
      cashFlow: 1,
      source: 'input',
    });
  });
});

describe('amend and leverage with resting orders (§8.2, §9.6)', () => {
  it('re-arrives an amended limit at the next open, filling as taker if it became marketable', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    const id = sim.submitOrder({ side: 'Buy', orderType: 'Limit', qty: 0.1, price: 49_000 }).id!;
    sim.stepMinute(flat(1, 50_000));
    expect(sim.amendOrder({ orderId: id, price: 50_100 }).ok).toBe(true);
    expect(sim.openOrders[0]!.orderIM).toBeGreaterThan(0);
    sim.stepMinute(flat(2, 50_000));
    expect(sim.fills[0]).toMatchObject({ price: 50_000, liquidity: 'taker' });
  });

  it('recomputes resting order margin on a leverage change and refuses one that would overdraw', () => {
    const sim = newSim({ leverage: 10 });
    sim.stepMinute(flat(0, 50_000));
    sim.submitOrder({ side: 'Buy', orderType: 'Limit', qty: 1, price: 45_000 });
    const before = sim.ledger.orderIM;
    expect(sim.setLeverage(20).ok).toBe(true);
    expect(sim.ledger.orderIM).toBeLessThan(before);
    expect(sim.setLeverage(2)).toMatchObject({
      ok: false,
      reason: 'INSUFFICIENT_AVAILABLE_BALANCE',
      retCode: 110012,
    });
  });
});

describe('slippage models (§10.4)', () => {
  it('applies ticks and volume-share offsets adversely and rounds to tick', () => {
    const ticks = newSim({ slippage: { kind: 'ticks', n: 3 } });
    ticks.stepMinute(flat(0, 50_000));
    ticks.submitOrder({ side: 'Sell', orderType: 'Market', qty: 0.1 });
    ticks.stepMinute(flat(1, 50_000));
    expect(ticks.fills[0]!.price).toBe(49_999.7);
    const share = newSim({
      slippage: { kind: 'volume_share', baseBps: 1, bpsPerPctOfVolume: 0.5, maxBps: 10 },
    });
    share.stepMinute(flat(0, 50_000));
    share.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.1 });
    share.stepMinute(bar(1, 50_000, 50_000, 50_000, 50_000, 10)); // 1 % of volume → 1.5 bps → 7.5 USDT
    expect(share.fills[0]!.price).toBe(50_007.5);
  });
});

describe('equity floor (§14.1)', () => {
  it('stops the run when equity reaches the floor and closes at the close', () => {
    const sim = newSim({ leverage: 10 }, { equityFloorUsdt: 9_500 });
    sim.stepMinute(flat(0, 20_000));
    sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 2 });
    sim.stepMinute(flat(1, 20_000));
    sim.stepMinute(bar(2, 20_000, 20_000, 19_700, 19_750));
    expect(sim.result()).toMatchObject({ stopReason: 'equity_floor_hit', isTerminal: true });
    expect(sim.trades[0]!.exitReason).toBe('equity_floor');
    expect(sim.events.some((e) => e.type === 'EQUITY_FLOOR_HIT')).toBe(true);
  });
});
