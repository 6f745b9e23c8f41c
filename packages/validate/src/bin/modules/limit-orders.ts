import { limitOrderSuiteGate } from '../../gates/suites/suite-gates';
import { PLAY_TASKS } from '../../pool/play-tasks';
import type { ModuleEntry } from './types';

export const entry: ModuleEntry = { gates: [limitOrderSuiteGate], tasks: PLAY_TASKS };
