import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BTCUSDT_INSTRUMENT, type Candles, findSharedDir, parseCandlesCsv } from '@trade/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Bar1m, type Fill, type OrderRequest, SimExchange, type SlippageModel } from '../src/index';

/**
 * Property tests over random command sequences on real BTCUSDT 1m bars (sim-exchange.md §5.3, §7.4, §10).
 * Every run also has `invariantChecks: "every_step"`, so L1–L5 are asserted after each command and bar.
 */

const shared = findSharedDir();
const candles: Candles | undefined =
  shared === undefined
    ? undefined
    : parseCandlesCsv(readFileSync(join(shared, 'data', 'klines', 'bybit', 'BTCUSDT_1m.csv'), 'utf8'));

const WINDOW = 240;

type Command =
  | { kind: 'market'; buy: boolean; qty: number; reduceOnly: boolean; tpPct: number; slPct: number }
  | { kind: 'limit'; buy: boolean; qty: number; offsetPct: number; reduceOnly: boolean }
  | { kind: 'stop'; buy: boolean; qty: number; offsetPct: number; reduceOnly: boolean }
  | { kind: 'tpsl'; tpPct: number; slPct: number }
  | { kind: 'trailing'; distancePct: number }
  | { kind: 'cancelAll' }
  | { kind: 'addMargin'; usdt: number }
  | { kind: 'close' };

const qtyArb = fc.integer({ min: 1, max: 400 }).map((n) => n / 1000);
const pctArb = fc.integer({ min: 1, max: 300 }).map((n) => n / 100); // 0.01 % .. 3 %
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constant('market' as const),
    buy: fc.boolean(),
    qty: qtyArb,
    reduceOnly: fc.boolean(),
    tpPct: fc.oneof(fc.constant(0), pctArb),
    slPct: fc.oneof(fc.constant(0), pctArb),
  }),
  fc.record({
    kind: fc.constant('limit' as const),
    buy: fc.boolean(),
    qty: qtyArb,
    offsetPct: pctArb,
    reduceOnly: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('stop' as const),
    buy: fc.boolean(),
    qty: qtyArb,
    offsetPct: pctArb,
    reduceOnly: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('tpsl' as const), tpPct: pctArb, slPct: pctArb }),
  fc.record({ kind: fc.constant('trailing' as const), distancePct: pctArb }),
  fc.constant({ kind: 'cancelAll' as const }),
  fc.record({ kind: fc.constant('addMargin' as const), usdt: fc.integer({ min: 1, max: 500 }) }),
  fc.constant({ kind: 'close' as const }),
);

const scenarioArb = fc.record({
  start: fc.integer({ min: 0, max: 43_200 - WINDOW - 1 }),
  leverage: fc.constantFrom(1, 2, 5, 10, 25, 50, 100),
  wallet: fc.constantFrom(500, 2_000, 10_000),
  fundingRate: fc.constantFrom(0, 0.0001, -0.0003, 0.00375),
  entryBuy: fc.boolean(),
  commands: fc.array(fc.tuple(fc.integer({ min: 0, max: WINDOW - 1 }), commandArb), {
    minLength: 5,
    maxLength: 40,
  }),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never;

function barAt(c: Candles, i: number, shiftMs: number): Bar1m {
  return {
    openTime: c.ts[i]! + shiftMs,
    open: c.open[i]!,
    high: c.high[i]!,
    low: c.low[i]!,
    close: c.close[i]!,
    volume: c.volume[i]!,
  };
}

function apply(sim: SimExchange, cmd: Command, last: number): void {
  const side = (buy: boolean): 'Buy' | 'Sell' => (buy ? 'Buy' : 'Sell');
  const pos = sim.position;
  switch (cmd.kind) {
    case 'market': {
      const req: OrderRequest = {
        side: side(cmd.buy),
        orderType: 'Market',
        qty: cmd.qty,
        reduceOnly: cmd.reduceOnly,
      };
      const s = cmd.buy ? 1 : -1;
      const withStops =
        cmd.reduceOnly || (cmd.tpPct === 0 && cmd.slPct === 0)
          ? req
          : {
              ...req,
              ...(cmd.tpPct > 0 ? { takeProfit: last * (1 + (s * cmd.tpPct) / 100) } : {}),
              ...(cmd.slPct > 0 ? { stopLoss: last * (1 - (s * cmd.slPct) / 100) } : {}),
            };
      sim.submitOrder(withStops);
      return;
    }
    case 'limit': {
      const price = last * (1 + ((cmd.buy ? -1 : 1) * cmd.offsetPct) / 100);
      sim.submitOrder({
        side: side(cmd.buy),
        orderType: 'Limit',
        qty: cmd.qty,
        price,
        reduceOnly: cmd.reduceOnly,
      });
      return;
    }
    case 'stop': {
      const up = cmd.buy;
      const triggerPrice = last * (1 + ((up ? 1 : -1) * cmd.offsetPct) / 100);
      sim.submitOrder({
        side: side(cmd.buy),
        orderType: 'Market',
        qty: cmd.qty,
        triggerPrice,
        triggerDirection: up ? 1 : 2,
        reduceOnly: cmd.reduceOnly,
      });
      return;
    }
    case 'tpsl': {
      if (pos === null) return;
      const s = pos.side === 'long' ? 1 : -1;
      sim.setTradingStop({
        takeProfit: last * (1 + (s * cmd.tpPct) / 100),
        stopLoss: last * (1 - (s * cmd.slPct) / 100),
      });
      return;
    }
    case 'trailing':
      if (pos !== null) sim.setTradingStop({ trailingStop: (last * cmd.distancePct) / 100 });
      return;
    case 'cancelAll':
      sim.cancelAllOrders();
      return;
    case 'addMargin':
      sim.addMargin(cmd.usdt);
      return;
    case 'close':
      if (pos !== null) sim.closePosition({ reason: 'order' });
      return;
  }
}

interface RunRecord {
  sim: SimExchange;
  bars: Map<number, Bar1m>;
  /** PM before a step whose only change was one full liquidation, with that liquidation's fill. */
  liquidations: { pmBefore: number; fill: Fill }[];
  flatWalletsNonNegative: boolean;
}

function runScenario(c: Candles, s: Scenario, slippage: SlippageModel): RunRecord {
  const sim = new SimExchange(
    BTCUSDT_INSTRUMENT,
    { initialWalletUsdt: s.wallet, leverage: s.leverage, slippage },
    { invariantChecks: 'every_step', funding: { source: 'constant', rate: s.fundingRate } },
  );
  const byBar = new Map<number, Command[]>();
  // Every run starts with an entry so positions, stops and liquidations are exercised, not just rejections.
  byBar.set(0, [{ kind: 'market', buy: s.entryBuy, qty: 0.2, reduceOnly: false, tpPct: 0, slPct: 0 }]);
  for (const [i, cmd] of s.commands) byBar.set(i, [...(byBar.get(i) ?? []), cmd]);
  const bars = new Map<number, Bar1m>();
  const liquidations: RunRecord['liquidations'] = [];
  let flatWalletsNonNegative = true;
  for (let k = 0; k < WINDOW && !sim.stopped; k++) {
    const b = barAt(c, s.start + k, 0);
    bars.set(b.openTime, b);
    for (const cmd of byBar.get(k) ?? []) apply(sim, cmd, k === 0 ? b.open : c.close[s.start + k - 1]!);
    const pmBefore = sim.position?.positionIM ?? 0;
    const report = sim.stepMinute(b);
    if (
      report.fills.length === 1 &&
      report.fills[0]!.execType === 'Liquidation' &&
      report.funding.length === 0
    ) {
      liquidations.push({ pmBefore, fill: report.fills[0]! });
    }
    if (sim.position === null && sim.ledger.walletBalance < 0) flatWalletsNonNegative = false;
  }
  if (!sim.stopped) sim.stop('end_of_data');
  return { sim, bars, liquidations, flatWalletsNonNegative };
}

const units = (s: string): bigint => BigInt(s.replace('.', ''));

describe.skipIf(candles === undefined)('properties on real BTCUSDT 1m bars', () => {
  const c = candles!;

  it('Σ trade netPnl + Σ funding equals the wallet (= equity) change exactly at 8 dp', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { sim } = runScenario(c, s, { kind: 'fixed_bps', bps: 2 });
        const r = sim.result();
        const net = sim.trades.reduce((acc, t) => acc + units(t.netPnlString), 0n);
        const funding = sim.fundingRecords().reduce((acc, f) => acc + units(f.cashFlowString), 0n);
        expect(sim.position).toBeNull();
        expect(units(r.finalWalletString) - BigInt(s.wallet) * 100_000_000n).toBe(net + funding);
        expect(r.finalEquity).toBe(r.finalWallet);
      }),
      { numRuns: 60, seed: 20261124 },
    );
  });

  it('a full liquidation loses exactly the position margin, and flat wallets never go negative', () => {
    let liquidationsSeen = 0;
    fc.assert(
      fc.property(scenarioArb, (s) => {
        // 100x from the first bar, so most runs reach a liquidation.
        const rec = runScenario(c, { ...s, leverage: 100, wallet: 2_000 }, { kind: 'none' });
        for (const { pmBefore, fill } of rec.liquidations) {
          liquidationsSeen++;
          expect(units(fill.realizedPnlString) - units(fill.feeString)).toBe(
            -BigInt(Math.round(pmBefore * 1e8)),
          );
        }
        expect(rec.flatWalletsNonNegative).toBe(true);
      }),
      { numRuns: 60, seed: 7 },
    );
    expect(liquidationsSeen).toBeGreaterThan(5);
  });

  it('never fills outside the 1m bar range (no slippage; bankruptcy settlements excepted)', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { sim, bars } = runScenario(c, s, { kind: 'none' });
        for (const f of sim.fills) {
          if (f.execType === 'Liquidation') continue;
          const b = bars.get(f.time)!;
          expect(f.price, `${f.fillId} ${f.execType}`).toBeGreaterThanOrEqual(b.low);
          expect(f.price, `${f.fillId} ${f.execType}`).toBeLessThanOrEqual(b.high);
        }
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('reduce-only orders and position stops never increase exposure', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { sim } = runScenario(c, s, { kind: 'fixed_bps', bps: 2 });
        const reducing = new Set(
          sim
            .orders()
            .filter((o) => o.reduceOnly)
            .map((o) => o.orderId),
        );
        let qty = 0;
        for (const f of sim.fills) {
          if (f.orderId !== null && reducing.has(f.orderId)) {
            expect(f.closedQty).toBe(f.qty);
            expect(f.positionQtyAfter).toBeLessThan(qty);
          }
          qty = f.positionQtyAfter;
        }
      }),
      { numRuns: 60, seed: 3 },
    );
  });
});
