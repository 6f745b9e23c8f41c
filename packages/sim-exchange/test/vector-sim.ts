import type { InstrumentSpec } from '@trade/core';
import { expect } from 'vitest';
import {
  type AccountConfig,
  type Bar1m,
  type OrderRequest,
  SimExchange,
  type SimOptions,
} from '../src/index';
import { expectMatches, resolveFixture, type Vector, type VectorFile } from './vector-kit';

/** Plays the SimExchange vectors of `sim-vectors.json` (conventions `lastClose`, `scenarios`). */

type Step = { submitOrder?: OrderRequest; stepMinute?: Bar1m; checkpoint?: string };

function build(file: VectorFile, inputs: Record<string, unknown>): SimExchange {
  const instrument = resolveFixture(file, inputs.instrument, 'instrument') as InstrumentSpec;
  const options = {
    ...((inputs.options as SimOptions | undefined) ?? {}),
    invariantChecks: 'every_step' as const,
  };
  return new SimExchange(instrument, inputs.account as AccountConfig, options);
}

function play(sim: SimExchange, steps: readonly Step[], onCheckpoint: (name: string) => void): void {
  for (const step of steps) {
    if (step.submitOrder !== undefined)
      expect(sim.submitOrder(step.submitOrder).ok, 'scenario order accepted').toBe(true);
    if (step.stepMinute !== undefined) sim.stepMinute(step.stepMinute);
    if (step.checkpoint !== undefined) onCheckpoint(step.checkpoint);
  }
}

/** The checkpoint block a scenario vector names (unlisted fields are not checked). */
function checkpointState(sim: SimExchange, expected: Record<string, unknown>): Record<string, unknown> {
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
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(expected)) {
    if (key === 'event') {
      const m = /^([A-Z_]+)\{(.*)\}$/.exec(String(expected.event));
      expect(m, 'event pattern').not.toBeNull();
      const payload = Object.fromEntries(
        m![2]!
          .split(',')
          .map((kv) => kv.split(':'))
          .map(([k, v]) => [k!, Number(v)]),
      );
      const ev = sim.events.find((e) => e.type === m![1]);
      expect(ev, `event ${m![1]} emitted`).toBeDefined();
      expectMatches(ev, payload, {}, `event ${m![1]}`);
      continue;
    }
    if (key === 'identity') {
      const net = sim.trades.reduce((s, t) => s + t.netPnl, 0);
      const funding = sim.fundingRecords().reduce((s, f) => s + f.cashFlow, 0);
      const initial = sim.account.initialWalletUsdt;
      expect(Math.abs(net + funding - (sim.ledger.walletBalance - initial))).toBeLessThan(1e-8);
      continue;
    }
    out[key] = state[key];
  }
  return out;
}

export function runSimVector(file: VectorFile, v: Vector): void {
  const inputs = v.inputs;
  if (v.group === 'instrument_rules') {
    const sim = build(file, inputs);
    const c = inputs.lastClose as number;
    sim.stepMinute({ openTime: 1704067200000, open: c, high: c, low: c, close: c });
    const ack = sim.submitOrder(inputs.order as OrderRequest);
    const order = ack.id === undefined ? undefined : sim.orders().find((o) => o.orderId === ack.id);
    const actual = { ...ack, orderQty: order?.qty, qtyAdjusted: order?.qtyAdjusted };
    expectMatches(actual, v.expected, v.tolerance, v.id);
    return;
  }
  if (inputs.cases !== undefined) {
    for (const [name, steps] of Object.entries(inputs.cases as Record<string, Step[]>)) {
      const sim = build(file, inputs);
      play(sim, steps, () => undefined);
      const want = (v.expected as Record<string, Record<string, unknown>>)[name]!;
      const fill = sim.fills[sim.fills.length - 1];
      const actual = {
        fundingRecords: sim.fundingRecords(),
        wallet: sim.ledger,
        fillPrice: fill?.price,
        fee: fill?.fee,
      };
      expectMatches(actual, want, v.tolerance, `${v.id}/${name}`);
    }
    return;
  }
  const sim = build(file, inputs);
  let checkpoints = 0;
  play(sim, inputs.steps as Step[], (name) => {
    const want = (v.expected as Record<string, Record<string, unknown>>)[name];
    expect(want, `expected block ${name}`).toBeDefined();
    const { event: _event, identity: _identity, ...fields } = want!;
    expectMatches(checkpointState(sim, want!), fields, v.tolerance, `${v.id}/${name}`);
    checkpoints++;
  });
  expect(checkpoints).toBe(Object.keys(v.expected).length);
}
