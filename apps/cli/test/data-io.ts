import type { CliIo } from '../src/command';
import { runCli } from '../src/run-cli';

/**
 * Runs the real CLI in-process with `env` merged over this process's environment (the data tests' own
 * harness, so their data dir never depends on a shared helper's signature).
 */
export async function runData(
  argv: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
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
    cwd: process.cwd(),
    env: { ...process.env, ...env },
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
