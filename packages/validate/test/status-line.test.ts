import { describe, expect, it } from 'vitest';
import { formatStatusLine } from '../src/index';

describe('live status line (validation.md §9)', () => {
  it('shows stage, the gate with its plays, and the elapsed clock', () => {
    expect(
      formatStatusLine({ stage: 4, stages: 8, gateId: 'G8', done: 17, total: 25, elapsedMs: 31_400 }),
    ).toBe('stage 4/8 · G8 17/25 plays · 0:31');
    expect(
      formatStatusLine({ stage: 4, stages: 8, gateId: 'G5', done: 0, total: 0, elapsedMs: 61_000 }),
    ).toBe('stage 4/8 · G5 · 1:01');
  });
});
