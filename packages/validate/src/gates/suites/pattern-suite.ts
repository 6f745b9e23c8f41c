import { join } from 'node:path';
import { SYNTHETIC_PATTERN_NAMES } from '@trade/data';
import type { GateContext, GateDef, GateFailure, GateOutcome } from '../../runner/types';
import { playIdOf } from '../core/yaml-parse';
import { runPlays, suiteOutcome, suitePlayFiles } from './play-suite';

/** The pattern a `PAT_<nnn>_<pattern>` play id names. */
export function patternOfPlayId(id: string): string | undefined {
  return /^PAT_\d{3}_(.+)$/.exec(id)?.[1];
}

/** G13 Pattern Suite: the play-suite rule, and every synthetic pattern has a play. */
export const patternSuiteGate: GateDef = {
  id: 'G13',
  name: 'Pattern Suite',
  module: 'patterns',
  async run(ctx: GateContext): Promise<GateOutcome> {
    const files = suitePlayFiles(join(ctx.validationPlaysDir, 'patterns'));
    const covered = new Set(files.map((f) => patternOfPlayId(playIdOf(f))));
    const failures: GateFailure[] = SYNTHETIC_PATTERN_NAMES.filter((p) => !covered.has(p)).map((p) => ({
      message: `pattern ${p}: no play`,
    }));
    return suiteOutcome(await runPlays(ctx, 'G13', files), failures);
  },
};
