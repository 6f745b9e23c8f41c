import { type ErrorKind, TradeError } from '@trade/core';

/** Stable codes of the synthetic generator (`synthetic-data.md` §1); the first three are shared with `play-dsl.md` §16. */
export type SyntheticErrorCode =
  | 'E_PATTERN_UNKNOWN'
  | 'E_SYNTHETIC_CONFIG'
  | 'E_CONFLICT'
  | 'E_SYNTH_UNKNOWN_TF'
  | 'E_SYNTH_BAD_OPTION';

/** Every failure of the synthetic generator: bad input from the caller, always with a hint. */
export class SyntheticError extends TradeError {
  declare readonly code: SyntheticErrorCode;

  constructor(
    code: SyntheticErrorCode,
    message: string,
    details: { hint: string; path?: string; kind?: ErrorKind },
  ) {
    super(code, message, {
      kind: details.kind ?? 'input',
      hint: details.hint,
      ...(details.path ? { path: details.path } : {}),
    });
  }
}
