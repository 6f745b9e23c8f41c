import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GateDef, GateOutcome } from '../src/index';

/** A synthetic gate with a fixed outcome; `log` records the order gates started in. */
export function fakeGate(id: string, passed: boolean, log: string[] = [], checked = 1): GateDef {
  return {
    id,
    name: `Fake ${id}`,
    module: null,
    async run(): Promise<GateOutcome> {
      log.push(id);
      return {
        passed,
        checked,
        detail: `${checked} items`,
        failures: passed ? [] : [{ message: `${id}: item b failed` }, { message: `${id}: item a failed` }],
      };
    },
  };
}

/** Every gate id the tiers schedule, all passing except `failing`. */
export function fakeCatalogue(failing: readonly string[], log: string[] = []): Map<string, GateDef> {
  const ids = [
    'G1',
    'G2',
    'G3',
    'G4',
    'G4b',
    'G5',
    'G6',
    'G7',
    'G7b',
    'G8',
    'G9',
    'G10',
    'G11',
    'G12',
    'G13',
    'G14',
    'RD0',
    'RD1',
    'RD2',
    'RD3',
    'RD4',
    'PL1',
    'PL2',
    'PL3',
    'PL4',
    'EX1',
    'EX2',
    'EX3',
    'EX4',
    'EX5',
    'LP1',
    'LP2',
    'LP3',
    'LP4',
  ];
  return new Map(ids.map((id) => [id, fakeGate(id, !failing.includes(id), log)]));
}

/**
 * A `TRADE_HOME` with nothing in it, for exchange-facing tests: without it `resolveApiKeys` would read the
 * developer's own `~/.trade/credentials.json` and a test could pick up real keys.
 */
export function isolatedHome(): { TRADE_HOME: string } {
  return { TRADE_HOME: mkdtempSync(join(tmpdir(), 'trade-home-')) };
}
