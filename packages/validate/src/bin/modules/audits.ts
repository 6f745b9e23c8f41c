import { incrementalParityGate } from '../../gates/audits/incremental-parity';
import { registryContractGate } from '../../gates/audits/registry-contract';
import type { ModuleEntry } from './types';

export const entry: ModuleEntry = { gates: [registryContractGate, incrementalParityGate], tasks: {} };
