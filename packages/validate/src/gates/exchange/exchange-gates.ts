import type { z } from 'zod';
import type { GateContext, GateDef, GateOutcome } from '../../runner/types';
import type { BybitEnvelope } from '../prelive/bybit-client';
import { describeError, type ExchangeAccess, type ExchangeConnection } from '../prelive/connection';
import { call, clockCheck, fail, settingsOf, withExchange } from '../prelive/exchange-gate';
import {
  accountInfoSchema,
  collateralInfoSchema,
  firstIssue,
  fundingSchema,
  instrumentSchema,
  klineSchema,
  openInterestSchema,
  openOrdersSchema,
  orderbookSchema,
  orderCreatedSchema,
  positionListSchema,
  tickersSchema,
  transactionLogSchema,
  walletSchema,
} from './schemas';
import { type SmokeSettings, smokeSettings } from './smoke-settings';
import { probePrivateStream, probePublicStream } from './ws-probe';

const DAY_MS = 86_400_000;
/** §13 EX4: the test order's leverage and its distance below the last price (never fills). */
const EX4_LEVERAGE = '2';
const EX4_PRICE_FACTOR = 0.9;
/** Bybit's "Set leverage has not been modified." counts as success in EX4. */
const LEVERAGE_NOT_MODIFIED = 110043;

/** A retCode-0 call whose result must parse against `schema`: the parsed result or a failure line. */
async function parsed<S extends z.ZodType>(
  what: string,
  schema: S,
  request: () => Promise<BybitEnvelope<unknown>>,
): Promise<z.infer<S> | string> {
  const result = await call(what, request);
  if (typeof result === 'string') return result;
  const check = schema.safeParse(result);
  return check.success ? check.data : `${what}: response does not parse: ${firstIssue(check.error)}`;
}

const isFailure = (v: unknown): v is string => typeof v === 'string';

/** Runs the steps in order, every one counted; the outcome passes when none returned a failure line. */
async function allSteps(detail: string, steps: readonly (() => Promise<unknown>)[]): Promise<GateOutcome> {
  const failures: string[] = [];
  for (const step of steps) {
    const r = await step();
    if (isFailure(r)) failures.push(r);
  }
  return failures.length > 0
    ? fail(steps.length, detail, failures)
    : { passed: true, checked: steps.length, detail, failures: [] };
}

/** Opens the target, then reads the smoke settings (target mock: against the symbols it serves). */
function withSmoke(
  ctx: GateContext,
  access: ExchangeAccess,
  body: (conn: ExchangeConnection, smoke: SmokeSettings) => Promise<GateOutcome>,
): Promise<GateOutcome> {
  return withExchange(
    ctx,
    async (conn) => {
      const smoke = smokeSettings(settingsOf(ctx).env, conn.servedSymbols);
      return typeof smoke === 'string' ? fail(0, conn.target, [smoke]) : body(conn, smoke);
    },
    access,
  );
}

/** EX1: server time answers and the clock offset against the request midpoint is within 5 s. */
export const exchangeConnectivityGate: GateDef = {
  id: 'EX1',
  name: 'API Connectivity',
  module: null,
  run: (ctx) =>
    withExchange(
      ctx,
      async (conn) => {
        const { detail, failures, answered } = await clockCheck(conn);
        return failures.length > 0
          ? fail(answered ? 2 : 1, detail, failures)
          : { passed: true, checked: 2, detail, failures: [] };
      },
      'public',
    ),
};

/** EX2: the signed account calls of Bybit's demo-supported list all answer retCode 0 and parse. */
export const accountBalanceCallsGate: GateDef = {
  id: 'EX2',
  name: 'Account & Balance',
  module: null,
  run: (ctx) =>
    withExchange(ctx, (conn) => {
      const c = conn.client;
      const now = Date.now();
      return allSteps(`${conn.target}: wallet, positions, account info, collateral, transaction log`, [
        () => parsed('wallet-balance', walletSchema, () => c.getWalletBalance({ accountType: 'UNIFIED' })),
        () =>
          parsed('position list', positionListSchema, () =>
            c.getPositionInfo({ category: 'linear', settleCoin: 'USDT' }),
          ),
        () => parsed('account info', accountInfoSchema, () => c.getAccountInfo()),
        () => parsed('collateral-info', collateralInfoSchema, () => c.getCollateralInfo()),
        () =>
          parsed('transaction-log', transactionLogSchema, () =>
            c.getTransactionLog({ accountType: 'UNIFIED', startTime: now - DAY_MS, endTime: now }),
          ),
      ]);
    }),
};

/** Kline rows must come newest first (strictly descending start times). */
function newestFirst(rows: readonly (readonly string[])[]): string | undefined {
  for (let i = 1; i < rows.length; i++)
    if (Number(rows[i]![0]) >= Number(rows[i - 1]![0]))
      return `kline: rows not newest-first at index ${i} (${rows[i - 1]![0]} then ${rows[i]![0]})`;
  return undefined;
}

/** EX3: the public market calls on the first smoke symbol answer and parse. */
export const marketDataGate: GateDef = {
  id: 'EX3',
  name: 'Market Data',
  module: null,
  run: (ctx) =>
    withSmoke(ctx, 'public', (conn, smoke) => {
      const c = conn.client;
      const symbol = smoke.symbols[0]!;
      return allSteps(symbol, [
        () => parsed('tickers', tickersSchema, () => c.getTickers({ category: 'linear', symbol })),
        async () => {
          const k = await parsed('kline', klineSchema, () =>
            c.getKline({ category: 'linear', symbol, interval: '60', limit: 5 }),
          );
          return isFailure(k) ? k : newestFirst(k.list);
        },
        () =>
          parsed('funding history', fundingSchema, () =>
            c.getFundingRateHistory({ category: 'linear', symbol, limit: 1 }),
          ),
        () =>
          parsed('open interest', openInterestSchema, () =>
            c.getOpenInterest({ category: 'linear', symbol, intervalTime: '1h', limit: 1 }),
          ),
        () =>
          parsed('orderbook', orderbookSchema, () =>
            c.getOrderbook({ category: 'linear', symbol, limit: 5 }),
          ),
      ]);
    }),
};

/** Decimal places of a step as Bybit prints it (`"0.10"` → 1, `"0.001"` → 3, `"1"` → 0). */
function decimalsOf(step: string): number {
  const trimmed = step.includes('.') ? step.replace(/0+$/, '').replace(/\.$/, '') : step;
  const dot = trimmed.indexOf('.');
  return dot < 0 ? 0 : trimmed.length - dot - 1;
}

/** EX4's order: 90 % of the last price floored to the tick; the USD size in qty steps, at least the minimums. */
export function testOrder(
  lastPrice: number,
  usdSize: number,
  rules: { tickSize: string; qtyStep: string; minOrderQty: string; minNotionalValue: string },
): { price: string; qty: string } {
  const tick = Number(rules.tickSize);
  const step = Number(rules.qtyStep);
  const price = Math.floor((lastPrice * EX4_PRICE_FACTOR) / tick + 1e-9) * tick;
  const steps = Math.max(
    Math.floor(usdSize / price / step + 1e-9),
    Math.ceil(Number(rules.minOrderQty) / step - 1e-9),
    Math.ceil(Number(rules.minNotionalValue) / price / step - 1e-9),
  );
  return {
    price: price.toFixed(decimalsOf(rules.tickSize)),
    qty: (steps * step).toFixed(decimalsOf(rules.qtyStep)),
  };
}

/**
 * EX4: the order flow on the last smoke symbol — leverage 2, last price, a PostOnly Buy 10 % below it, found in
 * the open orders by its `orderLinkId`, cancel-all (always, also after a failure), then no open order left.
 */
export const orderFlowGate: GateDef = {
  id: 'EX4',
  name: 'Order Flow',
  module: null,
  run(ctx) {
    if (settingsOf(ctx).target === 'live')
      return Promise.resolve({
        passed: true,
        checked: 0,
        detail: 'skipped (live target: no order flow)',
        failures: [],
      });
    return withSmoke(ctx, 'signed', async (conn, smoke) => {
      const c = conn.client;
      const symbol = smoke.symbols[smoke.symbols.length - 1]!;
      const orderLinkId = `ex4-${Date.now().toString(36)}`;
      let checked = 0;
      let detail = `${symbol} ${orderLinkId}`;
      const failures: string[] = [];
      try {
        checked++;
        try {
          const lev = await c.setLeverage({
            category: 'linear',
            symbol,
            buyLeverage: EX4_LEVERAGE,
            sellLeverage: EX4_LEVERAGE,
          });
          if (lev.retCode !== 0 && lev.retCode !== LEVERAGE_NOT_MODIFIED)
            throw `set leverage failed: retCode ${lev.retCode} ${lev.retMsg}`;
        } catch (e) {
          throw typeof e === 'string' ? e : `set leverage failed: ${describeError(e)}`;
        }
        checked++;
        const ticker = await parsed('tickers', tickersSchema, () =>
          c.getTickers({ category: 'linear', symbol }),
        );
        if (isFailure(ticker)) throw ticker;
        const last = Number(ticker.list[0]!.lastPrice);
        // Step 3, the limit Buy: the symbol's tick and lot rules, then the order.
        checked++;
        const inst = await parsed('instruments-info', instrumentSchema, () =>
          c.getInstrumentsInfo({ category: 'linear', symbol }),
        );
        if (isFailure(inst)) throw inst;
        const rules = inst.list[0]!;
        const order = testOrder(last, smoke.usdSize, {
          tickSize: rules.priceFilter.tickSize,
          ...rules.lotSizeFilter,
        });
        detail = `${symbol} Buy ${order.qty} @ ${order.price} PostOnly ${orderLinkId}`;
        const created = await parsed('order create', orderCreatedSchema, () =>
          c.submitOrder({
            category: 'linear',
            symbol,
            side: 'Buy',
            orderType: 'Limit',
            qty: order.qty,
            price: order.price,
            timeInForce: 'PostOnly',
            orderLinkId,
          }),
        );
        if (isFailure(created)) throw created;
        checked++;
        const open = await parsed('open orders', openOrdersSchema, () =>
          c.getActiveOrders({ category: 'linear', symbol }),
        );
        if (isFailure(open)) throw open;
        const mine = open.list.find((o) => o.orderLinkId === orderLinkId);
        if (mine === undefined) throw `open orders: ${orderLinkId} not found (${open.list.length} open)`;
        if (mine.orderStatus !== 'New')
          throw `open orders: ${orderLinkId} is ${mine.orderStatus}, expected New`;
      } catch (e) {
        if (typeof e !== 'string') throw e;
        failures.push(e);
      } finally {
        checked++;
        const cancelled = await call('cancel-all', () => c.cancelAllOrders({ category: 'linear', symbol }));
        if (isFailure(cancelled)) failures.push(cancelled);
      }
      if (failures.length === 0) {
        checked++;
        const left = await parsed('open orders after cancel-all', openOrdersSchema, () =>
          c.getActiveOrders({ category: 'linear', symbol }),
        );
        if (isFailure(left)) failures.push(left);
        else if (left.list.length > 0)
          failures.push(`open orders after cancel-all: ${left.list.length} left on ${symbol}`);
      }
      return failures.length > 0
        ? fail(checked, detail, failures)
        : { passed: true, checked, detail, failures: [] };
    });
  },
};

/** EX5 step 1: a private call whose answer carries the three rate-limit headers, parsed to numbers. */
async function rateLimitStep(
  conn: ExchangeConnection,
): Promise<{ line: string; latencyMs: number } | string> {
  const sent = Date.now();
  let answer: BybitEnvelope<unknown>;
  try {
    answer = await conn.client.getWalletBalance({ accountType: 'UNIFIED' });
  } catch (e) {
    return `rate-limit headers: wallet-balance failed: ${describeError(e)}`;
  }
  const latencyMs = Date.now() - sent;
  if (answer.retCode !== 0)
    return `rate-limit headers: wallet-balance failed: retCode ${answer.retCode} ${answer.retMsg}`;
  const limits = answer.rateLimitApi;
  if (limits === undefined)
    return 'rate-limit headers: X-Bapi-Limit-Status, X-Bapi-Limit or X-Bapi-Limit-Reset-Timestamp missing';
  const { remainingRequests, maxRequests, resetAtTimestamp } = limits;
  if (![remainingRequests, maxRequests, resetAtTimestamp].every(Number.isFinite) || maxRequests <= 0)
    return `rate-limit headers: not numbers (status ${remainingRequests}, limit ${maxRequests}, reset ${resetAtTimestamp})`;
  return { line: `limit ${remainingRequests}/${maxRequests}`, latencyMs };
}

/**
 * EX5: rate-limit headers from a private call, the public stream (subscribe `tickers.<symbol[0]>`, a push within
 * 10 s, a ping answered), the private stream (auth, `wallet` acknowledged, a ping answered), and the health
 * summary (REST latency, clock offset, stream states) as the detail. WebSocket problems always fail the gate:
 * live trading depends on the streams (VC14).
 */
export const diagnosticsGate: GateDef = {
  id: 'EX5',
  name: 'Diagnostics',
  module: null,
  run: (ctx) =>
    // Public access: without keys the public stream and the clock still run; the two private steps (signed
    // call, private stream) fail as one line `no API key for <target>` (§13).
    withSmoke(ctx, 'public', async (conn, smoke) => {
      const keyed = conn.ws.key !== undefined && conn.ws.secret !== undefined;
      const failures: string[] = keyed ? [] : [`no API key for ${conn.target}`];
      const limits = keyed ? await rateLimitStep(conn) : undefined;
      if (typeof limits === 'string') failures.push(limits);
      const pub = await probePublicStream(conn.ws, smoke.symbols[0]!);
      failures.push(...pub.failures);
      const priv = keyed ? await probePrivateStream(conn.ws) : { failures: [], state: 'no keys' };
      failures.push(...priv.failures);
      const clock = await clockCheck(conn);
      failures.push(...clock.failures);
      const rest =
        limits === undefined || typeof limits === 'string'
          ? 'rest ?'
          : `rest ${limits.latencyMs}ms ${limits.line}`;
      const detail = `${rest}, ${clock.detail}, public ${pub.state}, private ${priv.state}`;
      return failures.length > 0
        ? fail(4, detail, failures)
        : { passed: true, checked: 4, detail, failures: [] };
    }),
};
