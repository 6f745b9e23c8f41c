import { join, resolve } from 'node:path';
import { EXIT } from '@trade/core';
import { type BacktestResult, type BacktestSource, runPlayBacktest } from '@trade/engine';
import { resolvePlay } from '@trade/play';
import {
  type CommandContext,
  type CommandDef,
  numberFlag,
  requireStringFlag,
  stringFlag,
  UsageError,
} from '../command';
import { dataLocation, parseDateFlag, progressWriter } from './data-args';

/** `--play` as a file, or a play id / path stem under ./plays. */
function playPath(ctx: CommandContext): string {
  const ref = requireStringFlag(ctx, 'play', '--play plays/examples/01_ema_cross_rsi_filter.yml');
  const found = resolvePlay(resolve(ctx.io.cwd, ref), join(ctx.io.cwd, 'plays'));
  if (found !== undefined) return found.file;
  const byId = resolvePlay(ref, join(ctx.io.cwd, 'plays'));
  if (byId !== undefined) return byId.file;
  throw new UsageError(
    `--play '${ref}' is neither a file nor a play id under ./plays`,
    'trade play list shows the known plays',
  );
}

function source(ctx: CommandContext): BacktestSource {
  const from = parseDateFlag(ctx, 'from');
  const to = parseDateFlag(ctx, 'to');
  const window = from !== undefined && to !== undefined ? { start: from, end: to } : undefined;
  if ((from === undefined) !== (to === undefined))
    throw new UsageError('--from and --to go together', 'e.g. --from 2025-06-01 --to 2025-06-15');
  const csv = stringFlag(ctx, 'csv');
  if (ctx.flags.synthetic === true) {
    if (csv !== undefined)
      throw new UsageError('--synthetic and --csv exclude each other', 'choose one data source');
    const pattern = stringFlag(ctx, 'pattern');
    const bars = numberFlag(ctx, 'bars');
    const seed = numberFlag(ctx, 'seed');
    return {
      kind: 'synthetic',
      ...(pattern === undefined ? {} : { pattern }),
      ...(bars === undefined ? {} : { bars }),
      ...(seed === undefined ? {} : { seed }),
    };
  }
  for (const f of ['pattern', 'bars', 'seed']) {
    if (ctx.flags[f] !== undefined)
      throw new UsageError(`--${f} needs --synthetic`, `trade backtest run --synthetic --${f} ...`);
  }
  if (csv !== undefined)
    return { kind: 'csv', path: resolve(ctx.io.cwd, csv), ...(window === undefined ? {} : { window }) };
  const symbol = stringFlag(ctx, 'symbol')?.toUpperCase();
  return {
    kind: 'store',
    location: dataLocation(ctx),
    window: window ?? null,
    ...(symbol === undefined ? {} : { symbol }),
  };
}

/** A progress bar on stderr for runs that take longer than a second (TTY only, `cli.md` §6). */
function progressBar(ctx: CommandContext): {
  update: (done: number, total: number) => void;
  done: () => void;
} {
  const write = progressWriter(ctx);
  const started = Date.now();
  let shown = false;
  return {
    update: (done, total) => {
      if (write === undefined || Date.now() - started < 1000) return;
      const frac = total > 0 ? done / total : 0;
      const width = 30;
      const filled = Math.round(frac * width);
      write(`backtest [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0)} %`);
      shown = true;
    },
    done: () => {
      if (write !== undefined && shown) write(`backtest [${'#'.repeat(30)}] 100 %`, true);
    },
  };
}

function summary(r: BacktestResult): string {
  const m = r.metrics;
  const lines = [
    `play ${String((r.result.play as { id: string }).id)}  stop ${r.stopReason}`,
    `trades ${m.total_trades}  net PnL ${m.net_profit.toFixed(2)} USDT (${m.net_return_pct.toFixed(2)} %)  max DD ${m.max_drawdown_pct.toFixed(2)} %`,
    `play_hash ${r.hashes.play_hash.slice(0, 12)}  data_hash ${r.hashes.data_hash.slice(0, 12)}  run_hash ${r.hashes.run_hash.slice(0, 12)}`,
  ];
  if (r.folder !== null) lines.push(`artifacts ${r.folder}`, `report    ${join(r.folder, 'report.html')}`);
  return lines.join('\n');
}

const STOP_EXIT: Readonly<Record<string, number>> = {
  end_of_data: EXIT.ok,
  liquidated: EXIT.liquidated,
  max_drawdown_hit: EXIT.maxDrawdown,
};

export const backtestRunCommand: CommandDef = {
  path: ['backtest', 'run'],
  summary: 'run a play over stored, CSV or synthetic 1m data and write its artifacts and report',
  options: {
    play: {
      type: 'string',
      valueName: '<file|id>',
      description: 'the play file, or a play id under ./plays',
    },
    synthetic: { type: 'boolean', description: 'use the seeded synthetic generator' },
    pattern: { type: 'string', valueName: '<name>', description: 'synthetic pattern (with --synthetic)' },
    bars: { type: 'string', valueName: '<n>', description: 'synthetic exec bars (with --synthetic)' },
    seed: { type: 'string', valueName: '<n>', description: 'synthetic seed (with --synthetic)' },
    symbol: {
      type: 'string',
      valueName: '<SYMBOL>',
      description: 'symbol in the data store (default: the play symbol)',
    },
    from: { type: 'string', valueName: '<date>', description: 'window start (UTC)' },
    to: { type: 'string', valueName: '<date>', description: 'window end (UTC)' },
    csv: {
      type: 'string',
      valueName: '<file>',
      description: '1m bars from a CSV file (ts,open,high,low,close,volume)',
    },
    equity: { type: 'string', valueName: '<usdt>', description: 'starting equity override' },
    out: { type: 'string', valueName: '<dir>', description: 'artifacts root (default ./artifacts)' },
    'check-expected': { type: 'boolean', description: "exit 1 when the play's expected block fails" },
  },
  async run(ctx) {
    const equity = numberFlag(ctx, 'equity');
    const progress = progressBar(ctx);
    let result: BacktestResult;
    try {
      result = await runPlayBacktest({
        playPath: playPath(ctx),
        source: source(ctx),
        artifactsRoot: resolve(ctx.io.cwd, stringFlag(ctx, 'out') ?? 'artifacts'),
        ...(equity === undefined ? {} : { equity }),
        onProgress: progress.update,
      });
    } finally {
      progress.done();
    }
    const expected = result.result.expected as { checked: boolean; passed: boolean };
    let exitCode = STOP_EXIT[result.stopReason] ?? EXIT.ok;
    if (exitCode === EXIT.ok && ctx.flags['check-expected'] === true && expected.checked && !expected.passed)
      exitCode = EXIT.negative;
    return {
      exitCode,
      message: `${result.metrics.total_trades} trades, stop ${result.stopReason}${result.folder === null ? '' : `, artifacts in ${result.folder}`}`,
      data: { ...result.result, artifacts: { ...(result.result.artifacts as object), path: result.folder } },
      human: summary(result),
    };
  },
};
