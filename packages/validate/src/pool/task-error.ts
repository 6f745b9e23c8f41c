import { TaskTimeoutError } from './task-pool';

/** The error of a failed task as its result carries it: a stable code and a one-line message. */
export interface TaskError {
  readonly code: string;
  readonly message: string;
}

/** An error thrown inside a task: its stable `code` (else the error name) and the message on one line. */
export function taskError(error: unknown): TaskError {
  const code = (error as { code?: string }).code ?? (error instanceof Error ? error.name : 'Error');
  const message = error instanceof Error ? error.message : String(error);
  return { code, message: message.replace(/\s*\n\s*/g, ' ') };
}

/** A task the pool could not complete (`validation.md` §8): `TIMEOUT` or `WorkerCrash`. */
export function poolError(error: unknown): TaskError {
  if (error instanceof TaskTimeoutError) return { code: 'TIMEOUT', message: error.message };
  return { code: 'WorkerCrash', message: error instanceof Error ? error.message : String(error) };
}
