import { didYouMean } from '@trade/core';
import type { IndicatorEntry } from './base/define';
import { IndicatorInstance } from './base/IndicatorInstance';
import { type NormalizedParams, normalizeParams } from './base/params';
import type { Indicator, IndicatorMeta } from './base/types';
import { CATALOGUE } from './catalogue';
import { IndicatorError, IndicatorErrorCode } from './errors';

const BY_NAME: ReadonlyMap<string, IndicatorEntry> = new Map(CATALOGUE.map((e) => [e.meta.name, e]));
const NAMES: readonly string[] = CATALOGUE.map((e) => e.meta.name);

/** Every indicator's metadata, in catalogue order (indicators.md §5.1). */
export function listIndicators(): IndicatorMeta[] {
  return CATALOGUE.map((e) => e.meta);
}

/** Names of every indicator, in catalogue order. */
export function indicatorNames(): readonly string[] {
  return NAMES;
}

function entryOf(name: string): IndicatorEntry {
  const entry = BY_NAME.get(name);
  if (entry === undefined) {
    throw new IndicatorError(IndicatorErrorCode.Unknown, `unknown indicator '${name}'`, {
      path: 'indicator',
      hint: didYouMean(name, NAMES),
    });
  }
  return entry;
}

/** Metadata of one indicator; throws E_INDICATOR_UNKNOWN (with the nearest name) for an unknown one. */
export function getIndicatorMeta(name: string): IndicatorMeta {
  return entryOf(name).meta;
}

/** The registry object of §5.1 (`registry.get(name)`). */
export const registry = {
  get: getIndicatorMeta,
  list: listIndicators,
  names: indicatorNames,
} as const;

/**
 * Validates params (§1.5) without creating an instance: normalized params (defaults applied) and warnings.
 * Throws E_INDICATOR_UNKNOWN, E_PARAM_UNKNOWN, E_PARAM_INVALID, E_SOURCE_INVALID or E_SOURCE_NOT_APPLICABLE.
 */
export function validateParams(name: string, params?: unknown): NormalizedParams {
  return normalizeParams(entryOf(name).meta, params);
}

/** A fresh incremental instance (§5.2). `params` may omit any param (defaults) and may carry `source`. */
export function createIndicator(name: string, params?: unknown): Indicator {
  return createInternal(name, params);
}

/** Same as createIndicator, typed as the concrete class (the batch path relies on its monomorphic `push`). */
export function createInternal(name: string, params?: unknown): IndicatorInstance {
  const entry = entryOf(name);
  const normalized = normalizeParams(entry.meta, params).params;
  const identity = {
    name: entry.meta.name,
    params: normalized,
    outputKeys: entry.meta.outputKeys,
    fvi: entry.meta.fvi(normalized),
  };
  return new IndicatorInstance(identity, entry.create(identity));
}
