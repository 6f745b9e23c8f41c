import { TradeError } from './errors';
import { compareTimeframes, isTimeframe, TIMEFRAMES, type Timeframe } from './timeframe';

/** A play names its timeframes by role; `exec` points at one of the roles (`play-dsl.md` §5). */
export const TIMEFRAME_ROLES = ['low_tf', 'med_tf', 'high_tf'] as const;
export type TimeframeRole = (typeof TIMEFRAME_ROLES)[number];

export interface TimeframeRoles {
  readonly low_tf: Timeframe;
  readonly med_tf: Timeframe;
  readonly high_tf: Timeframe;
  readonly exec: TimeframeRole;
}

export function isTimeframeRole(value: string): value is TimeframeRole {
  return (TIMEFRAME_ROLES as readonly string[]).includes(value);
}

/** The exec timeframe a role set points at. */
export function execTimeframe(roles: TimeframeRoles): Timeframe {
  return roles[roles.exec];
}

/**
 * Resolves a timeframe reference as plays write it: a role name, `exec`, or a concrete timeframe.
 * Throws `E_TF_ROLE` naming the valid choices otherwise.
 */
export function resolveTimeframeRef(ref: string, roles: TimeframeRoles): Timeframe {
  if (ref === 'exec') return execTimeframe(roles);
  if (isTimeframeRole(ref)) return roles[ref];
  if (isTimeframe(ref)) return ref;
  throw new TradeError('E_TF_ROLE', `'${ref}' is not a timeframe or role`, {
    hint: `use one of exec, ${TIMEFRAME_ROLES.join(', ')} or a timeframe (${TIMEFRAMES.join(' ')})`,
  });
}

/** Checks `high_tf >= med_tf >= low_tf`; returns an error message or undefined. */
export function checkRoleHierarchy(
  roles: Pick<TimeframeRoles, 'low_tf' | 'med_tf' | 'high_tf'>,
): string | undefined {
  if (
    compareTimeframes(roles.med_tf, roles.low_tf) < 0 ||
    compareTimeframes(roles.high_tf, roles.med_tf) < 0
  ) {
    return `timeframes must satisfy high_tf >= med_tf >= low_tf (${roles.high_tf}/${roles.med_tf}/${roles.low_tf})`;
  }
  return undefined;
}
