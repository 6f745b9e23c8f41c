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

export function createMockClock(startMs?: number): MockClock {
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
    return { now: () => Date.now(), manual: false, advance: refuse, advanceTo: refuse };
  }
  if (!Number.isFinite(startMs)) {
    throw new MockBybitError('E_MOCK_CLOCK_START', `clock.startMs must be epoch ms, got ${startMs}`, {
      hint: 'e.g. clock: { startMs: Date.UTC(2025, 5, 10) }',
    });
  }
  let now = startMs;
  return {
    now: () => now,
    manual: true,
    advance(ms) {
      if (!(ms >= 0)) {
        throw new MockBybitError('E_MOCK_CLOCK_BACKWARDS', `cannot advance the clock by ${ms} ms`, {
          hint: 'the virtual clock only moves forward',
        });
      }
      now += ms;
      return now;
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
      now = ms;
      return now;
    },
  };
}
