/**
 * @trade/indicators: the 44 indicators of indicators.md, one incremental class each, with a registry
 * (`listIndicators`, `createIndicator`) and the batch helper (`computeSeries`, `computeMany`) built on it.
 */
export type { IndicatorIdentity } from './base/define';
export { L_MAX, type NormalizedParams } from './base/params';
export { SOURCES, type Source } from './base/source';
export type {
  Bar,
  Indicator,
  IndicatorMeta,
  IndicatorParams,
  IndicatorSnapshot,
  InputKind,
  OutputMeta,
  OutputType,
  ParamRelation,
  ParamSpec,
  ParamValue,
  RecursionClass,
  ReferenceMeta,
} from './base/types';
export {
  computeMany,
  computeSeries,
  type SeriesOptions,
  type SeriesResult,
  type SeriesSpec,
} from './compute-series';
export { IndicatorError, IndicatorErrorCode, type ParamWarning } from './errors';
export {
  createIndicator,
  getIndicatorMeta,
  indicatorNames,
  listIndicators,
  registry,
  validateParams,
} from './registry';
