import { isAbsolute, join, relative } from 'node:path';
import { EXIT, TradeError } from '@trade/core';
import {
  describePlay,
  formatDiagnostics,
  type PlayFileReport,
  renderPlayYaml,
  resolvePlay,
  validatePlayPaths,
} from '@trade/play';
import { type CommandContext, type CommandDef, stringFlag } from '../command';

function abs(ctx: CommandContext, p: string): string {
  return isAbsolute(p) ? p : join(ctx.io.cwd, p);
}

/** Paths as the user gave them (relative to cwd) in every message. */
function shown(ctx: CommandContext, p: string): string {
  const r = relative(ctx.io.cwd, p);
  return r.startsWith('..') ? p : r;
}

function reportJson(ctx: CommandContext, r: PlayFileReport) {
  return {
    file: shown(ctx, r.file),
    valid: r.valid,
    id: r.id,
    play_hash: r.playHash,
    errors: r.errors,
    warnings: r.warnings,
    diagnostics: r.diagnostics.map((d) => ({
      ...d,
      file: shown(ctx, d.file),
      related: d.related.map((x) => ({ ...x, file: shown(ctx, x.file) })),
    })),
  };
}

/** `trade play validate <file|dir>…`: every diagnostic of every file; exit 0 all valid, 3 any invalid. */
export const playValidateCommand: CommandDef = {
  path: ['play', 'validate'],
  summary: 'strictly validate play files (a directory: every *.yml in it)',
  args: '<file|dir>…',
  minPositionals: 1,
  maxPositionals: 1000,
  async run(ctx) {
    const reports = validatePlayPaths(ctx.positionals.map((p) => abs(ctx, p)));
    const invalid = reports.filter((r) => !r.valid).length;
    const warnings = reports.reduce((n, r) => n + r.warnings, 0);
    const message =
      reports.length === 0
        ? 'no play files found'
        : `${reports.length} play file(s): ${reports.length - invalid} valid, ${invalid} invalid, ${warnings} warning(s)`;
    const human = reports
      .map((r) => {
        const text = formatDiagnostics(r.diagnostics.map((d) => ({ ...d, file: shown(ctx, d.file) })));
        return `${r.valid ? 'ok  ' : 'FAIL'} ${shown(ctx, r.file)}${r.id ? ` (${r.id})` : ''}\n${text}`;
      })
      .join('');
    return {
      exitCode: invalid > 0 || reports.length === 0 ? EXIT.input : EXIT.ok,
      message,
      data: { files: reports.map((r) => reportJson(ctx, r)), valid: reports.length - invalid, invalid },
      human: `${human}${message}`,
    };
  },
};

/** `trade play list`: plays under ./plays (or --dir). */
export const playListCommand: CommandDef = {
  path: ['play', 'list'],
  summary: 'list the plays under ./plays',
  options: { dir: { type: 'string', valueName: 'DIR', description: 'plays directory (default ./plays)' } },
  async run(ctx) {
    const dir = abs(ctx, stringFlag(ctx, 'dir') ?? 'plays');
    const reports = validatePlayPaths([dir]).filter(
      (r) => !r.diagnostics.some((d) => d.code === 'E_FILE_READ' && r.file === dir),
    );
    const rows = reports.map((r) => ({
      id: r.id,
      path: shown(ctx, r.file),
      valid: r.valid,
      symbol: r.play?.symbol ?? null,
      timeframes: r.play
        ? [r.play.timeframes.low_tf, r.play.timeframes.med_tf, r.play.timeframes.high_tf]
        : null,
      exec_tf: r.play?.timeframes.exec_tf ?? null,
      errors: r.errors,
    }));
    const lines = rows.map((r) =>
      r.valid
        ? `${r.id}  ${r.symbol}  ${r.timeframes!.join('/')}  exec ${r.exec_tf}  ${r.path}`
        : `(invalid: ${r.errors} error(s))  ${r.path}`,
    );
    const message = `${rows.length} play(s) in ${shown(ctx, dir)}`;
    return {
      exitCode: EXIT.ok,
      message,
      data: { dir: shown(ctx, dir), plays: rows },
      human: [...lines, message].join('\n'),
    };
  },
};

/** `trade play show <id|file>`: the resolved play after templates and defaults, with play_hash and warmup. */
export const playShowCommand: CommandDef = {
  path: ['play', 'show'],
  summary: 'show a play resolved (templates applied, defaults filled), with play_hash and warmup by TF',
  args: '<id|file>',
  minPositionals: 1,
  maxPositionals: 1,
  options: {
    dir: { type: 'string', valueName: 'DIR', description: 'plays directory for ids (default ./plays)' },
  },
  async run(ctx) {
    const ref = ctx.positionals[0]!;
    const dir = abs(ctx, stringFlag(ctx, 'dir') ?? 'plays');
    const direct = abs(ctx, ref);
    const report = resolvePlay(direct, dir) ?? resolvePlay(ref, dir);
    if (report === undefined) {
      throw new TradeError(
        'E_PLAY_NOT_FOUND',
        `no play '${ref}' (not a file, and no play with that id under ${shown(ctx, dir)})`,
        {
          hint: 'run `trade play list` to see the available ids',
        },
      );
    }
    if (report.play === undefined) {
      return {
        exitCode: EXIT.input,
        message: `${shown(ctx, report.file)} is invalid (${report.errors} error(s))`,
        data: reportJson(ctx, report),
        human: `${formatDiagnostics(report.diagnostics.map((d) => ({ ...d, file: shown(ctx, d.file) })))}${shown(ctx, report.file)} is invalid`,
      };
    }
    const data = { file: shown(ctx, report.file), ...describePlay(report.play) };
    return {
      exitCode: EXIT.ok,
      message: `${report.play.id} (${shown(ctx, report.file)}) play_hash ${report.playHash}`,
      data,
      human: renderPlayYaml(report.play),
    };
  },
};

export const PLAY_COMMANDS: readonly CommandDef[] = [playValidateCommand, playListCommand, playShowCommand];
