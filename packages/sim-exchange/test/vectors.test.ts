import { findSharedDir } from '@trade/core';
import { describe, expect, it } from 'vitest';
import * as sim from '../src/index';
import { expectMatches, loadVectors, resolveFixture, type Vector, type VectorFile } from './vector-kit';
import { runSimVector } from './vector-sim';

const shared = findSharedDir();

type Formula = (input: never) => unknown;
const FORMULAS: Record<string, Formula> = {
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

function runFormulaVector(file: VectorFile, v: Vector): void {
  const fn = FORMULAS[v.function];
  expect(fn, `formula ${v.function} is wired`).toBeDefined();
  const inputs = { ...v.inputs };
  if ('tiers' in inputs) inputs.tiers = resolveFixture(file, inputs.tiers, 'tiers');
  const actual = fn!(inputs as never) as Record<string, unknown>;
  if (v.tolerance.check === 'sign_only') {
    for (const [k, want] of Object.entries(v.expected)) {
      const field = k.replace(/Sign$/, '');
      expect(Math.sign(actual[field] as number), `${v.id}.${field} sign`).toBe(want);
    }
    return;
  }
  expectMatches(actual, v.expected, v.tolerance, v.id);
}

describe.skipIf(shared === undefined)('sim-vectors.json', () => {
  const file = loadVectors(shared ?? '');
  let ran = 0;

  for (const v of file.vectors) {
    it(`${v.group}/${v.id}: ${v.description.slice(0, 80)}`, () => {
      if (v.function.startsWith('SimExchange')) runSimVector(file, v);
      else runFormulaVector(file, v);
      ran++;
    });
  }

  it('ran every vector of the file (none silently skipped)', () => {
    console.log(`sim-vectors.json: ran ${ran} of ${file.vectors.length} vectors`);
    expect(file.vectors.length).toBe(52);
    expect(ran).toBe(file.vectors.length);
  });
});
