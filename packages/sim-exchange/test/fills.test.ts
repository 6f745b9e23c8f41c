import { describe, expect, it } from 'vitest';
import { bar, flat, newSim } from './helpers';

describe('market and limit fills (§10.1)', () => {
  it('fills a market order at the next bar open with adverse fixed-bps slippage rounded to tick', () => {
    const sim = newSim({ slippage: { kind: 'fixed_bps', bps: 2 } });
    sim.stepMinute(flat(0, 50_000));
    sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.1 });
    sim.stepMinute(bar(1, 50_000.05, 50_100, 49_900, 50_050));
    const f = sim.fills[0]!;
    // 50000.05 × 1.0002 = 50010.05001 → ceil to tick 50010.1
    expect(f.price).toBe(50_010.1);
    expect(f.liquidity).toBe('taker');
    expect(f.priceSource).toBe('open');
    expect(f.fee).toBe(2.7505555); // 0.1 × 50010.1 × 0.00055, exact
  });

  it('rests a limit buy and fills it at its own price as maker only when the path trades through', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    sim.submitOrder({ side: 'Buy', orderType: 'Limit', qty: 0.1, price: 49_500 });
    sim.stepMinute(bar(1, 50_000, 50_100, 49_500, 49_900)); // touches exactly: no fill
    expect(sim.fills).toHaveLength(0);
    expect(sim.openOrders).toHaveLength(1);
    sim.stepMinute(bar(2, 49_900, 49_950, 49_400, 49_800)); // trades through
    expect(sim.fills).toHaveLength(1);
    expect(sim.fills[0]!.price).toBe(49_500);
    expect(sim.fills[0]!.liquidity).toBe('maker');
    expect(sim.fills[0]!.fee).toBe(0.99); // 0.1 × 49500 × 0.0002
    expect(sim.ledger.orderIM).toBe(0);
  });

  it('reserves order margin for a resting opening limit and releases it on cancel', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    const ack = sim.submitOrder({ side: 'Buy', orderType: 'Limit', qty: 1, price: 40_000 });
    // orderCost = 4000 + 22 + 40000·0.9·0.00055 = 4041.8
    expect(sim.ledger.orderIM).toBeCloseTo(4041.8, 8);
    expect(sim.ledger.availableBalance).toBeCloseTo(10_000 - 4041.8, 8);
    expect(sim.cancelOrder(ack.id!).ok).toBe(true);
    expect(sim.ledger.orderIM).toBe(0);
    expect(sim.cancelOrder(ack.id!)).toMatchObject({
      ok: false,
      reason: 'ORDER_ALREADY_FINAL',
      retCode: 110008,
    });
    expect(sim.cancelOrder('nope')).toMatchObject({ ok: false, reason: 'ORDER_NOT_FOUND', retCode: 110001 });
  });

  it('fills a limit that is marketable at arrival as taker at the better of limit and slipped open', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    sim.submitOrder({ side: 'Buy', orderType: 'Limit', qty: 0.1, price: 50_500 });
    sim.stepMinute(bar(1, 50_000, 50_100, 49_900, 50_000));
    expect(sim.fills[0]).toMatchObject({ price: 50_000, liquidity: 'taker', priceSource: 'open' });
  });

  it('cancels a marketable PostOnly and a non-marketable IOC/FOK at arrival', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    const po = sim.submitOrder({
      side: 'Buy',
      orderType: 'Limit',
      qty: 0.1,
      price: 50_500,
      timeInForce: 'PostOnly',
    });
    const ioc = sim.submitOrder({
      side: 'Buy',
      orderType: 'Limit',
      qty: 0.1,
      price: 49_000,
      timeInForce: 'IOC',
    });
    const fok = sim.submitOrder({
      side: 'Buy',
      orderType: 'Limit',
      qty: 0.1,
      price: 49_000,
      timeInForce: 'FOK',
    });
    sim.stepMinute(bar(1, 50_000, 50_100, 48_000, 50_000));
    const byId = new Map(sim.orders().map((o) => [o.orderId, o]));
    expect(byId.get(po.id!)).toMatchObject({
      orderStatus: 'Cancelled',
      cancelReason: 'POST_ONLY_WOULD_TAKE',
    });
    expect(byId.get(ioc.id!)).toMatchObject({ orderStatus: 'Cancelled', cancelReason: 'IOC_NOT_FILLED' });
    expect(byId.get(fok.id!)).toMatchObject({ orderStatus: 'Cancelled', cancelReason: 'FOK_NOT_FILLED' });
    expect(sim.fills).toHaveLength(0);
    expect(sim.result().counters.entryRejections).toBe(3);
  });

  it('fills a stop-market crossed inside a bar at the trigger price and a gapped one at the open', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    sim.submitOrder({
      side: 'Buy',
      orderType: 'Market',
      qty: 0.1,
      triggerPrice: 50_200,
      triggerDirection: 1,
    });
    sim.stepMinute(bar(1, 50_000, 50_300, 49_950, 50_250));
    expect(sim.fills[0]).toMatchObject({ price: 50_200, priceSource: 'trigger', pathStep: 2 });
    const gap = newSim();
    gap.stepMinute(flat(0, 50_000));
    gap.submitOrder({
      side: 'Buy',
      orderType: 'Market',
      qty: 0.1,
      triggerPrice: 50_200,
      triggerDirection: 1,
    });
    gap.stepMinute(bar(1, 50_400, 50_500, 50_300, 50_450));
    expect(gap.fills[0]).toMatchObject({ price: 50_400, priceSource: 'open_gap', pathStep: 0 });
  });

  it('turns a triggered stop-limit into a resting maker limit when not marketable at the trigger point', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    // Sell stop-limit: triggers when price falls to 49,800, then rests at 49,900 (above the trigger point).
    sim.submitOrder({
      side: 'Sell',
      orderType: 'Limit',
      qty: 0.1,
      price: 49_900,
      triggerPrice: 49_800,
      triggerDirection: 2,
    });
    sim.stepMinute(bar(1, 50_000, 50_000, 49_700, 49_750));
    // A sell limit is marketable at the trigger point only if Plim ≤ 49,800; at 49,900 it rests.
    expect(sim.fills).toHaveLength(0);
    expect(sim.openOrders[0]).toMatchObject({ orderStatus: 'New', price: 49_900 });
    sim.stepMinute(bar(2, 49_750, 49_950, 49_700, 49_800));
    expect(sim.fills[0]).toMatchObject({ price: 49_900, liquidity: 'maker' });
  });
});

describe('one-way netting (§9.5)', () => {
  it('flips a long into a short with one fill per part and exit reason flip', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.1 });
    sim.stepMinute(flat(1, 50_000));
    sim.submitOrder({ side: 'Sell', orderType: 'Market', qty: 0.3 });
    sim.stepMinute(flat(2, 51_000));
    expect(sim.fills).toHaveLength(3);
    expect(sim.fills[1]).toMatchObject({ qty: 0.1, closedQty: 0.1, realizedPnl: 100 });
    expect(sim.fills[2]).toMatchObject({ qty: 0.2, closedQty: 0 });
    expect(sim.trades[0]).toMatchObject({ exitReason: 'flip', realizedPnl: 100 });
    expect(sim.position).toMatchObject({ side: 'short', qty: 0.2, avgEntryPrice: 51_000 });
  });

  it('averages the entry on an increase and keeps it on a reduction', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.1 });
    sim.stepMinute(flat(1, 50_000));
    sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.3 });
    sim.stepMinute(flat(2, 52_000));
    expect(sim.position!.avgEntryPrice).toBe(51_500);
    sim.submitOrder({ side: 'Sell', orderType: 'Market', qty: 0.2, reduceOnly: true });
    sim.stepMinute(flat(3, 52_500));
    expect(sim.position).toMatchObject({ qty: 0.2, avgEntryPrice: 51_500 });
    expect(sim.fills[2]!.realizedPnl).toBe(200);
  });
});

describe('reduce-only (§9.1, §9.2)', () => {
  it('rejects reduce-only while flat or on the position side, and clamps its qty to the position', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    expect(sim.submitOrder({ side: 'Sell', orderType: 'Market', qty: 0.1, reduceOnly: true })).toMatchObject({
      ok: false,
      reason: 'REDUCE_ONLY_NO_POSITION',
      retCode: 110017,
    });
    sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.1 });
    sim.stepMinute(flat(1, 50_000));
    expect(sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.1, reduceOnly: true }).reason).toBe(
      'REDUCE_ONLY_WRONG_SIDE',
    );
    sim.submitOrder({ side: 'Sell', orderType: 'Market', qty: 5, reduceOnly: true });
    sim.stepMinute(flat(2, 50_000));
    expect(sim.position).toBeNull();
    expect(sim.fills[1]!.qty).toBe(0.1);
  });

  it('cancels resting reduce-only orders when the position closes', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.1 });
    sim.stepMinute(flat(1, 50_000));
    const tp = sim.submitOrder({
      side: 'Sell',
      orderType: 'Limit',
      qty: 0.1,
      price: 52_000,
      reduceOnly: true,
    });
    sim.submitOrder({ side: 'Sell', orderType: 'Market', qty: 0.1, reduceOnly: true });
    sim.stepMinute(flat(2, 50_000));
    expect(sim.orders().find((o) => o.orderId === tp.id)).toMatchObject({
      orderStatus: 'Cancelled',
      cancelReason: 'POSITION_CLOSED',
    });
  });

  it('closes the whole position with qty 0 + reduceOnly + closeOnTrigger', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.25 });
    sim.stepMinute(flat(1, 50_000));
    expect(
      sim.submitOrder({ side: 'Sell', orderType: 'Market', qty: 0, reduceOnly: true, closeOnTrigger: true })
        .ok,
    ).toBe(true);
    sim.stepMinute(flat(2, 50_100));
    expect(sim.position).toBeNull();
    expect(sim.trades[0]).toMatchObject({ entryQty: 0.25, realizedPnl: 25, exitReason: 'order' });
  });
});

describe('rejections (§9.2, §17)', () => {
  it('rejects a resting limit whose order cost exceeds the available balance', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    expect(sim.submitOrder({ side: 'Buy', orderType: 'Limit', qty: 3, price: 49_000 })).toMatchObject({
      ok: false,
      reason: 'INSUFFICIENT_AVAILABLE_BALANCE',
      retCode: 110007,
    });
    expect(sim.events.at(-1)).toMatchObject({
      type: 'ORDER_REJECTED',
      reason: 'INSUFFICIENT_AVAILABLE_BALANCE',
    });
  });

  it('cancels a market order at arrival when its opening part fails the margin check', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    expect(sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 3 }).ok).toBe(true);
    sim.stepMinute(flat(1, 50_000));
    expect(sim.fills).toHaveLength(0);
    expect(sim.orders()[0]).toMatchObject({
      orderStatus: 'Cancelled',
      cancelReason: 'INSUFFICIENT_AVAILABLE_BALANCE',
    });
  });

  it('rejects bad parameters, off-range prices, duplicate link ids and TP/SL on the wrong side', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    expect(sim.submitOrder({ side: 'Buy', orderType: 'Limit', qty: 0.1 }).reason).toBe('INVALID_PARAMS');
    expect(sim.submitOrder({ side: 'Buy', orderType: 'Limit', qty: 0.1, price: 3_000_000 }).reason).toBe(
      'PRICE_OUT_OF_RANGE',
    );
    expect(sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.1, orderLinkId: 'a' }).ok).toBe(true);
    expect(sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.1, orderLinkId: 'a' }).reason).toBe(
      'DUPLICATE_ORDER_LINK_ID',
    );
    expect(sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.1, stopLoss: 51_000 }).reason).toBe(
      'TPSL_INVALID',
    );
    expect(sim.submitOrder({ side: 'Sell', orderType: 'Market', qty: 0.1, takeProfit: 51_000 }).reason).toBe(
      'TPSL_INVALID',
    );
    expect(sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.0001 }).reason).toBe(
      'QTY_TRUNCATED_TO_ZERO',
    );
  });

  it('answers every command with SIM_STOPPED after a stop and throws only for invalid bars', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    expect(() => sim.stepMinute(flat(0, 50_000))).toThrowError(/not after the previous bar/);
    expect(() => sim.stepMinute(bar(1, 50_000, 49_000, 49_500, 50_000))).toThrowError(/low must be/);
    expect(sim.stop('user_stopped').ok).toBe(true);
    expect(sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.1 }).reason).toBe('SIM_STOPPED');
    expect(sim.setLeverage(5).reason).toBe('SIM_STOPPED');
    expect(sim.result()).toMatchObject({ stopReason: 'user_stopped', isTerminal: false });
  });
});

describe('order book housekeeping', () => {
  it('drops filled orders from the live book so openOrders lists only live ones', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    for (let i = 0; i < 5; i++) {
      sim.submitOrder({
        side: i % 2 === 0 ? 'Buy' : 'Sell',
        orderType: 'Limit',
        qty: 0.01,
        price: 50_000 + (i % 2 === 0 ? -10 : 10),
      });
      sim.stepMinute(bar(1 + 2 * i, 50_000, 50_000, 50_000, 50_000));
      sim.stepMinute(bar(2 + 2 * i, 50_000, 50_020, 49_980, 50_000));
    }
    expect(sim.fills).toHaveLength(5);
    expect(sim.openOrders).toHaveLength(0);
    expect(sim.orders().every((o) => o.orderStatus === 'Filled')).toBe(true);
  });
});
