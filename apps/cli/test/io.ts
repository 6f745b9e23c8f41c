import type { CliIo } from '../src/command';
import { runCli } from '../src/run-cli';

/** Runs the real CLI in-process and captures what it prints. */
export async function runTrade(
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
