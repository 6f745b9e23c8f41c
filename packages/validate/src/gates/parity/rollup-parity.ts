import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Candles, parseCandlesCsv, rollup } from '@trade/core';
import type { GateContext, GateDef, GateFailure, GateOutcome } from '../../runner/types';
import { auditPxRollup } from './px-rollup';

/** The two symbols the test kit stores (`validation.md` §11.2). */
const KIT_SYMBOLS = ['BTCUSDT', 'ETHUSDT'] as const;
const OHLC_REL = 1e-9;
const VOLUME_REL = 1e-6;

function relDiff(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1, Math.abs(b));
}

export interface RollupComparison {
  readonly comparisons: number;
  readonly failed: number;
  readonly first: string | undefined;
}

/**
 * `rollup(1m, 60m)` vs the native 60m rows over their overlap (`validation.md` §11.3 c): OHLC relative 1e-9,
 * volume relative 1e-6. The last native row was still forming when recorded and is dropped.
 */
export function compareRollup(oneMinute: Candles, native: Candles, label: string): RollupComparison {
  const rolled = rollup(oneMinute, '1h');
  const index = new Map<number, number>();
  for (let i = 0; i < rolled.length; i++) index.set(rolled.ts[i]!, i);
  let comparisons = 0;
  let failed = 0;
  let first: string | undefined;
  for (let j = 0; j < native.length - 1; j++) {
    const i = index.get(native.ts[j]!);
    if (i === undefined) continue;
    for (const [field, tol] of [
      ['open', OHLC_REL],
      ['high', OHLC_REL],
      ['low', OHLC_REL],
      ['close', OHLC_REL],
      ['volume', VOLUME_REL],
    ] as const) {
      comparisons++;
      const got = rolled[field][i]!;
      const ref = native[field][j]!;
      if (relDiff(got, ref) > tol) {
        failed++;
        first ??= `${label} ${new Date(native.ts[j]!).toISOString()} ${field} ref=${ref} got=${got}`;
      }
    }
  }
  return { comparisons, failed, first };
}

/**
 * G6 Rollup Parity. (1) The synthetic rollup audit of `validation.md` §6.4 through the engine's public exec-TF
 * accumulator, freeze and snapshot accessors (`px-rollup.ts`). (2) The
 * 1m → 60m roll-up parity on the stored Bybit kit. `checked` = comparisons of both.
 */
export const rollupParityGate: GateDef = {
  id: 'G6',
  name: 'Rollup Parity',
  module: 'parity',
  async run(ctx: GateContext): Promise<GateOutcome> {
    const failures: GateFailure[] = [];
    const px = auditPxRollup();
    if (px.failed > 0)
      failures.push({ message: `${px.failed}/${px.comparisons} comparisons failed; first: ${px.first}` });
    if (ctx.sharedDir === undefined) {
      failures.push({ message: 'kit: shared data folder not found (set TRADE_SHARED_DIR)' });
      return {
        passed: false,
        checked: px.comparisons,
        detail: `${px.comparisons} comparisons`,
        failures,
      };
    }
    let comparisons = 0;
    let failed = 0;
    let first: string | undefined;
    for (const symbol of KIT_SYMBOLS) {
      const dir = join(ctx.sharedDir, 'data', 'klines', 'bybit');
      const files = [join(dir, `${symbol}_1m.csv`), join(dir, `${symbol}_60m.csv`)];
      const missing = files.find((f) => !existsSync(f));
      if (missing !== undefined) {
        failures.push({ message: `${symbol}: ${missing} missing` });
        continue;
      }
      const [m1, h1] = files.map((f) => parseCandlesCsv(readFileSync(f, 'utf8'), { file: f })) as [
        Candles,
        Candles,
      ];
      const r = compareRollup(m1, h1, `${symbol} 60m`);
      comparisons += r.comparisons;
      failed += r.failed;
      first ??= r.first;
    }
    if (failed > 0)
      failures.push({ message: `${failed}/${comparisons} comparisons failed; first: ${first}` });
    const checked = px.comparisons + comparisons;
    return {
      passed: failures.length === 0,
      checked,
      detail: `${checked} comparisons`,
      failures,
    };
  },
};
