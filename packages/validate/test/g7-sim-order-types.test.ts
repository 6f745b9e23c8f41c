import { findSharedDir } from '@trade/core';
import { describe, expect, it } from 'vitest';
import { SIM_SCENARIOS } from '../src/gates/sim/scenarios';
import { loadSimVectors, runSimOrderTypes } from '../src/gates/sim/sim-vectors';

const shared = findSharedDir();

/** The 16 scenario names of validation.md §6.5, in spec order. */
const SPEC_SCENARIOS = [
  'market_next_open',
  'limit_maker_fill',
  'limit_ioc',
  'limit_fok',
  'limit_postonly_reject',
  'stop_market_trigger',
  'stop_market_gap_open',
  'stop_limit_becomes_limit',
  'reduce_only_no_flip',
  'tpsl_attached',
  'sl_wins_same_bar',
  'partial_close',
  'amend',
  'cancel',
  'rounding_and_min_notional',
  'liquidation_on_mark',
];

describe.skipIf(shared === undefined)('G7 Sim Order Types', () => {
  const file = loadSimVectors(shared!);

  it('runs the 16 named scenarios and every vector, all passing', () => {
    expect(SIM_SCENARIOS.map((s) => s.name)).toEqual(SPEC_SCENARIOS);
    const t0 = performance.now();
    const out = runSimOrderTypes(file);
    const ms = performance.now() - t0;
    expect(out.failures.map((f) => f.message)).toEqual([]);
    expect(out.passed).toBe(true);
    const simExchangeVectors = file.vectors.filter((v) => v.function.startsWith('SimExchange'));
    expect(simExchangeVectors).toHaveLength(11);
    expect(out.checked).toBe(16 + file.vectors.length);
    expect(out.detail).toBe(`16 scenarios, ${file.vectors.length} vectors`);
    console.log(`G7 runtime ${ms.toFixed(0)} ms`);
  });

  it('fails a scenario whose expectation is wrong, with the scenario line', () => {
    const out = runSimOrderTypes(file, {
      perturb: (scenario, label, expected) =>
        scenario === 'market_next_open' && label === 'fill.price' ? 50_000 : expected,
    });
    expect(out.passed).toBe(false);
    expect(out.failures.map((f) => f.message)).toEqual([
      'market_next_open: fill.price: expected 50000, got 50100',
    ]);
  });

  it('fails when the same-bar rule is inverted (TP expected to win)', () => {
    const out = runSimOrderTypes(file, {
      perturb: (scenario, label, expected) =>
        scenario === 'sl_wins_same_bar' && label === 'trade.exitReason' ? 'tp' : expected,
    });
    expect(out.failures.map((f) => f.message)).toEqual([
      'sl_wins_same_bar: trade.exitReason: expected "tp", got "sl"',
    ]);
  });

  it('fails a SimExchange vector with a wrong expectation, by vector id', () => {
    const out = runSimOrderTypes(file, {
      mapVector: (v) =>
        v.id === 'liq-scenario-5btc'
          ? {
              ...v,
              expected: {
                ...v.expected,
                after_entry: { position: { liqPrice: 19_698.4 } },
              },
            }
          : v.id === 'qty-above-max-market'
            ? { ...v, expected: { ...v.expected, retCode: 110017 } }
            : v,
    });
    expect(out.failures.map((f) => f.message)).toEqual([
      'liq-scenario-5btc: after_entry.position.liqPrice: expected 19698.4, got 19698.5',
      'qty-above-max-market: submitOrder.retCode: expected 110017, got 10001',
    ]);
  });

  it('a scenario that throws fails alone', () => {
    const out = runSimOrderTypes(file, {
      scenarios: [
        {
          name: 'boom',
          run: () => {
            throw new Error('bad bar');
          },
        },
        SIM_SCENARIOS[0]!,
      ],
    });
    expect(out.failures.map((f) => f.message)).toEqual(['boom: threw Error: bad bar']);
    expect(out.checked).toBe(2 + file.vectors.length);
  });
});
