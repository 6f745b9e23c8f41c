/**
 * The shape every `trade` subcommand has. Commands parse nothing themselves and hold no business logic:
 * they read their parsed flags, call a package function and describe the outcome.
 */
export interface OptionDef {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  readonly description: string;
  /** Shown in help; e.g. `<usdt>`. */
  readonly valueName?: string;
}

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly isTTY: boolean;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export type FlagValue = string | boolean | string[] | undefined;

export interface CommandContext {
  readonly flags: Readonly<Record<string, FlagValue>>;
  readonly positionals: readonly string[];
  readonly io: CliIo;
  /** `--json`: stdout carries exactly one JSON document. */
  readonly json: boolean;
  readonly quiet: boolean;
}

export interface CliWarning {
  readonly code: string;
  readonly message: string;
}

export interface CommandResult {
  /** `cli.md` §3. */
  readonly exitCode: number;
  /** One human sentence (the envelope's `message`). */
  readonly message: string;
  /** The envelope's `data`. */
  readonly data: unknown;
  /** Human output for stdout without `--json`; defaults to `message`. */
  readonly human?: string;
  readonly warnings?: readonly CliWarning[];
  /** Print this document verbatim under `--json` instead of the envelope (`trade validate`). */
  readonly rawJson?: unknown;
}

export interface CommandDef {
  /** Words after `trade`, e.g. `['data', 'status']`. */
  readonly path: readonly string[];
  readonly summary: string;
  /** Positional arguments as shown in help, e.g. `<file|dir>`. */
  readonly args?: string;
  readonly minPositionals?: number;
  readonly maxPositionals?: number;
  readonly options?: Readonly<Record<string, OptionDef>>;
  /** Streams NDJSON events under `--json`; the final envelope is then printed on one line (`cli.md` §2). */
  readonly streaming?: boolean;
  run(ctx: CommandContext): Promise<CommandResult>;
}

export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The string value of a flag, or undefined. */
export function stringFlag(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.flags[name];
  return typeof v === 'string' ? v : undefined;
}

/** A numeric flag; a non-number is a usage error naming the flag. */
export function numberFlag(ctx: CommandContext, name: string): number | undefined {
  const v = stringFlag(ctx, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n))
    throw new UsageError(`--${name} expects a number, got '${v}'`, `e.g. --${name} 10000`);
  return n;
}

export function requireStringFlag(ctx: CommandContext, name: string, example: string): string {
  const v = stringFlag(ctx, name);
  if (v === undefined) throw new UsageError(`missing required flag --${name}`, `e.g. ${example}`);
  return v;
}
