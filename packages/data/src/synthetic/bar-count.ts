import type { Timeframe } from '@trade/core';
import { tfDurationMs } from '@trade/core';
import { SyntheticError } from './errors';

/**
 * Simulated-window bars of a synthetic run (`synthetic-data.md` §7.3, the one rule): an explicit count wins;
 * otherwise `max(2000 − Wx, 2 · Wx)` so the run has at least 2000 exec bars and a window at least twice the
 * warmup. `warmupBars` (`Wx`) is the lead-in in exec bars.
 */
export function syntheticWindowBars(warmupBars: number, explicitBars?: number): number {
  if (!Number.isInteger(warmupBars) || warmupBars < 0)
    throw new SyntheticError('E_SYNTH_BAD_OPTION', `warmup bars must be an integer ≥ 0, got ${warmupBars}`, {
      hint: 'pass the play warmup in exec-TF bars',
      path: 'leadInBars',
    });
  if (explicitBars !== undefined) return explicitBars;
  return Math.max(2000 - warmupBars, 2 * warmupBars);
}

/** Lead-in bars for the engine path (§7.2): `ceil((start − dataStart) / exec)`. */
export function syntheticLeadInBars(startMs: number, dataStartMs: number, execTf: Timeframe): number {
  return Math.max(0, Math.ceil((startMs - dataStartMs) / tfDurationMs(execTf)));
}
