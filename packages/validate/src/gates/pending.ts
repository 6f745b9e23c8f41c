import type { GateDef, GateOutcome } from '../runner/types';

/**
 * A catalogued gate whose checks are not built yet. It fails with one line naming what is missing, so a tier
 * that schedules it can never report success for work that did not happen.
 */
export function pendingGate(id: string, name: string, module: string | null, missing: string): GateDef {
  return {
    id,
    name,
    module,
    async run(): Promise<GateOutcome> {
      return {
        passed: false,
        checked: 0,
        detail: 'not implemented',
        failures: [{ message: `${id}: not implemented yet: ${missing}` }],
      };
    },
  };
}
