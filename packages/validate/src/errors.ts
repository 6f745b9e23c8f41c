import { TradeError } from '@trade/core';

/** Stable codes of `@trade/validate` errors that stop a run before any gate starts (`validation.md` §15). */
export type ValidationErrorCode =
  | 'E_VALIDATE_USAGE'
  | 'E_VALIDATE_PLAYS_MISSING'
  | 'E_VALIDATE_WORKERS'
  | 'E_VALIDATE_DATA_MISSING'
  | 'E_VALIDATE_INTERRUPTED';

/**
 * A validation run that could not start. `E_VALIDATE_USAGE` / `E_VALIDATE_WORKERS` are usage errors (exit 2);
 * `E_VALIDATE_PLAYS_MISSING` is invalid input (exit 3); `E_VALIDATE_DATA_MISSING` is a data error (exit 4);
 * `E_VALIDATE_INTERRUPTED` means the run was aborted (SIGINT, exit 130; no report).
 */
export class ValidationError extends TradeError {
  declare readonly code: ValidationErrorCode;

  constructor(code: ValidationErrorCode, message: string, hint: string) {
    super(code, message, {
      kind:
        code === 'E_VALIDATE_DATA_MISSING'
          ? 'data'
          : code === 'E_VALIDATE_INTERRUPTED'
            ? 'internal'
            : 'input',
      hint,
    });
  }

  /** True for errors the CLI reports as usage errors (exit 2). */
  get isUsage(): boolean {
    return this.code === 'E_VALIDATE_USAGE' || this.code === 'E_VALIDATE_WORKERS';
  }
}
