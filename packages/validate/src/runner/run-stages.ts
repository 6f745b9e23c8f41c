import type { GateContext, GateDef, GateOutcome, GateResult, Schedule } from './types';

export interface ValidationReport {
  readonly tier: string;
  readonly durationSec: number;
  /** Schedule order, never completion order; gates cut off by fail-fast are absent. */
  readonly gates: readonly GateResult[];
}

export interface RunStagesOptions {
  readonly schedule: Schedule;
  readonly context: GateContext;
  /** Default true; false = `--no-fail-fast` (every scheduled gate runs). */
  readonly failFast?: boolean;
  /** Called after each gate completes (progress checkpoint, live status). */
  readonly onGate?: (result: GateResult) => void;
  /** Called when a stage starts (1-based index) and when one of its gates starts. */
  readonly onStage?: (stage: number, stages: number, gateId: string) => void;
  /** Aborted = interrupted: no further stage starts. */
  readonly signal?: AbortSignal;
}

function errorLine(gate: GateDef, error: unknown): string {
  const name = error instanceof Error ? ((error as { code?: string }).code ?? error.name) : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return `${gate.id}: ${name}: ${message.replace(/\s*\n\s*/g, ' ')}`;
}

/** After `--timeout-gate` aborts a gate's tasks, how long it may take to report them before it is cut off. */
const GRACE_MS = 1_000;

/**
 * Runs one gate; a thrown error fails that gate only, with one readable failure line. With `timeoutGateMs` the
 * gate's tasks are aborted when it runs out (`validation.md` §8).
 */
export async function runGate(gate: GateDef, context: GateContext): Promise<GateResult> {
  const started = performance.now();
  let outcome: GateOutcome;
  const limitMs = context.timeoutGateMs;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  try {
    const running = gate.run(
      limitMs === undefined
        ? context
        : { ...context, gateTimeout: { signal: controller.signal, timeoutMs: limitMs } },
    );
    if (limitMs === undefined) outcome = await running;
    else {
      // Aborting cancels the gate's pool tasks (each then reports TIMEOUT); a gate busy in this thread cannot be
      // interrupted, so after one more second the gate as a whole reports TIMEOUT and the run moves on.
      const expired = new Promise<GateOutcome>((resolve) => {
        timer = setTimeout(() => {
          controller.abort();
          timer = setTimeout(
            () =>
              resolve({
                passed: false,
                checked: 0,
                detail: 'timeout',
                failures: [{ message: `${gate.id}: TIMEOUT after ${Math.round(limitMs / 1000)}s` }],
              }),
            GRACE_MS,
          );
        }, limitMs);
      });
      outcome = await Promise.race([running, expired]);
    }
  } catch (error) {
    outcome = {
      passed: false,
      checked: 0,
      detail: 'gate error',
      failures: [{ message: errorLine(gate, error) }],
    };
  }
  clearTimeout(timer);
  const passed = outcome.passed && outcome.failures.length === 0;
  return {
    gateId: gate.id,
    name: gate.name,
    ...outcome,
    passed,
    durationSec: (performance.now() - started) / 1000,
  };
}

/**
 * Runs a schedule (`validation.md` §5): the gates of a stage concurrently, stages in order. With fail-fast
 * a started stage always completes; after it, any failure so far stops the run. Sequential tiers have one gate
 * per stage, so the same rule stops right after the first failing gate. `failFast: 'none'` (module) never stops.
 */
export async function runStages(options: RunStagesOptions): Promise<ValidationReport> {
  const { schedule, context } = options;
  const started = performance.now();
  const stopEarly = (options.failFast ?? true) && schedule.failFast !== 'none';
  const results: GateResult[] = [];
  for (const [index, stage] of schedule.stages.entries()) {
    if (options.signal?.aborted === true) break;
    const stageResults = await Promise.all(
      stage.map(async (gate) => {
        options.onStage?.(index + 1, schedule.stages.length, gate.id);
        const result = await runGate(gate, context);
        options.onGate?.(result);
        return result;
      }),
    );
    results.push(...stageResults);
    if (stopEarly && results.some((r) => !r.passed)) break;
  }
  return { tier: schedule.tier, durationSec: (performance.now() - started) / 1000, gates: results };
}
