import { MockBybitError } from './errors';

/**
 * The mock's notion of "now". By default it is the wall clock, so every stored bar (all in the past) is
 * served as closed. A manual clock pins `now` inside the data so the forming bar and the
 * "nothing after now" rule can be exercised; it moves only through `advance` / `advanceTo`.
 */
export interface MockClock {
  now(): number;
  /** True when `now` only moves through `advance` / `advanceTo`. */
  readonly manual: boolean;
  advance(ms: number): number;
  advanceTo(ms: number): number;
}

/** Called after the manual clock moved from `fromMs` to `toMs` (WebSocket pushes follow every step). */
export type AdvanceListener = (fromMs: number, toMs: number) => void;

/**
 * The clock as the server sees it: a `MockClock` plus an internal hook that observes `advance` / `advanceTo`, so
 * the WebSocket layer pushes what a step changed. Not exported from the package: tests drive the clock, the
 * server observes it.
 */
export interface ObservedClock extends MockClock {
  /** Registers `listener` for every manual step; returns the unregister function. */
  onAdvance(listener: AdvanceListener): () => void;
}

export function createMockClock(startMs?: number): ObservedClock {
  const listeners = new Set<AdvanceListener>();
  const onAdvance = (listener: AdvanceListener): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  if (startMs === undefined) {
    const refuse = (): never => {
      throw new MockBybitError(
        'E_MOCK_CLOCK_WALL',
        'the mock runs on the wall clock; it cannot be advanced',
        {
          hint: 'start the mock with `clock: { startMs }` to get a manual virtual clock',
        },
      );
    };
    return { now: () => Date.now(), manual: false, advance: refuse, advanceTo: refuse, onAdvance };
  }
  if (!Number.isFinite(startMs)) {
    throw new MockBybitError('E_MOCK_CLOCK_START', `clock.startMs must be epoch ms, got ${startMs}`, {
      hint: 'e.g. clock: { startMs: Date.UTC(2025, 5, 10) }',
    });
  }
  let now = startMs;
  const step = (to: number): number => {
    const from = now;
    now = to;
    for (const listener of listeners) listener(from, to);
    return now;
  };
  return {
    now: () => now,
    manual: true,
    onAdvance,
    advance(ms) {
      if (!(ms >= 0)) {
        throw new MockBybitError('E_MOCK_CLOCK_BACKWARDS', `cannot advance the clock by ${ms} ms`, {
          hint: 'the virtual clock only moves forward',
        });
      }
      return step(now + ms);
    },
    advanceTo(ms) {
      if (!(ms >= now)) {
        throw new MockBybitError(
          'E_MOCK_CLOCK_BACKWARDS',
          `cannot move the clock back from ${now} to ${ms}`,
          {
            hint: 'the virtual clock only moves forward',
          },
        );
      }
      return step(ms);
    },
  };
}
