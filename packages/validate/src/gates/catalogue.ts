import type { GateDef } from '../runner/types';
import { incrementalParityGate } from './audits/incremental-parity';
import { registryContractGate } from './audits/registry-contract';
import { corePlaysGate } from './core/core-plays';
import { yamlParseGate } from './core/yaml-parse';
import { determinismGate } from './determinism/determinism';
import {
  accountBalanceCallsGate,
  diagnosticsGate,
  exchangeConnectivityGate,
  marketDataGate,
  orderFlowGate,
} from './exchange/exchange-gates';
import { metricsAuditGate } from './metrics/metrics-audit';
import { rollupParityGate } from './parity/rollup-parity';
import { structureParityGate } from './parity/structure-parity';
import { pendingGate } from './pending';
import {
  accountBalanceGate,
  apiConnectivityGate,
  explicitConfigGate,
  positionConflictGate,
} from './prelive/prelive-gates';
import { realDataSyncGate } from './real/data-sync';
import { REAL_PHASE_GATES } from './real/phase-gate';
import { riskStopsGate } from './risk/risk-stops';
import { simVectorsGate } from './sim/sim-vectors';
import { patternSuiteGate } from './suites/pattern-suite';
import {
  complexityLadderGate,
  indicatorSuiteGate,
  limitOrderSuiteGate,
  operatorSuiteGate,
  structureSuiteGate,
} from './suites/suite-gates';

/** Every gate of `validation.md` §4, §12, §13 and `live.md` §14, by id. */
export function defaultGates(): ReadonlyMap<string, GateDef> {
  const gates: GateDef[] = [
    yamlParseGate,
    registryContractGate,
    incrementalParityGate,
    corePlaysGate,
    riskStopsGate,
    structureParityGate,
    rollupParityGate,
    simVectorsGate,
    limitOrderSuiteGate,
    operatorSuiteGate,
    structureSuiteGate,
    complexityLadderGate,
    metricsAuditGate,
    indicatorSuiteGate,
    patternSuiteGate,
    determinismGate,
    realDataSyncGate,
    ...REAL_PHASE_GATES,
    explicitConfigGate,
    apiConnectivityGate,
    accountBalanceGate,
    positionConflictGate,
    exchangeConnectivityGate,
    accountBalanceCallsGate,
    marketDataGate,
    orderFlowGate,
    diagnosticsGate,
    pendingGate('LP1', 'Signal Parity', null, 'live.md §14'),
    pendingGate('LP2', 'Execution Parity', null, 'live.md §14'),
    pendingGate('LP3', 'Accounting Parity', null, 'live.md §14'),
    pendingGate('LP4', 'Operational', null, 'live.md §14'),
  ];
  return new Map(gates.map((g) => [g.id, g]));
}
