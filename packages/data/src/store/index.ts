export * from './lock-file';
export * from './market-store';
export * from './readers';
export { SCHEMA_VERSION } from './schema';
export type { DatasetKind } from './tables';
export { type MergeCounts, type StageRow, upsertRows } from './upsert';
