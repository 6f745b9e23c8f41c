import { ValidationError } from '../errors';
import type { GateDef, Schedule, Stage, Tier } from './types';
import { TIERS } from './types';

/** Gate ids per stage of the staged tiers (`validation.md` §5). */
const STAGED: readonly (readonly string[])[] = [
  ['G1'],
  ['G2', 'G3'],
  ['G4', 'G4b'],
  ['G5', 'G6', 'G7', 'G7b'],
  ['G8', 'G9', 'G10'],
  ['G11'],
  ['G12', 'G13'],
  ['G14'],
];

/** Number of leading stages each staged tier runs. */
const STAGE_COUNT = { quick: 3, standard: 6, full: 8 } as const;

/** Sequential tiers: one gate per stage, catalogue order (`validation.md` §1, §12, §13). */
const SEQUENTIAL: Readonly<Record<'pre-live' | 'exchange' | 'live-parity', readonly string[]>> = {
  'pre-live': ['PL4', 'PL1', 'PL2', 'PL3', 'G1', 'G4'],
  exchange: ['EX1', 'EX2', 'EX3', 'EX4', 'EX5'],
  'live-parity': ['LP1', 'LP2', 'LP3', 'LP4'],
};

/** Modules and their gates, in MODULE_NAMES order (`validation.md` §14). */
export const MODULES: Readonly<Record<string, readonly string[]>> = {
  core: ['G4'],
  risk: ['G4b'],
  audits: ['G2', 'G3'],
  operators: ['G8'],
  structures: ['G9'],
  complexity: ['G10'],
  indicators: ['G12'],
  patterns: ['G13'],
  parity: ['G5', 'G6'],
  sim: ['G7'],
  'limit-orders': ['G7b'],
  metrics: ['G11'],
  determinism: ['G14'],
  'real-accumulation': ['RD1'],
  'real-markup': ['RD2'],
  'real-distribution': ['RD3'],
  'real-markdown': ['RD4'],
};

export const MODULE_NAMES: readonly string[] = Object.keys(MODULES);

export interface ScheduleRequest {
  readonly tier: string;
  readonly module?: string | undefined;
  readonly play?: string | undefined;
  readonly instance?: string | undefined;
}

function usage(message: string, hint: string): ValidationError {
  return new ValidationError('E_VALIDATE_USAGE', message, hint);
}

export function isTier(name: string): name is Tier {
  return (TIERS as readonly string[]).includes(name);
}

/** Checks the tier's required flags (`validation.md` §1): errors here are usage errors (exit 2). */
export function checkScheduleRequest(req: ScheduleRequest): Tier {
  if (!isTier(req.tier)) throw usage(`unknown tier '${req.tier}'`, `one of: ${TIERS.join(', ')}`);
  if (req.tier === 'module') {
    if (req.module === undefined)
      throw usage('tier module needs --module', `one of: ${MODULE_NAMES.join(', ')}`);
    if (MODULES[req.module] === undefined)
      throw usage(`unknown module '${req.module}'`, `one of: ${MODULE_NAMES.join(', ')}`);
  }
  if ((req.tier === 'pre-live' || req.tier === 'live-parity') && req.play === undefined)
    throw usage(`tier ${req.tier} needs --play`, `trade validate ${req.tier} --play <id>`);
  if (req.tier === 'live-parity' && req.instance === undefined)
    throw usage(
      'tier live-parity needs --instance',
      'trade validate live-parity --play <id> --instance <id>',
    );
  return req.tier;
}

/** Gate ids of a tier, stage by stage. */
export function scheduleIds(req: ScheduleRequest): {
  tier: string;
  stages: string[][];
  failFast: Schedule['failFast'];
} {
  const tier = checkScheduleRequest(req);
  switch (tier) {
    case 'quick':
    case 'standard':
    case 'full':
      return { tier, stages: STAGED.slice(0, STAGE_COUNT[tier]).map((s) => [...s]), failFast: 'stage' };
    case 'real':
      return { tier, stages: [['RD0'], ['RD1', 'RD2', 'RD3', 'RD4']], failFast: 'stage' };
    case 'module':
      return {
        tier: `module:${req.module}`,
        stages: (MODULES[req.module as string] ?? []).map((id) => [id]),
        failFast: 'none',
      };
    default:
      return { tier, stages: SEQUENTIAL[tier].map((id) => [id]), failFast: 'sequential' };
  }
}

/** Resolves a tier into gate definitions from `gates` (a gate id missing from it is a bug). */
export function buildSchedule(req: ScheduleRequest, gates: ReadonlyMap<string, GateDef>): Schedule {
  const ids = scheduleIds(req);
  const stages: Stage[] = ids.stages.map((stage) =>
    stage.map((id) => {
      const gate = gates.get(id);
      if (gate === undefined) throw new Error(`gate ${id} is scheduled but not registered`);
      return gate;
    }),
  );
  return { tier: ids.tier, stages, failFast: ids.failFast };
}
