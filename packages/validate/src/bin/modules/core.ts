import { corePlaysGate } from '../../gates/core/core-plays';
import { PLAY_TASKS } from '../../pool/play-tasks';
import type { ModuleEntry } from './types';

export const entry: ModuleEntry = { gates: [corePlaysGate], tasks: PLAY_TASKS };
