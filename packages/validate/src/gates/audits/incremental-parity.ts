import { join } from 'node:path';
import { computeSeries, listIndicators } from '@trade/indicators';
import type { GateContext, GateDef, GateFailure, GateOutcome } from '../../runner/types';
import { firstBitwiseDiff, regimeFrame, regimeFrameHash } from './frame';
import { compareGolden, readGolden } from './golden';
import { resumed, streamed } from './streams';

const G3_SEED = 42;
const RESUME_AT = 1000;

/**
 * The run-mode half of G3 for one indicator: streaming = batch helper = resume-from-snapshot, bitwise.
 * Failures: `<indicator>: <mode> not bitwise equal at i=<idx>`.
 */
export function auditRunModes(name: string, seed = G3_SEED): string[] {
  const candles = regimeFrame(seed);
  const { ind, out } = streamed(name, candles);
  const batch = computeSeries(name, undefined, candles);
  const resume = resumed(name, candles, RESUME_AT);
  const fail: string[] = [];
  const modes: [string, (k: number) => Float64Array | undefined][] = [
    ['batch', (k) => batch[ind.outputKeys[k]!]],
    ['resume', (k) => resume[k]],
  ];
  for (const [mode, get] of modes) {
    for (let k = 0; k < out.length; k++) {
      const other = get(k);
      const at = other === undefined ? 0 : firstBitwiseDiff(out[k]!, other);
      if (at !== -1) {
        fail.push(`${name}: ${mode} not bitwise equal at i=${at}`);
        break;
      }
    }
  }
  return fail;
}

/** The golden half of G3 for one indicator (`validation.md` §6.2), against the vectors in `goldenDir`. */
export function auditGolden(name: string, goldenDir: string, seed = G3_SEED): string[] {
  const { ind, out } = streamed(name, regimeFrame(seed));
  return compareGolden(name, ind.outputKeys, out, readGolden(goldenDir, name), regimeFrameHash(seed));
}

/**
 * G3 Incremental Parity: for every registered indicator, bitwise run-mode equality and agreement with its golden
 * vector in `packages/indicators/golden` (read from the repository the run starts in).
 */
export const incrementalParityGate: GateDef = {
  id: 'G3',
  name: 'Incremental Parity',
  module: 'audits',
  async run(ctx: GateContext): Promise<GateOutcome> {
    const names = listIndicators().map((m) => m.name);
    const goldenDir = join(ctx.cwd, 'packages', 'indicators', 'golden');
    const failures: GateFailure[] = names.flatMap((n) =>
      [...auditRunModes(n), ...auditGolden(n, goldenDir)].map((message) => ({ message })),
    );
    return {
      passed: failures.length === 0,
      checked: names.length,
      detail: `${names.length} indicators`,
      failures,
    };
  },
};
