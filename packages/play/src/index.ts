/**
 * @trade/play: Play v3 YAML loader, strict validator with located diagnostics, and the condition compiler.
 */
export { checkPlay, checkPlayFile, loadPlay, parsePlay } from './api';
export type {
  Catalog,
  FieldInfo,
  FieldType,
  IndicatorInfo,
  ParamCheck,
  ParamIssue,
  StructureInfo,
  StructureWarmupContext,
  ValueType,
} from './catalog';
export { compilePlay } from './compile/compile';
export {
  type CompiledCondition,
  type CompiledValue,
  type EvalContext,
  FALSE,
  MISSING,
  PositionField,
  TRUE,
  type Truth,
} from './compile/eval-context';
export type {
  CompiledBlock,
  CompiledCase,
  CompiledEntry,
  CompiledIntent,
  CompiledMetadata,
  CompiledPlay,
  CompiledRisk,
  CompiledStopLoss,
  CompiledTakeProfitLeg,
  FeatureLayout,
  SidedLevel,
  SlotInfo,
  SlotSource,
  StructureLayout,
  TimeframeLayout,
} from './compile/layout';
export * from './conditions/ast';
export { POSITION_FIELDS, RESERVED_IDS } from './conditions/symbols';
export {
  type Diagnostic,
  formatDiagnostics,
  MAX_PRINTED_DIAGNOSTICS,
  PlayLoadError,
  type RelatedLocation,
} from './diagnostics';
export {
  describePlay,
  findPlayFiles,
  type PlayFileReport,
  renderPlayYaml,
  resolvePlay,
  validatePlayPaths,
} from './files';
export { playHash, playHashInput } from './hash';
export type { PlayCheckResult, PlayLoadOptions } from './load/load-play';
export * from './model';
export { defaultCatalog } from './registries';
export { PLAY_TIMEFRAMES, type PlayTimeframe } from './timeframes';
export type { VariableValue } from './variables';
