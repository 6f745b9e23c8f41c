/**
 * @trade/validate (layer L5): tiered validation of the engine and its libraries — gate catalogue, schedules with
 * fail-fast stages, the run's one worker pool, the JSON report of `validation.md` §3 and its human output.
 */
export { ValidationError, type ValidationErrorCode } from './errors';
export { auditRunModes } from './gates/audits/incremental-parity';
export { auditIndicatorContract } from './gates/audits/registry-contract';
export { defaultGates } from './gates/catalogue';
export { CORE_PLAY_IDS, checkPlayStrict } from './gates/core/yaml-parse';
export { G11_SCENARIOS } from './gates/metrics/metrics-audit';
export { compareRollup, type RollupComparison } from './gates/parity/rollup-parity';
export { pendingGate } from './gates/pending';
export { realDataSyncGate } from './gates/real/data-sync';
export {
  defaultManifestPath,
  loadManifest,
  ManifestError,
  REAL_PHASES,
  type RealManifest,
  type RealPhase,
} from './gates/real/manifest';
export { REAL_PHASE_GATES, type RealPlayRow, runRealPhase } from './gates/real/phase-gate';
export { type PrepareRealOptions, prepareRealTier } from './gates/real/settings';
export { playSuiteGate, suitePlayFiles } from './gates/suites/play-suite';
export type { PlayTaskPayload, PlayTaskResult } from './pool/play-tasks';
export { runSyntheticPlay } from './pool/play-tasks';
export type { RealPlayTaskPayload, RealPlayTaskResult } from './pool/real-play-task';
export { runRealPlay } from './pool/real-play-task';
export {
  createTaskPool,
  defaultPlayWorkerFile,
  defaultWorkerCount,
  parseWorkerCount,
  type RunTaskOptions,
  type TaskFn,
  type TaskPool,
  type TaskPoolOptions,
  TaskTimeoutError,
} from './pool/task-pool';
export { formatHuman, type HumanOptions } from './report/human';
export { reportJsonText, round2, toReportJson } from './report/json';
export { type ProgressStatus, progressPath, writeProgress } from './report/progress';
export {
  type GateReportJson,
  gateReportSchema,
  type ValidationReportJson,
  validationReportSchema,
} from './report/schema';
export { formatStatusLine, type RunStatus } from './report/status-line';
export { runValidation } from './run-validation';
export { type RunStagesOptions, runGate, runStages, type ValidationReport } from './runner/run-stages';
export {
  DEFAULT_TIMEOUT_GATE_SEC,
  runValidationWith,
  type ValidationOptions,
  type ValidationRegistry,
  type ValidationRun,
} from './runner/run-validation';
export {
  buildSchedule,
  checkScheduleRequest,
  isTier,
  MODULE_NAMES,
  MODULES,
  type ScheduleRequest,
  scheduleIds,
} from './runner/schedule';
export * from './runner/types';
