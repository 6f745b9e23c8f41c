import type { ActionName } from '@trade/play';

/** What the engine knows about its own state when it resolves intents at a tick (`play-dsl.md` §12.3). */
export interface IntentState {
  /** 0 flat, +1 long open, −1 short open. */
  readonly position: -1 | 0 | 1;
  /** Side of the resting entry order, 0 when none. */
  readonly pendingEntry: -1 | 0 | 1;
  readonly mode: 'long_only' | 'short_only' | 'long_short';
  readonly allowFlip: boolean;
}

export type ActionDecision =
  | { readonly kind: 'not_actionable' }
  | {
      readonly kind: 'entry';
      readonly side: 1 | -1;
      readonly replacePending: boolean;
      readonly flip: boolean;
    }
  | { readonly kind: 'exit'; readonly side: 1 | -1 };

const NOT_ACTIONABLE: ActionDecision = { kind: 'not_actionable' };
const DECISIONS = {
  entryLong: { kind: 'entry', side: 1, replacePending: false, flip: false },
  entryLongReplace: { kind: 'entry', side: 1, replacePending: true, flip: false },
  entryLongFlip: { kind: 'entry', side: 1, replacePending: false, flip: true },
  entryShort: { kind: 'entry', side: -1, replacePending: false, flip: false },
  entryShortReplace: { kind: 'entry', side: -1, replacePending: true, flip: false },
  entryShortFlip: { kind: 'entry', side: -1, replacePending: false, flip: true },
  exitLong: { kind: 'exit', side: 1 },
  exitShort: { kind: 'exit', side: -1 },
} as const satisfies Record<string, ActionDecision>;

function entry(side: 1 | -1, s: IntentState): ActionDecision {
  const allowed = s.mode === 'long_short' || (side === 1 ? s.mode === 'long_only' : s.mode === 'short_only');
  if (!allowed) return NOT_ACTIONABLE;
  if (s.position === 0) {
    if (s.pendingEntry === side) return NOT_ACTIONABLE;
    const replace = s.pendingEntry === -side;
    return side === 1
      ? replace
        ? DECISIONS.entryLongReplace
        : DECISIONS.entryLong
      : replace
        ? DECISIONS.entryShortReplace
        : DECISIONS.entryShort;
  }
  if (s.position === -side && s.allowFlip)
    return side === 1 ? DECISIONS.entryLongFlip : DECISIONS.entryShortFlip;
  return NOT_ACTIONABLE;
}

/**
 * Whether `action` is actionable now and what it does (`play-dsl.md` §12.3 rule 3, `engine.md` §6.3).
 * Returns shared constant objects: no allocation per tick.
 */
export function decideAction(action: ActionName, s: IntentState): ActionDecision {
  switch (action) {
    case 'entry_long':
      return entry(1, s);
    case 'entry_short':
      return entry(-1, s);
    case 'exit_long':
      return s.position === 1 ? DECISIONS.exitLong : NOT_ACTIONABLE;
    case 'exit_short':
      return s.position === -1 ? DECISIONS.exitShort : NOT_ACTIONABLE;
    case 'exit_all':
      return s.position === 1 ? DECISIONS.exitLong : s.position === -1 ? DECISIONS.exitShort : NOT_ACTIONABLE;
    default:
      return NOT_ACTIONABLE;
  }
}
