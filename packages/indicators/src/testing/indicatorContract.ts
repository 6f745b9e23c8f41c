import { type Candles, sliceCandles } from '@trade/core';
import type { Indicator, IndicatorSnapshot } from '../base/types';
import { computeSeries } from '../compute-series';
import { createIndicator, getIndicatorMeta, validateParams } from '../registry';

/**
 * The shared contract of every indicator (indicators.md §1.2, §5.2, §6, §8.6), framework-agnostic: it returns
 * the list of violations (empty = pass) so any test runner can assert on it.
 *
 * Checked on one dataset: NaN and not ready before each FVI, finite from the FVI (except the documented
 * `nanWhen` cases), exclusive pairs, `ready` ⇔ barsSeen > FVI; streaming `values` = computeSeries bitwise;
 * snapshot (JSON round trip) at bars {0, FVI−1, FVI, 1000} restored into a new instance continues
 * bit-identically; reset() + replay = fresh run; prefix runs equal the full run (no look-ahead).
 */
export interface ContractOptions {
  /** Anchored kinds: anchor flag per bar. */
  readonly anchors?: ArrayLike<number>;
  /** Bars at which prefix invariance is checked (default: 5 spread over the data). */
  readonly prefixBars?: readonly number[];
}

function feed(inst: Indicator, c: Candles, from: number, to: number, anchors?: ArrayLike<number>): void {
  for (let i = from; i < to; i++) {
    inst.update(
      {
        ts: c.ts[i]!,
        open: c.open[i]!,
        high: c.high[i]!,
        low: c.low[i]!,
        close: c.close[i]!,
        volume: c.volume[i]!,
      },
      anchors === undefined ? false : Boolean(anchors[i]),
    );
  }
}

function stream(
  inst: Indicator,
  c: Candles,
  anchors?: ArrayLike<number>,
  from = 0,
  into?: Float64Array[],
): Float64Array[] {
  const cols = into ?? inst.outputKeys.map(() => new Float64Array(c.length).fill(Number.NaN));
  for (let i = from; i < c.length; i++) {
    feed(inst, c, i, i + 1, anchors);
    for (let q = 0; q < cols.length; q++) cols[q]![i] = inst.values[q]!;
  }
  return cols;
}

function firstDiff(a: Float64Array, b: Float64Array, from = 0): number {
  for (let i = from; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

export function checkIndicatorContract(
  name: string,
  rawParams: Record<string, unknown>,
  candles: Candles,
  options: ContractOptions = {},
): string[] {
  const problems: string[] = [];
  const meta = getIndicatorMeta(name);
  const params = validateParams(name, rawParams).params;
  const fvi = meta.fvi(params);
  const anchors = options.anchors;
  const n = candles.length;

  // 1. Streaming: NaN before FVI, finite after, ready.
  const inst = createIndicator(name, rawParams);
  if (inst.fvi !== fvi) problems.push(`instance fvi ${inst.fvi} ≠ meta fvi ${fvi}`);
  const cols = inst.outputKeys.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    if (inst.ready !== i > fvi) problems.push(`before bar ${i}: ready = ${inst.ready} with barsSeen ${i}`);
    feed(inst, candles, i, i + 1, anchors);
    const shouldBeReady = i >= fvi;
    if (inst.ready !== shouldBeReady)
      problems.push(`bar ${i}: ready = ${inst.ready}, expected ${shouldBeReady}`);
    if (inst.barsSeen !== i + 1) problems.push(`bar ${i}: barsSeen ${inst.barsSeen}`);
    if (!Object.is(inst.lastTs, candles.ts[i])) problems.push(`bar ${i}: lastTs ${inst.lastTs}`);
    meta.outputs.forEach((o, q) => {
      const v = inst.values[q]!;
      cols[q]![i] = v;
      const ofvi = o.fvi(params);
      if (i < ofvi && !Number.isNaN(v)) problems.push(`${o.key}[${i}] = ${v} before its FVI ${ofvi}`);
      if (i >= ofvi && !Number.isFinite(v) && o.nanWhen === undefined) {
        problems.push(`${o.key}[${i}] = ${v} at/after its FVI ${ofvi}`);
      }
      if (o.type === 'INT' && Number.isFinite(v) && !Number.isInteger(v))
        problems.push(`${o.key}[${i}] = ${v} not INT`);
    });
    for (const [a, b] of meta.exclusive) {
      const qa = meta.outputKeys.indexOf(a);
      const qb = meta.outputKeys.indexOf(b);
      const fa = Number.isFinite(inst.values[qa]!);
      const fb = Number.isFinite(inst.values[qb]!);
      if (i >= fvi && fa === fb) problems.push(`bar ${i}: exclusive pair ${a}/${b} finite = ${fa}/${fb}`);
    }
    if (problems.length > 20) return problems;
  }

  // 2. Batch = streaming, bitwise.
  const batch = computeSeries(name, rawParams, candles, anchors === undefined ? {} : { anchors });
  meta.outputKeys.forEach((key, q) => {
    const d = firstDiff(batch[key]!, cols[q]!);
    if (d >= 0) problems.push(`computeSeries.${key}[${d}] = ${batch[key]![d]} ≠ streaming ${cols[q]![d]}`);
  });

  // 3. Snapshot / JSON / restore continues bit-identically.
  for (const at of [0, fvi - 1, fvi, 1000]) {
    if (at < 0 || at >= n - 1) continue;
    const first = createIndicator(name, rawParams);
    feed(first, candles, 0, at + 1, anchors);
    const snap = JSON.parse(JSON.stringify(first.snapshot())) as IndicatorSnapshot;
    const resumed = createIndicator(name, rawParams);
    resumed.restore(snap);
    if (resumed.barsSeen !== at + 1) problems.push(`restored at ${at}: barsSeen ${resumed.barsSeen}`);
    const out = stream(resumed, candles, anchors, at + 1);
    meta.outputKeys.forEach((key, q) => {
      const d = firstDiff(out[q]!, cols[q]!, at + 1);
      if (d >= 0) problems.push(`restored at bar ${at}: ${key}[${d}] = ${out[q]![d]} ≠ ${cols[q]![d]}`);
    });
  }

  // 4. reset() + replay = fresh.
  inst.reset();
  if (inst.barsSeen !== 0 || !Number.isNaN(inst.lastTs) || inst.ready)
    problems.push('reset left counters set');
  if (!inst.values.every((v) => Number.isNaN(v))) problems.push('reset left values set');
  const replay = stream(inst, candles, anchors);
  meta.outputKeys.forEach((key, q) => {
    const d = firstDiff(replay[q]!, cols[q]!);
    if (d >= 0) problems.push(`after reset: ${key}[${d}] = ${replay[q]![d]} ≠ ${cols[q]![d]}`);
  });

  // 5. Prefix invariance (no look-ahead).
  const prefixBars = options.prefixBars ?? [
    0,
    Math.floor(n / 7),
    Math.floor(n / 3),
    Math.floor(n / 2) + 1,
    n - 2,
  ];
  for (const t of prefixBars) {
    if (t < 0 || t >= n) continue;
    const prefix = computeSeries(
      name,
      rawParams,
      sliceCandles(candles, 0, t + 1),
      anchors === undefined ? {} : { anchors },
    );
    meta.outputKeys.forEach((key, q) => {
      if (!Object.is(prefix[key]![t], cols[q]![t])) problems.push(`prefix to ${t}: ${key} differs`);
    });
  }
  return problems;
}
