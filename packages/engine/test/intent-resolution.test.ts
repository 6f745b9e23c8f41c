import { describe, expect, it } from 'vitest';
import { decideAction, type IntentState } from '../src/runtime/intent-resolution';

const flat: IntentState = { position: 0, pendingEntry: 0, mode: 'long_short', allowFlip: false };

describe('decideAction (play-dsl.md §12.3)', () => {
  it('enters when flat on an allowed side only', () => {
    expect(decideAction('entry_long', flat)).toMatchObject({
      kind: 'entry',
      side: 1,
      replacePending: false,
      flip: false,
    });
    expect(decideAction('entry_short', { ...flat, mode: 'long_only' }).kind).toBe('not_actionable');
    expect(decideAction('entry_long', { ...flat, mode: 'short_only' }).kind).toBe('not_actionable');
  });

  it('ignores a same-side entry while one is pending and replaces an opposite one', () => {
    expect(decideAction('entry_long', { ...flat, pendingEntry: 1 }).kind).toBe('not_actionable');
    expect(decideAction('entry_long', { ...flat, pendingEntry: -1 })).toMatchObject({
      kind: 'entry',
      replacePending: true,
    });
  });

  it('flips only with allow_flip and an opposite position', () => {
    expect(decideAction('entry_long', { ...flat, position: -1 }).kind).toBe('not_actionable');
    expect(decideAction('entry_long', { ...flat, position: -1, allowFlip: true })).toMatchObject({
      kind: 'entry',
      flip: true,
    });
    expect(decideAction('entry_long', { ...flat, position: 1, allowFlip: true }).kind).toBe('not_actionable');
  });

  it('exits only a matching open position; no_action never executes', () => {
    expect(decideAction('exit_long', { ...flat, position: 1 })).toEqual({ kind: 'exit', side: 1 });
    expect(decideAction('exit_long', { ...flat, position: -1 }).kind).toBe('not_actionable');
    expect(decideAction('exit_all', { ...flat, position: -1 })).toEqual({ kind: 'exit', side: -1 });
    expect(decideAction('exit_all', flat).kind).toBe('not_actionable');
    expect(decideAction('no_action', { ...flat, position: 1 }).kind).toBe('not_actionable');
  });
});
