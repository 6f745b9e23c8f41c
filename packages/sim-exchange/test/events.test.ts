import { describe, expect, it } from 'vitest';
import { bar, flat, newSim } from './helpers';

describe('event stream (§16)', () => {
  it('emits accepted → arrived → filled → position opened for a market order, with increasing seq', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.1, tag: 'signal' });
    const report = sim.stepMinute(flat(1, 50_000));
    expect(sim.events.map((e) => e.type)).toEqual([
      'ORDER_ACCEPTED',
      'ORDER_ARRIVED',
      'POSITION_OPENED',
      'ORDER_FILLED',
    ]);
    expect(report.events.map((e) => e.type)).toEqual(['ORDER_ARRIVED', 'POSITION_OPENED', 'ORDER_FILLED']);
    const seqs = sim.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(sim.fills[0]!.tag).toBe('signal');
  });

  it('returns empty record arrays on a quiet bar', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    const report = sim.stepMinute(flat(1, 50_000));
    expect(report).toMatchObject({ fills: [], closedTrades: [], funding: [], events: [], stopped: false });
  });
});

describe('more command rules', () => {
  it('activates a trailing stop with activePrice only once the price reaches it', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.1 });
    sim.stepMinute(flat(1, 50_000));
    sim.setTradingStop({ trailingStop: 200, activePrice: 50_500 });
    sim.stepMinute(bar(2, 50_000, 50_300, 49_500, 50_100)); // not active: the dip does not trigger
    expect(sim.position).not.toBeNull();
    sim.stepMinute(bar(3, 50_100, 50_600, 50_050, 50_550)); // activated at the close: level 50,300
    expect(sim.events.some((e) => e.type === 'TRAILING_ACTIVATED')).toBe(true);
    sim.stepMinute(bar(4, 50_550, 50_560, 50_250, 50_300));
    expect(sim.trades[0]).toMatchObject({ exitReason: 'trailing', avgExitPrice: 50_300 });
  });

  it('limits partial TP/SL orders to 20', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.2 });
    sim.stepMinute(flat(1, 50_000));
    for (let i = 0; i < 20; i++) {
      expect(sim.setTradingStop({ tpslMode: 'Partial', takeProfit: 51_000 + i * 10, tpSize: 0.01 }).ok).toBe(
        true,
      );
    }
    expect(sim.setTradingStop({ tpslMode: 'Partial', takeProfit: 52_000, tpSize: 0.01 })).toMatchObject({
      ok: false,
      reason: 'TOO_MANY_PARTIAL_TPSL',
      retCode: 110061,
    });
  });

  it('stops a starved run when stopWhenStarved is set (not terminal)', () => {
    const sim = newSim({ initialWalletUsdt: 0.5 }, { stopWhenStarved: true });
    sim.stepMinute(flat(0, 20_000));
    expect(sim.result()).toMatchObject({ stopReason: 'strategy_starved', isTerminal: false });
    expect(sim.stepMinute(flat(1, 20_000)).stopped).toBe(true);
  });

  it('rejects amendments of unknown, final or invalid orders', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    expect(sim.amendOrder({ orderId: 'x', qty: 1 }).reason).toBe('ORDER_NOT_FOUND');
    const id = sim.submitOrder({ side: 'Buy', orderType: 'Limit', qty: 0.1, price: 49_000 }).id!;
    expect(sim.amendOrder({ orderId: id, qty: 0.0001 }).reason).toBe('QTY_TRUNCATED_TO_ZERO');
    expect(sim.amendOrder({ orderId: id, price: 2_500_000 }).reason).toBe('PRICE_OUT_OF_RANGE');
    expect(sim.amendOrder({ orderId: id, triggerPrice: 48_000 }).reason).toBe('INVALID_PARAMS');
    sim.cancelOrder(id);
    expect(sim.amendOrder({ orderId: id, qty: 0.2 }).reason).toBe('ORDER_ALREADY_FINAL');
  });
});

describe('configuration errors', () => {
  it('throws SimConfigError / TierTableError for invalid construction arguments', async () => {
    const { BTCUSDT_INSTRUMENT } = await import('@trade/core');
    const { SimExchange, SimConfigError, TierTableError } = await import('../src/index');
    expect(() => new SimExchange(BTCUSDT_INSTRUMENT, {}, { maxDrawdownPct: 150 })).toThrow(SimConfigError);
    expect(() => new SimExchange(BTCUSDT_INSTRUMENT, { leverage: 150 })).toThrow(SimConfigError);
    expect(() => new SimExchange(BTCUSDT_INSTRUMENT, {}, { marginCallMmRate: 1.5 })).toThrow(SimConfigError);
    expect(
      () => new SimExchange(BTCUSDT_INSTRUMENT, {}, { funding: { source: 'constant', rate: 0.01 } }),
    ).toThrow(SimConfigError);
    const badTiers = [...BTCUSDT_INSTRUMENT.riskTiers].reverse();
    expect(() => new SimExchange({ ...BTCUSDT_INSTRUMENT, riskTiers: badTiers })).toThrow(TierTableError);
  });
});

describe('the order that closes the position', () => {
  it('is reported filled only; the position closing deactivates the other stop', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.1 });
    sim.stepMinute(flat(1, 50_000));
    expect(sim.setTradingStop({ takeProfit: 50_500, stopLoss: 49_500 }).ok).toBe(true);
    const before = sim.events.length;
    sim.stepMinute(bar(2, 50_000, 50_600, 49_900, 50_550)); // TP touched, SL not
    const after = sim.events.slice(before);
    const tp = after.find((e) => e.type === 'TPSL_TRIGGERED' && e.kind === 'take_profit')!;
    const aboutTp = after.filter((e) => e.orderId === tp.orderId).map((e) => e.type);
    expect(aboutTp).toEqual(['ORDER_TRIGGERED', 'TPSL_TRIGGERED', 'ORDER_FILLED']);
    const sl = after.filter((e) => e.orderId !== tp.orderId && e.type === 'ORDER_DEACTIVATED');
    expect(sl).toHaveLength(1);
    expect(sl[0]).toMatchObject({ reason: 'POSITION_CLOSED' });
    expect(sim.trades[0]).toMatchObject({ exitReason: 'tp' });
  });

  it('a reduce-only limit that flattens the position is filled, not cancelled by the close it causes', () => {
    const sim = newSim();
    sim.stepMinute(flat(0, 50_000));
    sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.1 });
    sim.stepMinute(flat(1, 50_000));
    const ack = sim.submitOrder({
      side: 'Sell',
      orderType: 'Limit',
      qty: 0.1,
      price: 50_400,
      timeInForce: 'GTC',
      reduceOnly: true,
      tag: 'tp',
    });
    sim.stepMinute(flat(2, 50_000));
    const before = sim.events.length;
    sim.stepMinute(bar(3, 50_000, 50_450, 49_950, 50_420)); // trades through 50,400
    const mine = sim.events
      .slice(before)
      .filter((e) => e.orderId === ack.id)
      .map((e) => e.type);
    expect(mine).toEqual(['ORDER_FILLED']);
    expect(sim.fills.at(-1)).toMatchObject({ price: 50_400, liquidity: 'maker', tag: 'tp' });
  });
});
