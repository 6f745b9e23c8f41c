import { metricsAuditGate } from '../../gates/metrics/metrics-audit';
import type { ModuleEntry } from './types';

export const entry: ModuleEntry = { gates: [metricsAuditGate], tasks: {} };
