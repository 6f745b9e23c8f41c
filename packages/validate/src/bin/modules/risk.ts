import { riskStopsGate } from '../../gates/risk/risk-stops';
import { PLAY_TASKS } from '../../pool/play-tasks';
import type { ModuleEntry } from './types';

export const entry: ModuleEntry = { gates: [riskStopsGate], tasks: PLAY_TASKS };
