import { parseArgs } from 'node:util';
import { EXIT, exitCodeForError, TradeError } from '@trade/core';
import { type CliIo, type CommandContext, type CommandDef, type OptionDef, UsageError } from './command';
import { COMMANDS } from './commands/index';
import { envelope } from './envelope';
import { GLOBAL_OPTIONS } from './global-options';
import { commandHelp, rootHelp } from './help';
import { CLI_VERSION } from './version';

/** Longest command whose path is a prefix of argv's leading words. */
function matchCommand(argv: readonly string[]): { command: CommandDef; rest: string[] } | undefined {
  let best: CommandDef | undefined;
  for (const c of COMMANDS) {
    if (
      c.path.every((word, i) => argv[i] === word) &&
      (best === undefined || c.path.length > best.path.length)
    )
      best = c;
  }
  return best === undefined ? undefined : { command: best, rest: argv.slice(best.path.length) };
}

function toParseArgsOptions(options: Readonly<Record<string, OptionDef>>) {
  const out: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [name, o] of Object.entries(options)) {
    out[name] = {
      type: o.type,
      ...(o.short ? { short: o.short } : {}),
      ...(o.multiple ? { multiple: true } : {}),
    };
  }
  return out;
}

/**
 * Runs the `trade` command line and returns the process exit code. Everything the command prints goes
 * through `io`, so tests run the real CLI in-process.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const wantsJson = argv.includes('--json');
  if (argv.length === 1 && argv[0] === '--version') {
    io.stdout(`${CLI_VERSION}\n`);
    return EXIT.ok;
  }
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    (argv.length === 0 ? io.stderr : io.stdout)(rootHelp());
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  const match = matchCommand(argv);
  if (match === undefined) {
    const groups = COMMANDS.filter((c) => c.path[0] === argv[0]);
    const message =
      groups.length > 0 ? `'${argv.slice(0, 2).join(' ')}' is not a command` : `unknown command '${argv[0]}'`;
    const hint =
      groups.length > 0
        ? `available: ${groups.map((c) => c.path.join(' ')).join(', ')}`
        : 'run `trade --help` for the command list';
    return reportUsage(io, wantsJson, argv.slice(0, 2).join(' '), message, hint);
  }
  const { command, rest } = match;
  const name = command.path.join(' ');
  const options = { ...GLOBAL_OPTIONS, ...command.options };
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: rest,
      options: toParseArgsOptions(options),
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    const flags = Object.keys(options)
      .map((o) => `--${o}`)
      .join(' ');
    return reportUsage(io, wantsJson, name, (e as Error).message.split('\n')[0]!, `accepted flags: ${flags}`);
  }
  if (parsed.values.help === true) {
    io.stdout(commandHelp(command));
    return EXIT.ok;
  }
  const min = command.minPositionals ?? 0;
  const max = command.maxPositionals ?? 0;
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    return reportUsage(
      io,
      wantsJson,
      name,
      `'trade ${name}' takes ${min === max ? min : `${min} to ${max}`} argument(s), got ${parsed.positionals.length}`,
      `usage: trade ${name} ${command.args ?? ''}`.trimEnd(),
    );
  }
  const ctx: CommandContext = {
    flags: parsed.values as CommandContext['flags'],
    positionals: parsed.positionals,
    io,
    json: parsed.values.json === true,
    quiet: parsed.values.quiet === true,
  };
  try {
    const result = await command.run(ctx);
    if (ctx.json) {
      io.stdout(
        result.rawJson !== undefined
          ? `${JSON.stringify(result.rawJson, null, 2)}\n`
          : envelope({
              command: name,
              exitCode: result.exitCode,
              message: result.message,
              data: result.data,
              ...(result.warnings ? { warnings: result.warnings } : {}),
              compact: command.streaming === true,
            }),
      );
    } else {
      const text = result.human ?? result.message;
      if (text !== '') io.stdout(text.endsWith('\n') ? text : `${text}\n`);
      for (const w of result.warnings ?? []) io.stderr(`warning ${w.code}: ${w.message}\n`);
    }
    return result.exitCode;
  } catch (e) {
    if (e instanceof UsageError) return reportUsage(io, ctx.json, name, e.message, e.hint);
    const exitCode = exitCodeForError(e);
    const verbose = parsed.values.verbose !== undefined;
    if (ctx.json) {
      const error =
        e instanceof TradeError
          ? e.toJSON()
          : {
              code: 'E_INTERNAL',
              message: (e as Error)?.message ?? String(e),
              hint: 'this is a bug; please report it',
            };
      io.stdout(
        envelope({
          command: name,
          exitCode,
          message: error.message,
          data: null,
          error,
          compact: command.streaming === true,
        }),
      );
    } else if (e instanceof TradeError) {
      const where = e.file ? `${e.file}${e.line ? `:${e.line}${e.col ? `:${e.col}` : ''}` : ''}: ` : '';
      io.stderr(`error ${e.code}: ${where}${e.message}${e.path ? ` (at ${e.path})` : ''}\n`);
      if (e.hint) io.stderr(`hint: ${e.hint}\n`);
    } else {
      io.stderr(`internal error: ${(e as Error)?.message ?? String(e)}\n`);
      if (verbose && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    }
    return exitCode;
  }
}

function reportUsage(io: CliIo, json: boolean, command: string, message: string, hint: string): number {
  if (json) {
    io.stdout(
      envelope({
        command,
        exitCode: EXIT.usage,
        message,
        data: null,
        error: { code: 'E_USAGE', message, hint },
      }),
    );
  } else {
    io.stderr(`usage error: ${message}\nhint: ${hint}\n`);
  }
  return EXIT.usage;
}
