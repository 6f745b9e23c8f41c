import type { Candles } from '@trade/core';
import type { IndicatorBase } from './base/IndicatorBase';
import { createInternal } from './registry';

/** One output column per output key; NaN before each output's FVI. */
export type SeriesResult = Record<string, Float64Array>;

export interface SeriesOptions {
  /**
   * Anchored kinds only (anchored_vwap): `anchors[i] !== 0` resets the anchor on bar i. Without it the
   * indicator runs cumulatively from the first bar (anchor_source "manual").
   */
  readonly anchors?: ArrayLike<number | boolean>;
}

function allocate(
  instance: IndicatorBase,
  length: number,
): { columns: Float64Array[]; result: SeriesResult } {
  const result: SeriesResult = {};
  const columns = instance.outputKeys.map((key) => {
    const column = new Float64Array(length);
    result[key] = column;
    return column;
  });
  return { columns, result };
}

/**
 * The batch helper of indicators.md §6: one fresh instance fed bar by bar, `values` copied after each bar.
 * It runs the same class as streaming, so it is bit-identical to it by construction.
 */
export function computeSeries(
  name: string,
  params: unknown,
  candles: Candles,
  options: SeriesOptions = {},
): SeriesResult {
  return computeMany([{ name, params }], candles, options)[0]!;
}

export interface SeriesSpec {
  readonly name: string;
  readonly params?: unknown;
}

/** Runs several instances in one pass over the columns (§6); results in the order of `specs`. */
export function computeMany(
  specs: readonly SeriesSpec[],
  candles: Candles,
  options: SeriesOptions = {},
): SeriesResult[] {
  const instances = specs.map((s) => createInternal(s.name, s.params));
  const outs = instances.map((inst) => allocate(inst, candles.length));
  const { ts, open, high, low, close, volume } = candles;
  const anchors = options.anchors;
  const k = instances.length;
  for (let i = 0; i < candles.length; i++) {
    const anchor = anchors === undefined ? false : Boolean(anchors[i]);
    const t = ts[i]!;
    const o = open[i]!;
    const h = high[i]!;
    const l = low[i]!;
    const c = close[i]!;
    const v = volume[i]!;
    for (let j = 0; j < k; j++) {
      const inst = instances[j]!;
      inst.push(t, o, h, l, c, v, anchor);
      const values = inst.values;
      const columns = outs[j]!.columns;
      for (let q = 0; q < columns.length; q++) columns[q]![i] = values[q]!;
    }
  }
  return outs.map((o) => o.result);
}
