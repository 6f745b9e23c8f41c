export { type VerifyCheck, verifyLine } from './check';
export { CompensatedSum, compensatedSum } from './compensated-sum';
export {
  artifactsFromResult,
  HASH_NAMES,
  type HashName,
  parseEventsJsonl,
  type ResultView,
  type RunArtifacts,
  resultView,
} from './run-artifacts';
export { checkRunArtifacts } from './run-checks';
export { equityRowsFromCsv, type TypedRow, tradeRowsFromCsv, typedRowsFromMemory } from './typed-rows';
export { VERIFY_ERROR_KIND, VerifyError, type VerifyErrorCode } from './verify-error';
export { readRunFolder, VERIFIED_FILES, verifyBacktestResult, verifyRun } from './verify-run';
