import { TradeError } from '@trade/core';
import type { CliWarning } from './command';

/** `cli.md` §3 exit codes by error kind. */
export const EXIT = {
  ok: 0,
  negative: 1,
  usage: 2,
  input: 3,
  data: 4,
  exchange: 5,
  safety: 6,
  liquidated: 7,
  maxDrawdown: 8,
  internal: 70,
  interrupted: 130,
} as const;

export function exitCodeForError(error: unknown): number {
  if (!(error instanceof TradeError)) return EXIT.internal;
  switch (error.kind) {
    case 'input':
      return EXIT.input;
    case 'data':
      return EXIT.data;
    case 'exchange':
      return EXIT.exchange;
    case 'safety':
      return EXIT.safety;
    default:
      return EXIT.internal;
  }
}

export interface EnvelopeError {
  readonly code: string;
  readonly message: string;
  readonly hint: string | null;
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  readonly path?: string;
}

/** The JSON envelope of `cli.md` §2, keys in the spec's order. */
export function envelope(args: {
  command: string;
  exitCode: number;
  message: string;
  data: unknown;
  error?: EnvelopeError | null;
  warnings?: readonly CliWarning[];
  /** One line (the closing line of an NDJSON stream) instead of indented JSON. */
  compact?: boolean;
}): string {
  const status = args.exitCode === 0 ? 'ok' : args.error ? 'error' : 'fail';
  return `${JSON.stringify(
    {
      status,
      command: args.command,
      message: args.message,
      data: args.data ?? null,
      error: args.error ?? null,
      warnings: args.warnings ?? [],
      exit_code: args.exitCode,
    },
    null,
    args.compact ? undefined : 2,
  )}\n`;
}
