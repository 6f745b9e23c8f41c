import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findSharedDir, resolveApiKeys } from '@trade/core';
import { resolvePlay } from '@trade/play';
import {
  defaultWorkerCount,
  formatHuman,
  parseWorkerCount,
  prepareRealTier,
  reportJsonText,
  runValidation,
  TIERS,
  toReportJson,
  ValidationError,
} from '@trade/validate';
import { type CommandContext, type CommandDef, numberFlag, stringFlag, UsageError } from '../command';
import { progressWriter } from './data-args';

/** `--play` as a file, or a play id under ./plays (pre-live, live-parity). */
function playFile(ctx: CommandContext): string | undefined {
  const ref = stringFlag(ctx, 'play');
  if (ref === undefined) return undefined;
  const plays = join(ctx.io.cwd, 'plays');
  const found = resolvePlay(resolve(ctx.io.cwd, ref), plays) ?? resolvePlay(ref, plays);
  if (found === undefined)
    throw new UsageError(
      `--play '${ref}' is neither a file nor a play id under ./plays`,
      'trade play list shows the known plays',
    );
  return found.file;
}

function workers(ctx: CommandContext): number {
  const flag = stringFlag(ctx, 'workers');
  return flag === undefined ? defaultWorkerCount(ctx.io.env) : parseWorkerCount(flag, '--workers');
}

/** `--timeout-play` / `--timeout-gate` in seconds (> 0), when given. */
function seconds(ctx: CommandContext, flag: 'timeout-play' | 'timeout-gate'): number | undefined {
  const value = numberFlag(ctx, flag);
  if (value !== undefined && value <= 0)
    throw new UsageError(`--${flag} expects seconds > 0, got ${value}`, `e.g. --${flag} 120`);
  return value;
}

function timeouts(ctx: CommandContext): { timeoutPlaySec?: number; timeoutGateSec?: number } {
  const play = seconds(ctx, 'timeout-play');
  const gate = seconds(ctx, 'timeout-gate');
  return {
    ...(play === undefined ? {} : { timeoutPlaySec: play }),
    ...(gate === undefined ? {} : { timeoutGateSec: gate }),
  };
}

/** `--target` values (`validation.md` §12–13); the pre-live tier defaults to `demo`. */
const TARGETS = ['demo', 'live', 'mock'] as const;

/** Tiers that talk to an exchange and read `--target`. */
const TARGET_TIERS = ['pre-live', 'exchange'];

/**
 * `--target mock|demo|live` (`cli.md` §4.2) for the pre-live and exchange tiers. Without it pre-live uses `demo`
 * (the runner's default) and exchange uses `demo` when demo keys are available (`BYBIT_DEMO_API_KEY` and
 * `BYBIT_DEMO_API_SECRET`, else the credentials file, `cli.md` §7.4), else `mock` (`validation.md` §13). A
 * credentials file with loose permissions stops the command (exit 6). API keys and the `TRADE_SMOKE_*` settings
 * come from `ctx.io.env` and the credentials file, never from flags.
 */
function targetSettings(ctx: CommandContext, tier: string) {
  const target = stringFlag(ctx, 'target');
  const env = ctx.io.env;
  if (target === undefined) {
    if (tier !== 'exchange') return {};
    const demoKeys = resolveApiKeys('demo', env, (m) => ctx.io.stderr(`warning: ${m}\n`)) !== undefined;
    return { preLive: { target: demoKeys ? ('demo' as const) : ('mock' as const), env } };
  }
  if (!TARGET_TIERS.includes(tier))
    throw new UsageError(
      '--target applies to the pre-live and exchange tiers only',
      'trade validate pre-live --play <id> --target mock, or trade validate exchange --target mock',
    );
  const known = TARGETS.find((t) => t === target);
  if (known === undefined)
    throw new UsageError(
      `--target '${target}' is not one of ${TARGETS.join(', ')}`,
      'use --target mock to run against the in-process mock',
    );
  return { preLive: { target: known, env } };
}

/**
 * `--manifest` / `--sync` (`validation.md` §11): only the real tier and the real modules read them. The manifest is
 * checked here, before any gate starts, so a bad one exits 3 and a missing shared folder exits 4 (§15).
 */
function realSettings(ctx: CommandContext, tier: string) {
  const manifest = stringFlag(ctx, 'manifest');
  const sync = ctx.flags.sync === true;
  const module = stringFlag(ctx, 'module');
  const isReal = tier === 'real' || (tier === 'module' && module?.startsWith('real-') === true);
  if (!isReal) {
    if (manifest !== undefined || sync)
      throw new UsageError(
        '--manifest and --sync apply to tier real only',
        'trade validate real --manifest FILE --sync',
      );
    return {};
  }
  let sharedDir: string | undefined;
  try {
    sharedDir = findSharedDir(ctx.io.cwd);
  } catch {
    sharedDir = undefined;
  }
  return {
    real: prepareRealTier({
      cwd: ctx.io.cwd,
      manifest,
      sync,
      env: ctx.io.env,
      sharedDir,
      runsSync: tier === 'real',
    }),
  };
}

/** `trade validate <tier>` (`cli.md` §4.2, `validation.md`): the report itself under --json, no envelope. */
export const validateCommand: CommandDef = {
  path: ['validate'],
  summary:
    'run validation gates of a tier (quick, standard, full, real, pre-live, exchange, module, live-parity)',
  args: '<tier>',
  minPositionals: 1,
  maxPositionals: 1,
  options: {
    module: {
      type: 'string',
      description: 'module for tier module (e.g. audits, sim, metrics)',
      valueName: '<name>',
    },
    play: { type: 'string', description: 'play id or file (pre-live, live-parity)', valueName: '<id>' },
    instance: { type: 'string', description: 'live instance (live-parity)', valueName: '<id>' },
    workers: {
      type: 'string',
      description: 'worker threads (default: cores - 1, env TRADE_WORKERS)',
      valueName: '<n>',
    },
    'no-fail-fast': { type: 'boolean', description: 'run every scheduled gate even after a failure' },
    out: { type: 'string', description: 'also write the JSON report to this file', valueName: '<file>' },
    manifest: {
      type: 'string',
      description: 'real-data manifest (default plays/validation/real_data/manifest.yml)',
      valueName: '<file>',
    },
    target: {
      type: 'string',
      description:
        'pre-live, exchange: exchange to check against, demo, live or mock (in-process mock Bybit); default demo (exchange: mock without demo keys)',
      valueName: '<target>',
    },
    sync: {
      type: 'boolean',
      description: 'real tier: RD0 syncs the manifest from Bybit REST instead of importing',
    },
    'timeout-play': {
      type: 'string',
      description:
        'per-play time limit in seconds (default 120 synthetic, 300 real; enforced in worker threads)',
      valueName: '<s>',
    },
    'timeout-gate': {
      type: 'string',
      description: "per-gate time limit in seconds (default 600): aborts the gate's remaining plays",
      valueName: '<s>',
    },
  },
  async run(ctx) {
    const tier = ctx.positionals[0] as string;
    let run: Awaited<ReturnType<typeof runValidation>>;
    // Ctrl-C: finish nothing new, mark the checkpoint interrupted, exit 130 without a report (validation.md §15).
    const interrupt = new AbortController();
    const onSigint = (): void => interrupt.abort();
    process.once('SIGINT', onSigint);
    // validation.md §9: a one-line status redrawn on stderr while running on a TTY (cli.md §6 progress rules).
    const status = progressWriter(ctx);
    try {
      const count = workers(ctx);
      run = await runValidation({
        tier,
        module: stringFlag(ctx, 'module'),
        play: playFile(ctx),
        instance: stringFlag(ctx, 'instance'),
        workers: count,
        failFast: ctx.flags['no-fail-fast'] !== true,
        cwd: ctx.io.cwd,
        env: ctx.io.env,
        progress: true,
        signal: interrupt.signal,
        ...(status === undefined ? {} : { onStatus: (line: string) => status(line) }),
        ...timeouts(ctx),
        ...realSettings(ctx, tier),
        ...targetSettings(ctx, tier),
      });
    } catch (error) {
      if (error instanceof ValidationError && error.isUsage)
        throw new UsageError(error.message, error.hint ?? `tiers: ${TIERS.join(', ')}`);
      if (error instanceof ValidationError && error.code === 'E_VALIDATE_INTERRUPTED')
        return { exitCode: 130, message: 'validation interrupted', data: null };
      throw error;
    } finally {
      process.off('SIGINT', onSigint);
      if (status !== undefined) ctx.io.stderr('\r\x1b[2K');
    }
    const { report, pool, exitCode } = run;
    const inline = pool.inlineReason === undefined ? '' : ` (${pool.inlineReason})`;
    ctx.io.stderr(`validate: ${pool.size} worker(s), ${pool.mode}${inline}\n`);
    const out = stringFlag(ctx, 'out');
    if (out !== undefined) writeFileSync(resolve(ctx.io.cwd, out), reportJsonText(report));
    const json = toReportJson(report);
    const color = ctx.io.isTTY && ctx.io.env.NO_COLOR === undefined;
    return {
      exitCode,
      message: json.passed
        ? `all ${run.scheduledGates} gates passed`
        : `${json.failed_gates} of ${run.scheduledGates} gates failed`,
      data: json,
      rawJson: json,
      human: formatHuman(report, { color, scheduledGates: run.scheduledGates }),
    };
  },
};
