import { patternSuiteGate } from '../../gates/suites/pattern-suite';
import { PLAY_TASKS } from '../../pool/play-tasks';
import type { ModuleEntry } from './types';

export const entry: ModuleEntry = { gates: [patternSuiteGate], tasks: PLAY_TASKS };
