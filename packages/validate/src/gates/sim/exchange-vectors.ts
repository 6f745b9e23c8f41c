import type { InstrumentSpec, RiskTier } from '@trade/core';
import {
  type AccountConfig,
  type Bar1m,
  type OrderRequest,
  SimExchange,
  type SimOptions,
} from '@trade/sim-exchange';
import { mismatch, type SimVector, type VectorFile } from './vector-compare';

/**
 * The vectors of `sim-vectors.json` whose `function` is `SimExchange…`: they drive a whole simulator through its
 * public API under the file's `conventions` (`lastClose`, `scenarios`). Each returns the first mismatch as a
 * message, or undefined.
 */

type Step = {
  readonly submitOrder?: OrderRequest;
  readonly stepMinute?: Bar1m;
  readonly checkpoint?: string;
};

/** `fixture:BTCUSDT` → an `InstrumentSpec` built from the fixture's fields (decimal strings become numbers). */
export function fixtureInstrument(file: VectorFile, ref: unknown): InstrumentSpec {
  const m = typeof ref === 'string' ? /^fixture:([A-Z]+)$/.exec(ref) : null;
  const fx = m === null ? undefined : file.fixtures[m[1]!];
  if (fx === undefined) throw new Error(`unknown instrument fixture ${String(ref)}`);
  const num = (k: string): number => {
    const v = Number(fx[k]);
    if (!Number.isFinite(v)) throw new Error(`fixture ${m![1]}: ${k} is not a number`);
    return v;
  };
  const riskTiers: RiskTier[] = fx.riskTiers.map((r) => ({
    riskLimitValue: r.riskLimitValue!,
    maintenanceMarginRate: r.maintenanceMarginRate!,
    mmDeduction: r.mmDeduction!,
    maxLeverage: r.maxLeverage!,
  }));
  return {
    symbol: String(fx.symbol),
    tickSize: num('tickSize'),
    minPrice: num('minPrice'),
    maxPrice: num('maxPrice'),
    qtyStep: num('qtyStep'),
    minOrderQty: num('minOrderQty'),
    maxOrderQty: num('maxOrderQty'),
    maxMktOrderQty: num('maxMktOrderQty'),
    minNotionalValue: num('minNotionalValue'),
    minLeverage: num('minLeverage'),
    maxLeverage: num('maxLeverage'),
    leverageStep: num('leverageStep'),
    fundingIntervalMin: num('fundingIntervalMin'),
    lowerFundingRate: num('lowerFundingRate'),
    upperFundingRate: num('upperFundingRate'),
    riskTiers,
  };
}

/** The §5.3 identities are checked after every step (`conventions.scenarios`): `invariantChecks: every_step`. */
function build(file: VectorFile, inputs: Record<string, unknown>): SimExchange {
  const options: SimOptions = {
    ...((inputs.options as SimOptions | undefined) ?? {}),
    invariantChecks: 'every_step',
  };
  return new SimExchange(
    fixtureInstrument(file, inputs.instrument),
    inputs.account as AccountConfig,
    options,
  );
}

/** Plays the steps; a rejected scenario order is a failure (the scenario assumes it is accepted). */
function play(
  sim: SimExchange,
  steps: readonly Step[],
  onCheckpoint: (name: string) => string | undefined,
): string | undefined {
  for (const [i, step] of steps.entries()) {
    if (step.submitOrder !== undefined) {
      const ack = sim.submitOrder(step.submitOrder);
      if (!ack.ok) return `step ${i}: order rejected ${ack.reason ?? ''}`.trimEnd();
    }
    if (step.stepMinute !== undefined) sim.stepMinute(step.stepMinute);
    if (step.checkpoint !== undefined) {
      const m = onCheckpoint(step.checkpoint);
      if (m !== undefined) return m;
    }
  }
  return undefined;
}

/** `PARTIAL_LIQUIDATION{fromTier:2,toTier:1}`: an event of that type with that numeric payload was emitted. */
function checkEvent(sim: SimExchange, spec: string, label: string): string | undefined {
  const m = /^([A-Z_]+)\{(.*)\}$/.exec(spec);
  if (m === null) return `${label}.event: unreadable expectation ${spec}`;
  const payload = Object.fromEntries(
    m[2]!
      .split(',')
      .filter((kv) => kv !== '')
      .map((kv) => kv.split(':'))
      .map(([k, v]) => [k!, Number(v)]),
  );
  const candidates = sim.events.filter((e) => e.type === m[1]);
  if (candidates.length === 0) return `${label}.event: no ${m[1]} event`;
  const misses = candidates.map((e) => mismatch(e, payload, {}, `${label}.event ${m[1]}`));
  return misses.includes(undefined) ? undefined : misses[0];
}

/** `sum(netPnl) + sum(funding) = walletBalance − initial` within 1e-8 (`identity` of a checkpoint). */
function checkIdentity(sim: SimExchange, label: string): string | undefined {
  const net = sim.trades.reduce((s, t) => s + t.netPnl, 0);
  const funding = sim.fundingRecords().reduce((s, f) => s + f.cashFlow, 0);
  const delta = sim.ledger.walletBalance - sim.account.initialWalletUsdt;
  const diff = net + funding - delta;
  return Math.abs(diff) <= 1e-8
    ? undefined
    : `${label}.identity: sum(netPnl)+sum(funding)=${net + funding}, wallet delta ${delta}`;
}

function checkpoint(sim: SimExchange, v: SimVector, name: string): string | undefined {
  const want = (v.expected as Record<string, Record<string, unknown> | undefined>)[name];
  if (want === undefined) return `${name}: no expected block`;
  const result = sim.result();
  const state: Record<string, unknown> = {
    fill: sim.fills[sim.fills.length - 1],
    trade: sim.trades[sim.trades.length - 1],
    position: sim.position,
    wallet: sim.ledger,
    stopReason: result.stopReason,
    isTerminal: result.isTerminal,
    stopped: sim.stopped,
  };
  for (const [key, expected] of Object.entries(want)) {
    const m =
      key === 'event'
        ? checkEvent(sim, String(expected), name)
        : key === 'identity'
          ? checkIdentity(sim, name)
          : key in state
            ? mismatch(state[key], expected, v.tolerance, `${name}.${key}`)
            : `${name}.${key}: no such checkpoint field`;
    if (m !== undefined) return m;
  }
  return undefined;
}

/** Runs one `SimExchange…` vector; returns the first mismatch or undefined. */
export function runExchangeVector(file: VectorFile, v: SimVector): string | undefined {
  const inputs = v.inputs;
  if (v.function === 'SimExchange.submitOrder') {
    const sim = build(file, inputs);
    const c = inputs.lastClose as number;
    sim.stepMinute({ openTime: 1_704_067_200_000, open: c, high: c, low: c, close: c });
    const ack = sim.submitOrder(inputs.order as OrderRequest);
    const order = ack.id === undefined ? undefined : sim.orders().find((o) => o.orderId === ack.id);
    const actual = { ...ack, orderQty: order?.qty, qtyAdjusted: order?.qtyAdjusted };
    return mismatch(actual, v.expected, v.tolerance, 'submitOrder');
  }
  if (v.function !== 'SimExchange') return `unknown vector function ${v.function}`;
  if (inputs.cases !== undefined) {
    for (const [name, steps] of Object.entries(inputs.cases as Record<string, Step[]>)) {
      const sim = build(file, inputs);
      const failed = play(sim, steps, () => undefined);
      if (failed !== undefined) return `${name}: ${failed}`;
      const fill = sim.fills[sim.fills.length - 1];
      const actual = {
        fundingRecords: sim.fundingRecords(),
        wallet: sim.ledger,
        fillPrice: fill?.price,
        fee: fill?.fee,
      };
      const want = (v.expected as Record<string, unknown>)[name];
      if (want === undefined) return `${name}: no expected block`;
      const m = mismatch(actual, want, v.tolerance, name);
      if (m !== undefined) return m;
    }
    return undefined;
  }
  const sim = build(file, inputs);
  const seen: string[] = [];
  const failed = play(sim, inputs.steps as Step[], (name) => {
    seen.push(name);
    return checkpoint(sim, v, name);
  });
  if (failed !== undefined) return failed;
  const missing = Object.keys(v.expected).filter((k) => !seen.includes(k));
  return missing.length === 0 ? undefined : `checkpoint ${missing.join(', ')} never reached`;
}
