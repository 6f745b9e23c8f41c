import { type Candles, floorToTf, MINUTE_MS, tfDurationMs } from '@trade/core';
import type { CompiledPlay } from '@trade/play';
import { EngineError } from '../errors';

/** The instants a run covers (`engine.md` §2.4, §3). */
export interface RunWindow {
  readonly windowStart: number;
  readonly windowEnd: number;
  /** First bar fed to features (warmup included). */
  readonly dataStart: number;
  readonly simStart: number;
  readonly simEnd: number;
  readonly warmupTruncated: boolean;
  readonly windowTruncated: boolean;
  /** W(T) per timeframe, in bars of T. */
  readonly warmupBars: Readonly<Record<string, number>>;
}

const ceilTo = (t: number, step: number) => Math.ceil(t / step) * step;

/**
 * Places the simulation inside the available 1m data: sim_start is the window start rounded up to an exec
 * boundary, moved later when the data cannot supply every timeframe's warmup W(T) before it; sim_end is the
 * window end rounded down, capped at the last complete exec close of the data. Without a window the whole data
 * range is the window.
 */
export function planRunWindow(
  compiled: CompiledPlay,
  minutes: Candles,
  requested: { readonly start: number; readonly end: number } | null,
): RunWindow {
  if (minutes.length === 0) {
    throw new EngineError('E_DATA_NO_1M', 'no 1m bars in the requested range', {
      hint: 'sync or import 1m data first',
    });
  }
  const execMs = tfDurationMs(compiled.execTf);
  const first = minutes.ts[0]!;
  const lastClose = minutes.ts[minutes.length - 1]! + MINUTE_MS;
  const windowStart = requested?.start ?? first;
  const windowEnd = requested?.end ?? lastClose;
  if (!(windowEnd > windowStart)) {
    throw new EngineError(
      'E_WINDOW_INVALID',
      `window end ${windowEnd} is not after its start ${windowStart}`,
      {
        path: 'window',
        hint: 'pass --from before --to',
      },
    );
  }
  const warmupBars: Record<string, number> = {};
  let feasible = first + compiled.minuteLookback * MINUTE_MS;
  for (const layout of compiled.timeframes) {
    const ms = tfDurationMs(layout.tf);
    warmupBars[layout.tf] = layout.warmupBars;
    feasible = Math.max(feasible, ceilTo(first, ms) + layout.warmupBars * ms);
  }
  const wanted = ceilTo(windowStart, execMs);
  const simStart = ceilTo(Math.max(wanted, feasible), execMs);
  const simEnd = Math.floor(Math.min(windowEnd, lastClose) / execMs) * execMs;
  if (!(simEnd > simStart)) {
    throw new EngineError(
      'E_DATA_INSUFFICIENT',
      `no exec bar remains after warmup (sim ${new Date(simStart).toISOString()} .. ${new Date(simEnd).toISOString()})`,
      { hint: 'widen the window or load earlier data for the warmup' },
    );
  }
  let dataStart = simStart - compiled.minuteLookback * MINUTE_MS;
  for (const layout of compiled.timeframes) {
    const ms = tfDurationMs(layout.tf);
    dataStart = Math.min(dataStart, floorToTf(simStart - layout.warmupBars * ms, layout.tf));
  }
  return {
    windowStart,
    windowEnd,
    dataStart: Math.max(dataStart, first),
    simStart,
    simEnd,
    warmupTruncated: simStart > wanted,
    windowTruncated: windowEnd > lastClose,
    warmupBars,
  };
}
