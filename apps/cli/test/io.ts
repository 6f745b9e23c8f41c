import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../src/command';
import { runCli } from '../src/run-cli';

export interface TradeRunOptions {
  /** Working directory the command sees (default: this process's). */
  readonly cwd?: string;
  /** Environment the command sees; merged over this process's unless `replaceEnv`. */
  readonly env?: Record<string, string | undefined>;
  readonly replaceEnv?: boolean;
  /** Pretend stdout/stderr are a terminal (progress and status lines). Default false. */
  readonly isTTY?: boolean;
}

export interface StartedTrade {
  /** What the command printed so far. */
  readonly out: () => string;
  readonly err: () => string;
  /** Resolves to the exit code. */
  readonly done: Promise<number>;
}

/** Starts the real CLI in-process; the returned getters show its output while it runs. */
export function startTrade(argv: string[], options: TradeRunOptions = {}): StartedTrade {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    isTTY: options.isTTY ?? false,
    cwd: options.cwd ?? process.cwd(),
    env: options.replaceEnv ? { ...options.env } : { ...process.env, ...options.env },
  };
  return { out: () => stdout, err: () => stderr, done: runCli(argv, io) };
}

/**
 * Runs the real CLI in-process to completion and returns its exit code and output. `env` is merged over this
 * process's environment unless `options.replaceEnv`.
 */
export async function runTrade(
  argv: string[],
  env: Record<string, string | undefined> = {},
  options: Omit<TradeRunOptions, 'env'> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = startTrade(argv, { ...options, env });
  const code = await run.done;
  return { code, stdout: run.out(), stderr: run.err() };
}

/**
 * Variables that must not leak in from the developer's shell into exchange-facing commands: no Bybit keys (so
 * demo/live never reach the network), no worker, CI, progress or smoke settings, and an empty `TRADE_HOME` so the
 * developer's own credentials file is never read.
 */
export const EXCHANGE_CLEAN_ENV: Readonly<Record<string, string | undefined>> = {
  ...Object.fromEntries(
    [
      'TRADE_WORKERS',
      'CI',
      'TRADE_PROGRESS',
      'TRADE_SMOKE_SYMBOLS',
      'TRADE_SMOKE_USD_SIZE',
      'TRADE_CREDENTIALS_FILE',
      'BYBIT_DEMO_API_KEY',
      'BYBIT_DEMO_API_SECRET',
      'BYBIT_LIVE_API_KEY',
      'BYBIT_LIVE_API_SECRET',
      'BYBIT_API_KEY',
      'BYBIT_API_SECRET',
    ].map((k) => [k, undefined]),
  ),
  TRADE_HOME: mkdtempSync(join(tmpdir(), 'trade-home-')),
};
