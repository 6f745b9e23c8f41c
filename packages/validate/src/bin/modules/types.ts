import type { TaskFn } from '../../pool/task-pool';
import type { GateDef } from '../../runner/types';

/**
 * What one `validate:<module>` task runs: the module's gates and the pool tasks they submit. Each module has
 * its own entry file importing only its own gates, so the module's static import graph (and turbo inputs)
 * covers exactly the code it executes (`validation.md` §14, test/turbo-inputs.test.ts).
 */
export interface ModuleEntry {
  readonly gates: readonly GateDef[];
  readonly tasks: Readonly<Record<string, TaskFn>>;
}
