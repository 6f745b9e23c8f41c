/**
 * The one typed error base of TRADE. Every package's errors extend it so callers can branch on a stable
 * `code` (never on message text) and show `hint` to the user.
 */
/**
 * What kind of failure this is, so callers (the CLI's exit codes, `cli.md` §3) can act without parsing codes:
 * `input` bad user input (play, config, file), `data` missing or inconsistent market data or store,
 * `exchange` exchange or network, `safety` refused by a guard, `internal` a bug.
 */
export type ErrorKind = 'input' | 'data' | 'exchange' | 'safety' | 'internal';

export interface TradeErrorDetails {
  /** Defaults to `input`. */
  readonly kind?: ErrorKind;
  /** One sentence telling the user what to do about it. */
  readonly hint?: string;
  /** Source location, when the error comes from a file the user wrote. */
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  /** Key path inside a document, e.g. `features[2].params.length`. */
  readonly path?: string;
  /** Row number (1-based, header excluded) for tabular input. */
  readonly row?: number;
  readonly cause?: unknown;
}

export class TradeError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly hint: string | undefined;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly col: number | undefined;
  readonly path: string | undefined;
  readonly row: number | undefined;

  constructor(code: string, message: string, details: TradeErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = code;
    this.kind = details.kind ?? 'input';
    this.hint = details.hint;
    this.file = details.file;
    this.line = details.line;
    this.col = details.col;
    this.path = details.path;
    this.row = details.row;
  }

  /** The `error` object of the CLI JSON envelope (`cli.md` §2). */
  toJSON(): {
    code: string;
    message: string;
    hint: string | null;
    file?: string;
    line?: number;
    col?: number;
    path?: string;
    row?: number;
  } {
    return {
      code: this.code,
      message: this.message,
      hint: this.hint ?? null,
      ...(this.file === undefined ? {} : { file: this.file }),
      ...(this.line === undefined ? {} : { line: this.line }),
      ...(this.col === undefined ? {} : { col: this.col }),
      ...(this.path === undefined ? {} : { path: this.path }),
      ...(this.row === undefined ? {} : { row: this.row }),
    };
  }
}

export function isTradeError(value: unknown): value is TradeError {
  return value instanceof TradeError;
}
