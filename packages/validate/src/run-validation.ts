import { defaultGates } from './gates/catalogue';
import { PLAY_TASKS } from './pool/play-tasks';
import type { TaskFn } from './pool/task-pool';
import { runValidationWith, type ValidationOptions, type ValidationRun } from './runner/run-validation';

/** A validation run with the full gate catalogue and the play tasks unless the options inject their own. */
export function runValidation(options: ValidationOptions): Promise<ValidationRun> {
  return runValidationWith(options, {
    gates: options.gates ?? defaultGates(),
    inlineTasks: options.inlineTasks ?? (PLAY_TASKS as unknown as Record<string, TaskFn>),
    requirePlaysDir: options.gates === undefined,
  });
}
