import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as sim from '@trade/sim-exchange';
import type { GateContext, GateDef, GateFailure, GateOutcome } from '../../runner/types';
import { runExchangeVector } from './exchange-vectors';
import { runSimScenario, SIM_SCENARIOS, type SimScenario } from './scenarios';
import { mismatch, type SimVector, type VectorFile } from './vector-compare';

type Formula = (input: never) => unknown;

/** The pure formula helpers the vectors name (`sim-exchange.md` §3). */
const FORMULAS: Readonly<Record<string, Formula>> = {
  validateTierTable: (i: { tiers: never }) => sim.validateTierTable(i.tiers),
  maintenanceMarginCore: sim.maintenanceMarginCore as Formula,
  tradingFee: sim.tradingFee as Formula,
  roundTrip: sim.roundTrip as Formula,
  feeToClose: sim.feeToClose as Formula,
  orderCost: sim.orderCost as Formula,
  positionInitialMargin: sim.positionInitialMargin as Formula,
  positionMaintenanceMargin: sim.positionMaintenanceMargin as Formula,
  bankruptcyPrice: sim.bankruptcyPrice as Formula,
  liquidationPrice: sim.liquidationPrice as Formula,
  fundingPayment: sim.fundingPayment as Formula,
};

/** `fixture:BTCUSDT` (optionally ` (deductions removed)`) → the fixture's tier table. */
function resolveTiers(file: VectorFile, ref: unknown): unknown {
  if (typeof ref !== 'string' || !ref.startsWith('fixture:')) return ref;
  const m = /^fixture:([A-Z]+)(\.riskTiers)?( \(deductions removed\))?$/.exec(ref);
  const fx = m === null ? undefined : file.fixtures[m[1]!];
  if (m === null || fx === undefined) throw new Error(`unknown fixture reference ${ref}`);
  return fx.riskTiers.map((r) => ({
    riskLimitValue: r.riskLimitValue,
    maintenanceMarginRate: r.maintenanceMarginRate,
    maxLeverage: r.maxLeverage ?? 100,
    ...(m[3] === undefined ? { mmDeduction: r.mmDeduction } : {}),
  }));
}

/** Runs one formula vector; returns a failure message or undefined. */
export function runFormulaVector(file: VectorFile, v: SimVector): string | undefined {
  const fn = FORMULAS[v.function];
  if (fn === undefined) return `no formula ${v.function}`;
  const inputs = { ...v.inputs };
  if ('tiers' in inputs) inputs.tiers = resolveTiers(file, inputs.tiers);
  const actual = fn(inputs as never) as Record<string, unknown>;
  if (v.tolerance.check === 'sign_only') {
    for (const [k, want] of Object.entries(v.expected)) {
      const got = Math.sign(actual[k.replace(/Sign$/, '')] as number);
      if (got !== want) return `${k}: expected ${String(want)}, got ${got}`;
    }
    return undefined;
  }
  const m = mismatch(actual, v.expected, v.tolerance, v.function);
  return m;
}

export function loadSimVectors(sharedDir: string): VectorFile {
  return JSON.parse(readFileSync(join(sharedDir, 'specs', 'sim-vectors.json'), 'utf8')) as VectorFile;
}

export interface SimOrderTypesOptions {
  /** The scenarios to run (default: the §6.5 set). */
  readonly scenarios?: readonly SimScenario[];
  /**
   * Test-only: rewrites an expected value of a scenario assertion (a planted wrong expectation must fail the
   * gate with that scenario's line).
   */
  readonly perturb?: (scenario: string, label: string, expected: unknown) => unknown;
  /** Test-only: rewrites a vector before it runs (e.g. a wrong expected value). */
  readonly mapVector?: (v: SimVector) => SimVector;
}

/**
 * The G7 checks: every named scenario of `validation.md` §6.5 (one line per failing scenario, its first failed
 * assertion) and every vector of `sim-vectors.json`, formula helpers and whole-`SimExchange` vectors alike.
 * A thrown error fails only its scenario or vector. `checked` = scenarios executed + vectors executed.
 */
export function runSimOrderTypes(file: VectorFile, options: SimOrderTypesOptions = {}): GateOutcome {
  const failures: GateFailure[] = [];
  const scenarios = options.scenarios ?? SIM_SCENARIOS;
  for (const s of scenarios) {
    const r = runSimScenario(s, options.perturb);
    if (r.failures.length === 0 && r.assertions === 0)
      failures.push({ message: `${s.name}: no assertion ran` });
    else if (r.failures.length > 0) {
      const more = r.failures.length > 1 ? ` (+${r.failures.length - 1} more)` : '';
      failures.push({ message: `${s.name}: ${r.failures[0]}${more}`, detail: r.failures });
    }
  }
  let vectors = 0;
  for (const original of file.vectors) {
    const v = options.mapVector === undefined ? original : options.mapVector(original);
    vectors++;
    try {
      const m = v.function.startsWith('SimExchange') ? runExchangeVector(file, v) : runFormulaVector(file, v);
      if (m !== undefined) failures.push({ message: `${v.id}: ${m}` });
    } catch (error) {
      failures.push({
        message: `${v.id}: threw ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  return {
    passed: failures.length === 0,
    checked: scenarios.length + vectors,
    detail: `${scenarios.length} scenarios, ${vectors} vectors`,
    failures,
  };
}

/** G7 Sim Order Types (`validation.md` §4, §6.5). Fails, never skips, without the shared folder. */
export const simVectorsGate: GateDef = {
  id: 'G7',
  name: 'Sim Order Types',
  module: 'sim',
  async run(ctx: GateContext): Promise<GateOutcome> {
    if (ctx.sharedDir === undefined)
      return {
        passed: false,
        checked: 0,
        detail: '0 scenarios, 0 vectors',
        failures: [{ message: 'sim-vectors.json: shared data folder not found (set TRADE_SHARED_DIR)' }],
      };
    return runSimOrderTypes(loadSimVectors(ctx.sharedDir));
  },
};
