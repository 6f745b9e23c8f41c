import { describe, expect, it } from 'vitest';
import { bar, flat, newSim } from './helpers';

function longWith(tp: number | undefined, sl: number | undefined) {
  const sim = newSim();
  sim.stepMinute(flat(0, 50_000));
  sim.submitOrder({
    side: 'Buy',
    orderType: 'Market',
    qty: 0.1,
    ...(tp === undefined ? {} : { takeProfit: tp }),
    ...(sl === undefined ? {} : { stopLoss: sl }),
  });
  sim.stepMinute(flat(1, 50_000));
  return sim;
}

describe('position TP/SL (§12.1, §11.4)', () => {
  it('exits at the stop-loss, not the take-profit, when one bar touches both (SL-first)', () => {
    const sim = longWith(51_000, 49_000);
    expect(sim.position).toMatchObject({ takeProfit: 51_000, stopLoss: 49_000, tpslMode: 'Full' });
    sim.stepMinute(bar(2, 50_000, 51_500, 48_500, 50_000));
    expect(sim.trades[0]).toMatchObject({ exitReason: 'sl', avgExitPrice: 49_000, realizedPnl: -100 });
    expect(sim.openOrders).toHaveLength(0);
    expect(sim.orders().filter((o) => o.orderStatus === 'Deactivated')).toHaveLength(1);
  });

  it('fills a take-profit gapped through at the open at the (better) open price', () => {
    const sim = longWith(51_000, 49_000);
    sim.stepMinute(bar(2, 51_200, 51_300, 51_100, 51_250));
    expect(sim.fills[1]).toMatchObject({ price: 51_200, priceSource: 'open_gap' });
    expect(sim.trades[0]!.exitReason).toBe('tp');
  });

  it('resolves TP/SL offsets against the average fill price', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    sim.submitOrder({
      side: 'Sell',
      orderType: 'Market',
      qty: 0.1,
      takeProfitOffset: 500,
      stopLossOffset: 250,
    });
    sim.stepMinute(flat(1, 50_100));
    expect(sim.position).toMatchObject({ side: 'short', takeProfit: 49_600, stopLoss: 50_350 });
  });

  it('moves and cancels stops with setTradingStop and rejects a wrong-side level', () => {
    const sim = longWith(undefined, undefined);
    expect(sim.setTradingStop({ stopLoss: 50_500 })).toMatchObject({ ok: false, reason: 'TPSL_INVALID' });
    expect(sim.setTradingStop({ takeProfit: 52_000, stopLoss: 49_500 }).ok).toBe(true);
    expect(sim.position).toMatchObject({ takeProfit: 52_000, stopLoss: 49_500 });
    expect(sim.setTradingStop({ takeProfit: 0 }).ok).toBe(true);
    expect(sim.position).toMatchObject({ takeProfit: null, stopLoss: 49_500 });
    const flatSim = newSim();
    expect(flatSim.setTradingStop({ stopLoss: 1 })).toMatchObject({
      ok: false,
      reason: 'NO_POSITION',
      retCode: 110033,
    });
  });

  it('closes part of the position with a Partial take-profit', () => {
    const sim = longWith(undefined, undefined);
    expect(sim.setTradingStop({ tpslMode: 'Partial', takeProfit: 50_500, tpSize: 0.04 }).ok).toBe(true);
    sim.stepMinute(bar(2, 50_000, 50_600, 49_990, 50_550));
    expect(sim.position).toMatchObject({ qty: 0.06 });
    expect(sim.fills[1]).toMatchObject({ qty: 0.04, price: 50_500, realizedPnl: 20 });
  });

  it('tests the stop-loss of an intrabar entry against the whole bar and leaves the TP for the next bar', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    sim.submitOrder({
      side: 'Buy',
      orderType: 'Limit',
      qty: 0.1,
      price: 49_800,
      stopLoss: 49_500,
      takeProfit: 50_200,
    });
    // Long path O → L → H → C: the limit fills on the way down; the bar's low 49,400 reaches the SL.
    sim.stepMinute(bar(1, 50_000, 50_300, 49_400, 50_000));
    expect(sim.fills.map((f) => f.price)).toEqual([49_800, 49_500]);
    expect(sim.trades[0]!.exitReason).toBe('sl');
  });
});

describe('trailing stop (§12.3)', () => {
  it('updates the level at 1m closes from the bar high and triggers from the next bar', () => {
    const sim = longWith(undefined, undefined);
    expect(sim.setTradingStop({ trailingStop: 300 }).ok).toBe(true);
    expect(sim.openOrders.find((o) => o.role === 'trailing_stop')!.triggerPrice).toBe(49_700);
    sim.stepMinute(bar(2, 50_000, 50_800, 49_900, 50_700)); // peak 50,800 at the close → level 50,500
    expect(sim.position).not.toBeNull();
    expect(sim.openOrders.find((o) => o.role === 'trailing_stop')!.triggerPrice).toBe(50_500);
    expect(sim.events.some((e) => e.type === 'TRAILING_STOP_MOVED' && e.level === 50_500)).toBe(true);
    sim.stepMinute(bar(3, 50_700, 50_750, 50_400, 50_450));
    expect(sim.trades[0]).toMatchObject({ exitReason: 'trailing', avgExitPrice: 50_500 });
  });
});

describe('break-even stop (§12.4)', () => {
  it('moves the stop-loss to entry plus offset once the peak clears the activation and exits as sl', () => {
    const sim = longWith(undefined, 49_000);
    expect(sim.setBreakEven({ activationPct: 1, offsetPct: 0.1 }).ok).toBe(true);
    sim.stepMinute(bar(2, 50_000, 50_600, 49_950, 50_400)); // +1.2 % → SL to 50,050
    expect(sim.position!.stopLoss).toBe(50_050);
    sim.stepMinute(bar(3, 50_400, 50_450, 50_000, 50_100));
    expect(sim.trades[0]).toMatchObject({ exitReason: 'sl', slMovedToBreakEven: true, avgExitPrice: 50_050 });
  });
});

describe('MAE / MFE (§12.5)', () => {
  it('uses whole bars while held, only the fill price of an intrabar entry bar and the exit price', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.1 });
    sim.stepMinute(bar(1, 50_000, 50_500, 49_500, 50_000)); // fill at the open: whole bar counts
    sim.submitOrder({ side: 'Sell', orderType: 'Market', qty: 0.1, reduceOnly: true });
    sim.stepMinute(bar(2, 50_000, 52_000, 47_000, 50_000)); // exit bar: only the exit price
    const t = sim.trades[0]!;
    expect(t.maePct).toBeCloseTo(1, 12);
    expect(t.mfePct).toBeCloseTo(1, 12);
  });
});

describe('intrabar rules (§11.3, §11.4)', () => {
  it('liquidates an intrabar 100x entry against the bar extreme in the once-check', () => {
    const sim = newSim({ leverage: 100 });
    sim.stepMinute(flat(0, 50_000));
    sim.submitOrder({ side: 'Buy', orderType: 'Limit', qty: 0.5, price: 49_900 });
    // The fill at 49,900 happens on the way down; the bar's low (−1 %) is beyond the 100x liquidation price.
    sim.stepMinute(bar(1, 50_000, 50_100, 49_400, 49_950));
    expect(sim.fills.map((f) => f.execType)).toEqual(['Trade', 'Liquidation']);
    expect(sim.result().stopReason).toBe('liquidated');
  });

  it('fills a triggered stop-limit that is marketable at the trigger point as taker', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    // Buy stop-limit: triggers on the rise to 50,200, limit 50,300 ≥ trigger point → taker at the trigger point.
    sim.submitOrder({
      side: 'Buy',
      orderType: 'Limit',
      qty: 0.1,
      price: 50_300,
      triggerPrice: 50_200,
      triggerDirection: 1,
    });
    sim.stepMinute(bar(1, 50_000, 50_400, 49_990, 50_350));
    expect(sim.fills[0]).toMatchObject({ price: 50_200, liquidity: 'taker', priceSource: 'trigger' });
  });

  it('triggers a MarkPrice stop-loss on the mark bar and fills at the last price at the same point', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000), { mark: flat(0, 50_000) });
    sim.submitOrder({
      side: 'Buy',
      orderType: 'Market',
      qty: 0.1,
      stopLoss: 49_500,
      slTriggerBy: 'MarkPrice',
    });
    sim.stepMinute(flat(1, 50_000), { mark: flat(1, 50_000) });
    // Last price never reaches 49,500, the mark does (1 % down); the last bar only goes 0.5 % down.
    sim.stepMinute(bar(2, 50_000, 50_000, 49_750, 49_800), { mark: bar(2, 50_000, 50_000, 49_400, 49_600) });
    const exit = sim.fills[1]!;
    expect(exit.priceSource).toBe('mark_trigger');
    expect(exit.price).toBe(49_750);
    expect(sim.trades[0]!.exitReason).toBe('sl');
  });
});
