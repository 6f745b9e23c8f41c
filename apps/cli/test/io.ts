import type { CliIo } from '../src/command';
import { runCli } from '../src/run-cli';

export interface TradeRunOptions {
  /** Working directory the command sees (default: this process's). */
  readonly cwd?: string;
  /** Environment the command sees; merged over this process's unless `replaceEnv`. */
  readonly env?: Record<string, string | undefined>;
  readonly replaceEnv?: boolean;
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
    isTTY: false,
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
