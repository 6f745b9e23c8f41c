import { join } from 'node:path';
import type { GateContext, GateDef, GateOutcome } from '../../runner/types';
import { runPlays, suiteFailures } from '../suites/play-suite';
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
    const files = corePlayPaths(ctx);
    const results = await runPlays(ctx, 'G4', files);
    const trades = results.reduce((s, r) => s + r.trades, 0);
    const failures = results.flatMap(suiteFailures);
    return {
      passed: failures.length === 0,
      checked: files.length,
      detail: `${files.length} plays, ${trades} trades`,
      failures,
    };
  },
};
