import { simVectorsGate } from '../../gates/sim/sim-vectors';
import type { ModuleEntry } from './types';

export const entry: ModuleEntry = { gates: [simVectorsGate], tasks: {} };
