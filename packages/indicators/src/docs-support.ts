/** What the docs generator (scripts/indicator-docs.ts) needs from the package, in one import. */
export { describeRule } from './base/params';
export type { IndicatorMeta, IndicatorParams, ParamSpec } from './base/types';
