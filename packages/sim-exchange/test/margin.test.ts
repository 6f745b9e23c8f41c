import { describe, expect, it } from 'vitest';
import { liquidationPrice } from '../src/index';
import { bar, flat, newSim, T0 } from './helpers';

function openLong(qty: number, leverage: number, wallet = 10_000) {
  const sim = newSim({ leverage, initialWalletUsdt: wallet });
  sim.stepMinute(flat(0, 20_000));
  sim.submitOrder({ side: 'Buy', orderType: 'Market', qty });
  sim.stepMinute(flat(1, 20_000));
  return sim;
}

describe('isolated margin (§6, §8)', () => {
  it('books PM = IM + fee to close and reports the liquidation price of the shared formula', () => {
    const sim = openLong(1, 50);
    const p = sim.position!;
    expect(p.positionIM).toBeCloseTo(400 + 10.78, 8);
    const lp = liquidationPrice({
      side: 'long',
      qty: 1,
      entryPrice: 20_000,
      marginExFeeToClose: p.positionIM - p.feeToClose,
      tiers: sim.instrument.riskTiers,
      tickSize: 0.1,
    });
    expect(p.liqPrice).toBe(lp.liqPrice);
    expect(p.liqPriceExact).toBe(lp.liqPriceExact);
  });

  it('moves the liquidation price with added margin and refuses to withdraw more than was added', () => {
    const sim = openLong(1, 50);
    const before = sim.position!.liqPrice!;
    expect(sim.addMargin(100).ok).toBe(true);
    expect(sim.position!.extraMargin).toBe(100);
    expect(sim.position!.liqPrice!).toBeLessThan(before);
    expect(sim.reduceMargin(150)).toMatchObject({
      ok: false,
      reason: 'MARGIN_REDUCE_TOO_MUCH',
      retCode: 110078,
    });
    expect(sim.reduceMargin(100).ok).toBe(true);
    expect(sim.position!.liqPrice).toBe(before);
    expect(sim.addMargin(1_000_000)).toMatchObject({
      ok: false,
      reason: 'INSUFFICIENT_AVAILABLE_BALANCE',
      retCode: 110014,
    });
  });

  it('recomputes PM on a leverage change and refuses an unchanged or off-grid leverage', () => {
    const sim = openLong(1, 50);
    expect(sim.setLeverage(50)).toMatchObject({
      ok: false,
      reason: 'LEVERAGE_NOT_MODIFIED',
      retCode: 110043,
    });
    expect(sim.setLeverage(10.005).reason).toBe('LEVERAGE_INVALID');
    expect(sim.setLeverage(10).ok).toBe(true);
    // 20,000/10 + 20,000·0.9·0.00055
    expect(sim.position!.positionIM).toBeCloseTo(2_009.9, 8);
    expect(sim.position!.leverage).toBe(10);
  });

  it('liquidates a short on a gap past the bankruptcy price with the loss capped at PM', () => {
    const sim = newSim({ leverage: 25 });
    sim.stepMinute(flat(0, 20_000));
    sim.submitOrder({ side: 'Sell', orderType: 'Market', qty: 0.4 });
    sim.stepMinute(flat(1, 20_000));
    const pm = sim.position!.positionIM;
    const walletBefore = sim.ledger.walletBalance;
    sim.stepMinute(bar(2, 23_000, 23_500, 22_900, 23_400));
    const trade = sim.trades[0]!;
    expect(trade.exitReason).toBe('liquidation');
    expect(trade.realizedPnl - trade.exitFees).toBeCloseTo(-pm, 8);
    expect(sim.ledger.walletBalance).toBeCloseTo(walletBefore - pm, 8);
    expect(sim.fills.at(-1)).toMatchObject({
      execType: 'Liquidation',
      priceSource: 'bankruptcy',
      pathStep: 0,
    });
    expect(sim.result()).toMatchObject({ stopReason: 'liquidated', isTerminal: true });
  });
});

describe('tier step-down (§7.4)', () => {
  it('repeats the step-down at a gapped open until the position survives or is fully liquidated', () => {
    const sim = newSim({ leverage: 50, initialWalletUsdt: 100_000 });
    sim.stepMinute(flat(0, 50_000));
    sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 50 });
    sim.stepMinute(flat(1, 50_000));
    expect(sim.position!.tier).toBe(2);
    sim.stepMinute(bar(2, 49_100, 49_150, 49_050, 49_100));
    const kinds = sim.fills.map((f) => [f.execType, f.price]);
    expect(kinds[1]).toEqual(['PartialLiquidation', 49_100]);
    expect(kinds[2]![0]).toBe('Liquidation');
    expect(kinds[2]![1]).toBeCloseTo(49_000, 9);
    expect(sim.trades[0]).toMatchObject({ exitReason: 'liquidation', partialLiquidations: 1 });
    expect(
      sim.events.some((e) => e.type === 'PARTIAL_LIQUIDATION' && e.fromTier === 2 && e.toTier === 1),
    ).toBe(true);
  });

  it('survives a step-down when the mark turns before the new liquidation price', () => {
    const sim = newSim({ leverage: 50, initialWalletUsdt: 100_000 });
    sim.stepMinute(flat(0, 50_000));
    sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 50 });
    sim.stepMinute(flat(1, 50_000));
    sim.stepMinute(bar(2, 50_000, 50_000, 49_250, 49_400));
    expect(sim.position).toMatchObject({ qty: 40.607, liqPrice: 49_246.3 });
    expect(sim.stopped).toBe(false);
    expect(sim.result().counters.partialLiquidations).toBe(1);
  });
});

describe('funding (§13)', () => {
  it('takes a funding shortfall from position margin and recomputes the liquidation price', () => {
    // Whole wallet in the position: available after entry is tiny, so funding drains PM.
    const sim = newSim(
      { leverage: 1, initialWalletUsdt: 10_000 },
      { funding: { source: 'constant', rate: 0.00375 } },
    );
    sim.stepMinute(bar(478, 20_000, 20_000, 20_000, 20_000));
    sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.499 });
    sim.stepMinute(bar(479, 20_000, 20_000, 20_000, 20_000));
    const availableBefore = sim.ledger.availableBalance;
    const pmBefore = sim.position!.positionIM;
    sim.stepMinute(bar(480, 20_000, 20_000, 20_000, 20_000)); // 08:00 funding
    const rec = sim.fundingRecords()[0]!;
    expect(rec).toMatchObject({
      time: T0 + 480 * 60_000,
      markPrice: 20_000,
      side: 'long',
      cashFlow: -37.425,
    });
    expect(availableBefore).toBeLessThan(37.425);
    expect(sim.position!.positionIM).toBeCloseTo(pmBefore - (37.425 - availableBefore), 8);
    expect(sim.position!.liqPrice).not.toBeNull();
    expect(sim.ledger.availableBalance).toBeCloseTo(0, 8);
  });

  it('reports a missing history row at a grid time and settles the stored ones', () => {
    const t480 = T0 + 480 * 60_000;
    const sim = newSim(
      {},
      { funding: { source: 'history', rates: [{ fundingTime: t480 + 480 * 60_000, rate: -0.0001 }] } },
    );
    sim.stepMinute(flat(479, 20_000));
    sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.1 });
    sim.stepMinute(flat(480, 20_000));
    sim.stepMinute(flat(960, 20_000)); // data gap up to 16:00
    expect(sim.result()).toMatchObject({
      fundingMissing: 1,
      fundingEvents: 1,
      dataGaps: 1,
      fundingSource: 'history',
    });
    expect(sim.fundingRecords()[0]!.cashFlow).toBe(0.2);
    expect(sim.events.some((e) => e.type === 'DATA_GAP')).toBe(true);
  });
});

describe('run termination (§14)', () => {
  it('stops at max drawdown at a 1m close and closes the position at the slipped close', () => {
    const sim = newSim({ leverage: 10 }, { maxDrawdownPct: 5 });
    sim.stepMinute(flat(0, 20_000));
    sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 4 });
    sim.stepMinute(flat(1, 20_000));
    sim.stepMinute(bar(2, 20_000, 20_000, 19_700, 19_750));
    expect(sim.result()).toMatchObject({ stopReason: 'max_drawdown_hit', isTerminal: true });
    expect(sim.trades[0]).toMatchObject({ exitReason: 'max_drawdown', avgExitPrice: 19_750 });
    expect(sim.fills.at(-1)).toMatchObject({ execType: 'ForcedClose', priceSource: 'close' });
  });

  it('closes at the last close on end_of_data and the D1 identity holds exactly', () => {
    const sim = newSim({ slippage: { kind: 'fixed_bps', bps: 2 } });
    sim.stepMinute(flat(0, 20_000));
    sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.123 });
    sim.stepMinute(bar(1, 20_000, 20_100, 19_900, 20_050));
    sim.stop('end_of_data');
    const r = sim.result();
    expect(r.stopReason).toBe('end_of_data');
    const units = (s: string) => BigInt(s.replace('.', ''));
    const net = sim.trades.reduce((s, t) => s + units(t.netPnlString), 0n);
    expect(units(r.finalWalletString) - 1_000_000_000_000n).toBe(net);
    expect(sim.trades[0]!.exitReason).toBe('end_of_data');
  });

  it('flags a starved account once and keeps running unless stopWhenStarved', () => {
    const sim = newSim({ initialWalletUsdt: 0.5 });
    sim.stepMinute(flat(0, 20_000));
    sim.stepMinute(flat(1, 20_000));
    expect(sim.events.filter((e) => e.type === 'STRATEGY_STARVED')).toHaveLength(1);
    expect(sim.stopped).toBe(false);
  });

  it('is deterministic: identical inputs give identical records', () => {
    const run = () => {
      const sim = newSim(
        { slippage: { kind: 'fixed_bps', bps: 3 } },
        { funding: { source: 'constant', rate: 0.0001 } },
      );
      sim.stepMinute(flat(470, 20_000));
      sim.submitOrder({ side: 'Buy', orderType: 'Limit', qty: 0.2, price: 19_950, stopLoss: 19_000 });
      for (let i = 471; i < 500; i++)
        sim.stepMinute(bar(i, 20_000, 20_000 + i, 19_900, 20_000 + (i % 7) * 10));
      return JSON.stringify([sim.fills, sim.trades, sim.events, sim.fundingRecords(), sim.snapshots()]);
    };
    expect(run()).toBe(run());
  });
});
