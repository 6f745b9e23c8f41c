import { format } from 'node:util';

type ConsoleMethod = 'debug' | 'log' | 'info' | 'warn' | 'error';

/**
 * Routes a worker thread's console to stderr at log level `warn` with the prefix `[w<n>]` (`validation.md` §8):
 * `warn` and `error` lines are written prefixed, `debug`/`log`/`info` are dropped. `write` is the sink
 * (stderr in a worker; a test passes its own).
 */
export function prefixWorkerConsole(
  workerNumber: number,
  write: (line: string) => void,
  target: Pick<Console, ConsoleMethod> = console,
): void {
  const prefix = `[w${workerNumber}] `;
  const emit =
    (level: ConsoleMethod) =>
    (...args: unknown[]): void => {
      if (level === 'warn' || level === 'error') write(`${prefix}${format(...args)}\n`);
    };
  for (const level of ['debug', 'log', 'info', 'warn', 'error'] as const) target[level] = emit(level);
}
