import { join } from 'node:path';
import type { GateContext, GateDef, GateOutcome } from '../../runner/types';
import { runPlays, suiteOutcome } from '../suites/play-suite';
import { CORE_PLAY_IDS } from './yaml-parse';

export function corePlayPaths(ctx: GateContext): string[] {
  return CORE_PLAY_IDS.map((id) => join(ctx.validationPlaysDir, 'core', `${id}.yml`));
}

/** G4 Core Engine Plays: synthetic runs of the five core plays under the play-suite rule. */
export const corePlaysGate: GateDef = {
  id: 'G4',
  name: 'Core Engine Plays',
  module: 'core',
  async run(ctx: GateContext): Promise<GateOutcome> {
    return suiteOutcome(await runPlays(ctx, 'G4', corePlayPaths(ctx)));
  },
};
