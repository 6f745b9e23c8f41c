import { determinismGate } from '../../gates/determinism/determinism';
import { PLAY_TASKS } from '../../pool/play-tasks';
import type { ModuleEntry } from './types';

export const entry: ModuleEntry = { gates: [determinismGate], tasks: PLAY_TASKS };
