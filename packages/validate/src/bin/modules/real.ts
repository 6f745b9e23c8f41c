import { defaultGates } from '../../gates/catalogue';
import { PLAY_TASKS } from '../../pool/play-tasks';
import type { TaskFn } from '../../pool/task-pool';
import type { ModuleEntry } from './types';

/**
 * The four real-data modules (RD1–RD4). Not turbo-cached (their data lives outside the repository), so they
 * take their gates from the catalogue instead of narrowing their import graph.
 */
export function realEntry(gateId: string): ModuleEntry {
  const gate = defaultGates().get(gateId);
  if (gate === undefined) throw new Error(`gate ${gateId} is not registered`);
  return { gates: [gate], tasks: PLAY_TASKS as unknown as Record<string, TaskFn> };
}
