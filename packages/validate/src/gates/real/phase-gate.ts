import { join } from 'node:path';
import { loadPlay } from '@trade/play';
import { LEDGER_TOLERANCE } from '../../pool/ledger-audit';
import { failedRealPlay, type RealPlayTaskPayload, type RealPlayTaskResult } from '../../pool/real-play-task';
import { poolError } from '../../pool/task-error';
import type { GateContext, GateDef, GateFailure, GateOutcome } from '../../runner/types';
import { playIdOf } from '../core/yaml-parse';
import { suitePlayFiles } from '../suites/play-suite';
import type { RealManifest, RealPhase, TimeWindow } from './manifest';
import { type RealRunData, realRunData } from './real-data';

/** `--timeout-play` default on real data (`validation.md` §8) when the run sets none. */
export const REAL_TIMEOUT_PLAY_MS = 300_000;

/** Folder of the RV plays of one phase. */
export function phasePlaysDir(ctx: GateContext, phase: RealPhase): string {
  return join(ctx.validationPlaysDir, 'real_data', phase);
}

/**
 * The window of one play (`validation.md` §11.4 b): a `windows` override of the manifest, else the play's own
 * `date_range` when it lies inside the stored coverage of its symbol, else the phase window. Undefined = no window
 * (the phase has none, or the chosen one leaves the stored 1m coverage).
 */
export function resolveWindow(
  manifest: RealManifest,
  phase: RealPhase,
  playId: string,
  dateRange: { readonly start: string; readonly end: string } | null,
  coverage: TimeWindow | undefined,
): TimeWindow | undefined {
  const inside = (w: TimeWindow) =>
    coverage !== undefined && w.end > w.start && w.start >= coverage.start && w.end <= coverage.end;
  const override = manifest.windows[playId];
  if (override !== undefined) return inside(override) ? override : undefined;
  if (dateRange !== null) {
    const own = { start: Date.parse(dateRange.start), end: Date.parse(dateRange.end) };
    if (Number.isFinite(own.start) && Number.isFinite(own.end) && inside(own)) return own;
  }
  const w = manifest.phases[phase];
  return w !== undefined && inside(w) ? w : undefined;
}

/** One play: resolve symbol and window in the parent, then one pool task on the shared columns. */
async function runOne(
  ctx: GateContext,
  gateId: string,
  phase: RealPhase,
  playPath: string,
  data: RealRunData,
): Promise<RealPlayTaskResult | GateFailure> {
  const playId = playIdOf(playPath);
  let symbol: string;
  let dateRange: { readonly start: string; readonly end: string } | null;
  try {
    const play = loadPlay(playPath);
    symbol = play.symbol;
    dateRange = play.date_range;
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'Error';
    return {
      play: playId,
      message: `${playId}: ${code}: ${(error as Error).message.replace(/\s*\n\s*/g, ' ')}`,
    };
  }
  const sd = data.symbols.get(symbol);
  if (sd === undefined)
    return {
      play: playId,
      message: `${playId}: dataset missing: the manifest has no engine 1m candles for ${symbol}`,
    };
  if ('missing' in sd) return { play: playId, message: `${playId}: ${sd.missing}` };
  const window = resolveWindow(data.manifest, phase, playId, dateRange, {
    start: sd.dataset.start,
    end: sd.dataset.end,
  });
  if (window === undefined) return { play: playId, message: `${playId}: no window` };
  const payload: RealPlayTaskPayload = {
    gateId,
    playId,
    playPath,
    mode: 'real',
    window,
    datasets: { candles1m: sd.candles1m, instrument: sd.instrument, funding: sd.funding },
  };
  try {
    return await ctx.pool.run<RealPlayTaskResult>('runRealPlay', payload, {
      timeoutMs: ctx.timeoutPlayMs ?? REAL_TIMEOUT_PLAY_MS,
      ...(ctx.gateTimeout === undefined ? {} : { gateTimeout: ctx.gateTimeout }),
    });
  } catch (error) {
    return failedRealPlay(playId, poolError(error), 0);
  }
}

/** The §11.4 pass rule for one result (zero trades is not a failure on real data). */
export function realFailures(r: RealPlayTaskResult): GateFailure[] {
  if (r.error?.code === 'TIMEOUT') return [{ play: r.playId, message: `${r.playId}: ${r.error.message}` }];
  if (r.error !== null)
    return [{ play: r.playId, message: `${r.playId}: ${r.error.code}: ${r.error.message}` }];
  const out: GateFailure[] = [];
  if (r.warmupTruncated)
    out.push({
      play: r.playId,
      message: `${r.playId}: E_WARMUP_TRUNCATED: the stored 1m history cannot supply the warmup before the window (run.warmup_truncated = true)`,
    });
  // validation.md §11.4: Σ trade net PnL + funding = equity change within 1e-9 (absolute; compensated sums keep
  // the stored-data runs near 1e-12).
  if (r.ledgerDelta === null || !(Math.abs(r.ledgerDelta) <= LEDGER_TOLERANCE))
    out.push({ play: r.playId, message: `${r.playId}: ledger mismatch ${r.ledgerDelta}` });
  return out;
}

/** One play's numbers, for benchmarks and per-phase counts. */
export interface RealPlayRow {
  readonly playId: string;
  readonly trades: number;
  readonly durationMs: number;
}

/**
 * Runs one phase: every `plays/validation/real_data/<phase>/*.yml` on the stored 1m data of its symbol over the
 * phase window, through the run's one pool. The parent loads the data once per run (§11.5).
 */
export async function runRealPhase(
  ctx: GateContext,
  id: string,
  phase: RealPhase,
): Promise<{ outcome: GateOutcome; rows: RealPlayRow[] }> {
  const dir = phasePlaysDir(ctx, phase);
  const files = suitePlayFiles(dir);
  if (files.length === 0)
    return {
      outcome: {
        passed: false,
        checked: 0,
        detail: '0 plays, 0 trades',
        failures: [{ message: `${phase}: no plays in ${dir}` }],
      },
      rows: [],
    };
  const data = await realRunData(ctx);
  const outcomes = await Promise.all(files.map((f) => runOne(ctx, id, phase, f, data)));
  const failures: GateFailure[] = [];
  const rows: RealPlayRow[] = [];
  let trades = 0;
  for (const o of outcomes) {
    if ('message' in o) {
      failures.push(o);
      continue;
    }
    trades += o.trades;
    rows.push({ playId: o.playId, trades: o.trades, durationMs: o.durationMs });
    failures.push(...realFailures(o));
  }
  failures.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
  return {
    outcome: {
      passed: failures.length === 0,
      checked: files.length,
      detail: `${files.length} plays, ${trades} trades`,
      failures,
    },
    rows,
  };
}

/** RD1–RD4 (`validation.md` §11.4): the §11.4 pass rule over one phase folder. */
export function realPhaseGate(id: string, name: string, module: string, phase: RealPhase): GateDef {
  return {
    id,
    name,
    module,
    async run(ctx: GateContext): Promise<GateOutcome> {
      return (await runRealPhase(ctx, id, phase)).outcome;
    },
  };
}

/** RD1–RD4 in catalogue order. */
export const REAL_PHASE_GATES: readonly GateDef[] = [
  realPhaseGate('RD1', 'Real Accumulation', 'real-accumulation', 'accumulation'),
  realPhaseGate('RD2', 'Real Markup', 'real-markup', 'markup'),
  realPhaseGate('RD3', 'Real Distribution', 'real-distribution', 'distribution'),
  realPhaseGate('RD4', 'Real Markdown', 'real-markdown', 'markdown'),
];
