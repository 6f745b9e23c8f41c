import type { CliWarning } from './command';

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
