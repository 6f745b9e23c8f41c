/** Seeded synthetic markets (`synthetic-data.md`): one 1m path per dataset, every TF aggregated from it. */
export { AUDIT_REGIME_START_MS, generateAuditRegime } from './audit-regime';
export { syntheticLeadInBars, syntheticWindowBars } from './bar-count';
export {
  AUDIT_REGIME_PATTERN,
  isSyntheticPatternName,
  listPatterns,
  PATTERN_CONFIG_KEYS,
  type PatternConfigKey,
  type PatternFamily,
  patternInfo,
  SYNTHETIC_PATTERN_NAMES,
  SYNTHETIC_PATTERNS,
  type SyntheticPatternId,
  type SyntheticPatternInfo,
  type SyntheticPatternName,
} from './catalogue';
export { SYNTHETIC_KIND, type SyntheticDescriptor, seriesDigest, syntheticCacheKey } from './data-hash';
export { SyntheticError, type SyntheticErrorCode } from './errors';
export {
  SYNTHETIC_CSV_HEADER,
  type SyntheticExportFile,
  type SyntheticManifest,
  syntheticCandlesToCsv,
  syntheticCsvFiles,
  syntheticManifest,
  syntheticSeriesFileName,
} from './export-files';
export {
  generateFromResolved,
  generatePatternCloses,
  generateSynthetic,
  type SyntheticDataset,
} from './generate';
export type { SyntheticCandles } from './minute-bars';
export {
  assertSyntheticTimeframe,
  DEFAULT_SYNTHETIC_START_MS,
  MAX_SYNTHETIC_1M_BARS,
  type ResolvedSyntheticOptions,
  resolveSyntheticOptions,
  SYNTHETIC_DEFAULTS,
  SYNTHETIC_TIMEFRAMES,
  type SyntheticOptions,
  type SyntheticTimeframe,
} from './options';
export {
  assertPatternName,
  DEFAULT_PATTERN_CONFIG,
  type PatternConfig,
  type PatternConfigOverrides,
  parsePatternConfigAssignments,
  resolvePatternConfig,
} from './pattern-config';
export {
  type LegacyValidationSelection,
  resolveSyntheticSelection,
  type SyntheticBlock,
  type SyntheticRequest,
  type SyntheticSelection,
  type SyntheticSelectionInput,
} from './selection';
