import { BTCUSDT_INSTRUMENT } from '@trade/core';
import { type AccountConfig, type Bar1m, SimExchange, type SimOptions } from '@trade/sim-exchange';

/**
 * The named order-type scenarios of `validation.md` §6.5, each a sub-check with its own assertions against the
 * public API of `@trade/sim-exchange`. Expected numbers are worked by hand from `sim-exchange.md` (§9 orders,
 * §10 fill rules, §11 path, §12 TP/SL, §7 liquidation), never read back from the simulator.
 */

/** 2024-01-01T00:00:00Z. */
const T0 = 1_704_067_200_000;

function bar(i: number, open: number, high: number, low: number, close: number): Bar1m {
  return { openTime: T0 + i * 60_000, open, high, low, close };
}

function flat(i: number, price: number): Bar1m {
  return bar(i, price, price, price, price);
}

/** BTCUSDT fixture, 10 000 USDT, 10x, no slippage (so fill prices are the spec's raw prices), §5.3 identities on. */
function newSim(account: AccountConfig = {}, options: SimOptions = {}): SimExchange {
  return new SimExchange(
    BTCUSDT_INSTRUMENT,
    { initialWalletUsdt: 10_000, leverage: 10, slippage: { kind: 'none' }, ...account },
    { invariantChecks: 'every_step', ...options },
  );
}

/**
 * Records the assertions of one scenario. `expect` hooks every expected value so a test can inject a wrong
 * expectation (the gate must then fail with that scenario's line).
 */
export class ScenarioChecker {
  readonly failures: string[] = [];
  assertions = 0;

  constructor(private readonly perturb?: (label: string, expected: unknown) => unknown) {}

  /** `actual` equals `expected` (numbers within `tol` absolute, default 1e-9; others by Object.is). */
  eq(label: string, actual: unknown, expected: unknown, tol = 1e-9): void {
    this.assertions++;
    const want = this.perturb === undefined ? expected : this.perturb(label, expected);
    const ok =
      typeof want === 'number' && typeof actual === 'number'
        ? Math.abs(actual - want) <= tol || Object.is(actual, want)
        : Object.is(actual, want);
    if (!ok) this.failures.push(`${label}: expected ${show(want)}, got ${show(actual)}`);
  }
}

function show(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

export interface SimScenario {
  readonly name: string;
  readonly run: (c: ScenarioChecker) => void;
}

/** The last fill, or undefined. */
function lastFill(sim: SimExchange) {
  return sim.fills[sim.fills.length - 1];
}

function order(sim: SimExchange, id: string | undefined) {
  return sim.orders().find((o) => o.orderId === id);
}

/** Opens a long of `qty` at 50 000 (market order filled at the open of bar 1); bar 0 supplies the last close. */
function openLong(sim: SimExchange, qty: number, extra: Record<string, number> = {}): void {
  sim.stepMinute(flat(0, 50_000));
  sim.submitOrder({ side: 'Buy', orderType: 'Market', qty, ...extra });
  sim.stepMinute(flat(1, 50_000));
}

export const SIM_SCENARIOS: readonly SimScenario[] = [
  {
    name: 'market_next_open',
    run(c) {
      const sim = newSim();
      sim.stepMinute(flat(0, 50_000));
      const ack = sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.1 });
      c.eq('ack.ok', ack.ok, true);
      // Submitted between two bars: nothing fills before the next bar's open (§3.2).
      c.eq('fills before next bar', sim.fills.length, 0);
      sim.stepMinute(bar(1, 50_100, 50_200, 50_000, 50_150));
      const f = lastFill(sim);
      c.eq('fill.price', f?.price, 50_100);
      c.eq('fill.priceSource', f?.priceSource, 'open');
      c.eq('fill.liquidity', f?.liquidity, 'taker');
      // 0.1 × 50 100 × 0.00055 = 2.7555
      c.eq('fill.fee', f?.fee, 2.7555);
      c.eq('position.side', sim.position?.side, 'long');
      c.eq('position.avgEntryPrice', sim.position?.avgEntryPrice, 50_100);
    },
  },
  {
    name: 'limit_maker_fill',
    run(c) {
      const sim = newSim();
      sim.stepMinute(flat(0, 50_000));
      const ack = sim.submitOrder({
        side: 'Buy',
        orderType: 'Limit',
        qty: 0.1,
        price: 49_900,
        timeInForce: 'GTC',
      });
      // Low exactly at the limit: queue assumption, no fill (§10.1).
      sim.stepMinute(bar(1, 50_000, 50_050, 49_900, 49_950));
      c.eq('fills after touch', sim.fills.length, 0);
      c.eq('status after touch', order(sim, ack.id)?.orderStatus, 'New');
      sim.stepMinute(bar(2, 49_950, 49_960, 49_850, 49_900));
      const f = lastFill(sim);
      c.eq('fill.price', f?.price, 49_900);
      c.eq('fill.liquidity', f?.liquidity, 'maker');
      // 0.1 × 49 900 × 0.0002 = 0.998
      c.eq('fill.fee', f?.fee, 0.998);
      c.eq('status', order(sim, ack.id)?.orderStatus, 'Filled');
    },
  },
  {
    name: 'limit_ioc',
    run(c) {
      const sim = newSim();
      sim.stepMinute(flat(0, 50_000));
      const rest = { side: 'Buy', orderType: 'Limit', qty: 0.1, timeInForce: 'IOC' } as const;
      const passive = sim.submitOrder({ ...rest, price: 49_900 });
      const marketable = sim.submitOrder({ ...rest, price: 50_100 });
      // The bar later trades below 49 900, but IOC is decided at arrival only.
      sim.stepMinute(bar(1, 50_000, 50_050, 49_800, 49_950));
      c.eq('passive.status', order(sim, passive.id)?.orderStatus, 'Cancelled');
      c.eq('passive.cancelReason', order(sim, passive.id)?.cancelReason, 'IOC_NOT_FILLED');
      c.eq('fills', sim.fills.length, 1);
      const f = lastFill(sim);
      c.eq('marketable.fill.orderId', f?.orderId, marketable.id);
      // Buy marketable at arrival: min(Plim, O) = 50 000, taker.
      c.eq('marketable.fill.price', f?.price, 50_000);
      c.eq('marketable.fill.liquidity', f?.liquidity, 'taker');
    },
  },
  {
    name: 'limit_fok',
    run(c) {
      const sim = newSim();
      sim.stepMinute(flat(0, 50_000));
      const passive = sim.submitOrder({
        side: 'Sell',
        orderType: 'Limit',
        qty: 0.1,
        price: 50_100,
        timeInForce: 'FOK',
      });
      sim.stepMinute(bar(1, 50_000, 50_200, 49_990, 50_050));
      c.eq('passive.status', order(sim, passive.id)?.orderStatus, 'Cancelled');
      c.eq('passive.cancelReason', order(sim, passive.id)?.cancelReason, 'FOK_NOT_FILLED');
      c.eq('fills after passive', sim.fills.length, 0);
      sim.submitOrder({ side: 'Buy', orderType: 'Limit', qty: 0.1, price: 50_200, timeInForce: 'FOK' });
      sim.stepMinute(bar(2, 50_050, 50_100, 50_000, 50_080));
      const f = lastFill(sim);
      c.eq('marketable.fill.price', f?.price, 50_050);
      c.eq('marketable.fill.qty', f?.qty, 0.1);
      c.eq('marketable.fill.liquidity', f?.liquidity, 'taker');
    },
  },
  {
    name: 'limit_postonly_reject',
    run(c) {
      const sim = newSim();
      sim.stepMinute(flat(0, 50_000));
      const po = { side: 'Buy', orderType: 'Limit', qty: 0.1, timeInForce: 'PostOnly' } as const;
      const taking = sim.submitOrder({ ...po, price: 50_100 });
      const resting = sim.submitOrder({ ...po, price: 49_900 });
      sim.stepMinute(bar(1, 50_000, 50_010, 49_950, 49_980));
      c.eq('taking.status', order(sim, taking.id)?.orderStatus, 'Cancelled');
      c.eq('taking.cancelReason', order(sim, taking.id)?.cancelReason, 'POST_ONLY_WOULD_TAKE');
      c.eq('resting.status', order(sim, resting.id)?.orderStatus, 'New');
      c.eq('fills', sim.fills.length, 0);
      sim.stepMinute(bar(2, 49_980, 49_990, 49_800, 49_850));
      c.eq('resting.fill.price', lastFill(sim)?.price, 49_900);
      c.eq('resting.fill.liquidity', lastFill(sim)?.liquidity, 'maker');
    },
  },
  {
    name: 'stop_market_trigger',
    run(c) {
      const sim = newSim();
      sim.stepMinute(flat(0, 50_000));
      const ack = sim.submitOrder({
        side: 'Buy',
        orderType: 'Market',
        qty: 0.1,
        triggerPrice: 50_200,
        triggerDirection: 1,
      });
      sim.stepMinute(bar(1, 50_000, 50_100, 49_950, 50_050));
      c.eq('status below trigger', order(sim, ack.id)?.orderStatus, 'Untriggered');
      c.eq('fills below trigger', sim.fills.length, 0);
      // Conditional orders hold no margin before the trigger (§9.4).
      c.eq('ledger.orderIM', sim.ledger.orderIM, 0);
      sim.stepMinute(bar(2, 50_050, 50_300, 50_000, 50_250));
      const f = lastFill(sim);
      c.eq('fill.price', f?.price, 50_200);
      c.eq('fill.priceSource', f?.priceSource, 'trigger');
      c.eq('fill.liquidity', f?.liquidity, 'taker');
      c.eq('status', order(sim, ack.id)?.orderStatus, 'Filled');
    },
  },
  {
    name: 'stop_market_gap_open',
    run(c) {
      const sim = newSim();
      sim.stepMinute(flat(0, 50_000));
      sim.submitOrder({
        side: 'Buy',
        orderType: 'Market',
        qty: 0.1,
        triggerPrice: 50_200,
        triggerDirection: 1,
      });
      sim.stepMinute(flat(1, 50_000));
      // The bar opens beyond the trigger: fill at the (worse) open, not at the trigger (§10.2).
      sim.stepMinute(bar(2, 50_500, 50_600, 50_400, 50_550));
      const f = lastFill(sim);
      c.eq('fill.price', f?.price, 50_500);
      c.eq('fill.priceSource', f?.priceSource, 'open_gap');
      c.eq('fill.pathStep', f?.pathStep, 0);
    },
  },
  {
    name: 'stop_limit_becomes_limit',
    run(c) {
      const sim = newSim();
      sim.stepMinute(flat(0, 50_000));
      const ack = sim.submitOrder({
        side: 'Buy',
        orderType: 'Limit',
        qty: 0.1,
        price: 50_150,
        triggerPrice: 50_200,
        triggerDirection: 1,
      });
      // Triggers at 50 200; the limit 50 150 is below the trigger-point price, so it rests (§10.1 stop-limit).
      sim.stepMinute(bar(1, 50_000, 50_250, 49_990, 50_220));
      c.eq('fills at trigger', sim.fills.length, 0);
      c.eq('status after trigger', order(sim, ack.id)?.orderStatus, 'New');
      sim.stepMinute(bar(2, 50_220, 50_230, 50_100, 50_120));
      const f = lastFill(sim);
      c.eq('fill.price', f?.price, 50_150);
      c.eq('fill.liquidity', f?.liquidity, 'maker');
      // 0.1 × 50 150 × 0.0002 = 1.003
      c.eq('fill.fee', f?.fee, 1.003);
    },
  },
  {
    name: 'reduce_only_no_flip',
    run(c) {
      const flatSim = newSim();
      flatSim.stepMinute(flat(0, 50_000));
      const none = flatSim.submitOrder({ side: 'Sell', orderType: 'Market', qty: 0.1, reduceOnly: true });
      c.eq('flat.ack.ok', none.ok, false);
      c.eq('flat.ack.reason', none.reason, 'REDUCE_ONLY_NO_POSITION');
      c.eq('flat.ack.retCode', none.retCode, 110017);
      const sim = newSim();
      openLong(sim, 0.1);
      sim.submitOrder({ side: 'Sell', orderType: 'Market', qty: 0.3, reduceOnly: true });
      sim.stepMinute(flat(2, 50_500));
      const f = lastFill(sim);
      // Clamped to the position at fill: closes 0.1, never opens a 0.2 short.
      c.eq('fill.qty', f?.qty, 0.1);
      c.eq('position', sim.position, null);
      c.eq('trades', sim.trades.length, 1);
      // 0.1 × (50 500 − 50 000) = 50
      c.eq('trade.realizedPnl', sim.trades[0]?.realizedPnl, 50);
      c.eq('trade.exitReason', sim.trades[0]?.exitReason, 'order');
    },
  },
  {
    name: 'tpsl_attached',
    run(c) {
      const sim = newSim();
      openLong(sim, 0.1, { takeProfit: 51_000, stopLoss: 49_000 });
      c.eq('position.takeProfit', sim.position?.takeProfit, 51_000);
      c.eq('position.stopLoss', sim.position?.stopLoss, 49_000);
      sim.stepMinute(bar(2, 50_000, 51_100, 49_900, 51_050));
      const t = sim.trades[0];
      c.eq('trade.exitReason', t?.exitReason, 'tp');
      c.eq('trade.avgExitPrice', t?.avgExitPrice, 51_000);
      // 0.1 × 1000 = 100; fees 0.1·50 000·0.00055 + 0.1·51 000·0.00055 = 2.75 + 2.805
      c.eq('trade.realizedPnl', t?.realizedPnl, 100);
      c.eq('trade.fees', t?.fees, 5.555);
      const sl = sim.orders().find((o) => o.role === 'stop_loss');
      c.eq('stop_loss.status', sl?.orderStatus, 'Deactivated');
      c.eq('position', sim.position, null);
    },
  },
  {
    name: 'sl_wins_same_bar',
    run(c) {
      const sim = newSim();
      openLong(sim, 0.1, { takeProfit: 51_000, stopLoss: 49_000 });
      // Both levels inside one bar: the long's adverse extreme comes first (§11.2, §11.4).
      sim.stepMinute(bar(2, 50_000, 51_500, 48_500, 50_000));
      const t = sim.trades[0];
      c.eq('trades', sim.trades.length, 1);
      c.eq('trade.exitReason', t?.exitReason, 'sl');
      c.eq('trade.avgExitPrice', t?.avgExitPrice, 49_000);
      c.eq('trade.realizedPnl', t?.realizedPnl, -100);
      c.eq('fills', sim.fills.length, 2);
    },
  },
  {
    name: 'partial_close',
    run(c) {
      const sim = newSim();
      openLong(sim, 0.2);
      sim.submitOrder({ side: 'Sell', orderType: 'Market', qty: 0.05 });
      sim.stepMinute(flat(2, 50_500));
      c.eq('position.qty', sim.position?.qty, 0.15);
      c.eq('position.avgEntryPrice', sim.position?.avgEntryPrice, 50_000);
      // Realized on the closed 0.05 only: 0.05 × 500 = 25.
      c.eq('fill.closedQty', lastFill(sim)?.closedQty, 0.05);
      c.eq('fill.realizedPnl', lastFill(sim)?.realizedPnl, 25);
      c.eq('closed trades', sim.trades.length, 0);
      c.eq('openTrade.partialCloses', sim.openTrade()?.partialCloses, 1);
      sim.submitOrder({ side: 'Sell', orderType: 'Market', qty: 0.15 });
      sim.stepMinute(flat(3, 49_800));
      // 25 + 0.15 × (49 800 − 50 000) = 25 − 30 = −5
      c.eq('trade.realizedPnl', sim.trades[0]?.realizedPnl, -5);
      c.eq('position', sim.position, null);
    },
  },
  {
    name: 'amend',
    run(c) {
      const sim = newSim();
      sim.stepMinute(flat(0, 50_000));
      const ack = sim.submitOrder({ side: 'Buy', orderType: 'Limit', qty: 0.1, price: 49_000 });
      sim.stepMinute(flat(1, 50_000));
      const amended = sim.amendOrder({ orderId: ack.id ?? '', price: 49_500, qty: 0.2 });
      c.eq('amend.ok', amended.ok, true);
      // Low 49 400: through the amended price, above the original 49 000.
      sim.stepMinute(bar(2, 50_000, 50_000, 49_400, 49_800));
      const f = lastFill(sim);
      c.eq('fill.price', f?.price, 49_500);
      c.eq('fill.qty', f?.qty, 0.2);
      c.eq('fill.liquidity', f?.liquidity, 'maker');
      const final = sim.amendOrder({ orderId: ack.id ?? '', price: 49_600 });
      c.eq('final.reason', final.reason, 'ORDER_ALREADY_FINAL');
      c.eq('final.retCode', final.retCode, 110008);
      const unknown = sim.amendOrder({ orderId: 'no-such-order', price: 49_600 });
      c.eq('unknown.reason', unknown.reason, 'ORDER_NOT_FOUND');
      c.eq('unknown.retCode', unknown.retCode, 110001);
    },
  },
  {
    name: 'cancel',
    run(c) {
      const sim = newSim();
      sim.stepMinute(flat(0, 50_000));
      const ack = sim.submitOrder({ side: 'Buy', orderType: 'Limit', qty: 0.1, price: 49_500 });
      // A resting opening limit reserves its order cost at acceptance (§9.4).
      c.eq('orderIM reserved', sim.ledger.orderIM > 0, true);
      const cancelled = sim.cancelOrder(ack.id ?? '');
      c.eq('cancel.ok', cancelled.ok, true);
      c.eq('status', order(sim, ack.id)?.orderStatus, 'Cancelled');
      c.eq('cancelReason', order(sim, ack.id)?.cancelReason, 'USER');
      c.eq('orderIM released', sim.ledger.orderIM, 0);
      c.eq('availableBalance', sim.ledger.availableBalance, 10_000);
      // Cancel is immediate: the bar trades through the old price and nothing fills.
      sim.stepMinute(bar(1, 50_000, 50_000, 49_400, 49_800));
      c.eq('fills', sim.fills.length, 0);
      const again = sim.cancelOrder(ack.id ?? '');
      c.eq('again.reason', again.reason, 'ORDER_ALREADY_FINAL');
    },
  },
  {
    name: 'rounding_and_min_notional',
    run(c) {
      const sim = newSim({ initialWalletUsdt: 1_000_000 });
      sim.stepMinute(flat(0, 50_000.1));
      const floored = sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.0019 });
      const o = order(sim, floored.id);
      c.eq('floored.qty', o?.qty, 0.001);
      c.eq('floored.qtyAdjusted', o?.qtyAdjusted, true);
      const zero = sim.submitOrder({ side: 'Buy', orderType: 'Market', qty: 0.00005 });
      c.eq('zero.reason', zero.reason, 'QTY_TRUNCATED_TO_ZERO');
      c.eq('zero.retCode', zero.retCode, 110017);
      // 0.001 × 4 000 = 4 USDT < minNotionalValue 5.
      const small = sim.submitOrder({
        side: 'Buy',
        orderType: 'Limit',
        qty: 0.001,
        price: 4_000,
        timeInForce: 'GTC',
      });
      c.eq('small.reason', small.reason, 'NOTIONAL_BELOW_MIN');
      c.eq('small.retCode', small.retCode, 110094);
      sim.stepMinute(flat(1, 50_000.1));
      // 0.001 × 50 000.1 × 0.00055 = 0.0275000550 → 8 dp half away from zero = 0.02750006.
      c.eq('fee', lastFill(sim)?.fee, 0.02750006, 1e-12);
      c.eq('feeString', lastFill(sim)?.feeString, '0.02750006');
    },
  },
  {
    name: 'liquidation_on_mark',
    run(c) {
      // Long 1 BTC at 50 000, 50x: BP = 50 000·(1 − 1/50) = 49 000; liq = 49 246.23…, rounded up to 49 246.3
      // (the 5-BTC-at-20 000 vector scaled by 2.5: tier 1, MMR 0.5 %, no deduction, linear in price).
      const last = bar(2, 50_000, 50_000, 49_600, 49_800);
      const control = newSim({ leverage: 50 });
      openLong(control, 1);
      control.stepMinute(last);
      c.eq('last-only.position.qty', control.position?.qty, 1);
      const sim = newSim({ leverage: 50 });
      openLong(sim, 1);
      c.eq('position.liqPrice', sim.position?.liqPrice, 49_246.3);
      c.eq('position.bustPrice', sim.position?.bustPrice, 49_000);
      // Same last-price bar, but the mark bar reaches 49 200 < liqPrice.
      sim.stepMinute(last, { mark: bar(2, 50_000, 50_000, 49_200, 49_800) });
      const f = lastFill(sim);
      c.eq('fill.execType', f?.execType, 'Liquidation');
      c.eq('fill.price', f?.price, 49_000);
      c.eq('fill.priceSource', f?.priceSource, 'bankruptcy');
      // 1 × 49 000 × 0.00055
      c.eq('fill.fee', f?.fee, 26.95);
      c.eq('trade.exitReason', sim.trades[0]?.exitReason, 'liquidation');
      c.eq('trade.realizedPnl', sim.trades[0]?.realizedPnl, -1_000);
      c.eq('stopReason', sim.result().stopReason, 'liquidated');
      c.eq('position', sim.position, null);
    },
  },
];

export interface ScenarioRun {
  readonly name: string;
  readonly assertions: number;
  /** `<label>: expected x, got y` lines, or a thrown error. */
  readonly failures: readonly string[];
}

/** Runs one scenario; a thrown error (invariant breach, bad bar) fails that scenario only. */
export function runSimScenario(
  s: SimScenario,
  perturb?: (scenario: string, label: string, expected: unknown) => unknown,
): ScenarioRun {
  const c = new ScenarioChecker(
    perturb === undefined ? undefined : (label, expected) => perturb(s.name, label, expected),
  );
  try {
    s.run(c);
  } catch (error) {
    c.failures.push(`threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  return { name: s.name, assertions: c.assertions, failures: c.failures };
}
