import { rollupParityGate } from '../../gates/parity/rollup-parity';
import { structureParityGate } from '../../gates/parity/structure-parity';
import type { ModuleEntry } from './types';

export const entry: ModuleEntry = { gates: [structureParityGate, rollupParityGate], tasks: {} };
