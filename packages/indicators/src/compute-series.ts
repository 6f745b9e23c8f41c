import type { Candles } from '@trade/core';
import type { IndicatorInstance } from './base/IndicatorInstance';
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
  instance: IndicatorInstance,
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

/** Bars per block of computeMany: small enough that a block's inputs and outputs stay in cache. */
const BLOCK = 2048;

/**
 * Runs several instances in one pass over the columns (§6); results in the order of `specs`. The pass is
 * blocked: each block of bars is read once and fed to every instance in turn, so one instance's state and
 * output columns stay hot while it consumes the block.
 */
export function computeMany(
  specs: readonly SeriesSpec[],
  candles: Candles,
  options: SeriesOptions = {},
): SeriesResult[] {
  const instances = specs.map((s) => createInternal(s.name, s.params));
  const outs = instances.map((inst) => allocate(inst, candles.length));
  const { ts, open, high, low, close, volume } = candles;
  const anchors = options.anchors;
  for (let start = 0; start < candles.length; start += BLOCK) {
    const end = Math.min(start + BLOCK, candles.length);
    for (let j = 0; j < instances.length; j++) {
      const inst = instances[j]!;
      const values = inst.values;
      const columns = outs[j]!.columns;
      const width = columns.length;
      for (let i = start; i < end; i++) {
        const anchor = anchors === undefined ? false : Boolean(anchors[i]);
        inst.push(ts[i]!, open[i]!, high[i]!, low[i]!, close[i]!, volume[i]!, anchor);
        if (width === 1) columns[0]![i] = values[0]!;
        else for (let q = 0; q < width; q++) columns[q]![i] = values[q]!;
      }
    }
  }
  return outs.map((o) => o.result);
}
