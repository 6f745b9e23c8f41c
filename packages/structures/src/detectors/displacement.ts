import { z } from 'zod';
import { type StructureBar, withFieldGetters } from '../detector';
import { defineFields, fieldIndex } from '../fields';
import { defineMeta } from '../meta';
import { atrKeyParam, nonNegativeParam, positiveParam } from '../params';

/** displacement — impulse candle: a large body (in ATR) with small wicks (structures.md §2.8). */

export const displacementParamsSchema = z.strictObject({
  atr_key: atrKeyParam(),
  body_atr_min: positiveParam().default(1.5),
  wick_ratio_max: nonNegativeParam().default(0.4),
});
export type DisplacementParams = z.output<typeof displacementParamsSchema>;

const NAMES = [
  'is_displacement',
  'direction',
  'body_atr_ratio',
  'wick_ratio',
  'last_idx',
  'last_direction',
  'version',
] as const;
export const DISPLACEMENT = fieldIndex(NAMES);
export const DISPLACEMENT_FIELDS = defineFields([
  ['is_displacement', 'BOOL', 'this bar is a displacement candle'],
  ['direction', 'INT', 0, 'sign of close − open when displacement, else 0'],
  ['body_atr_ratio', 'FLOAT', '|close − open| / ATR (NaN when ATR is missing)'],
  ['wick_ratio', 'FLOAT', 'total wicks / body (NaN when the body is 0)'],
  ['last_idx', 'INT', -1, 'bar index of the last displacement'],
  ['last_direction', 'INT', 0, 'direction of the last displacement'],
  ['version', 'INT', 0, '+1 per displacement bar'],
]);

/**
 * The displacement test of §2.8 for one candle: +1 / −1 for a bullish / bearish displacement, 0 otherwise.
 * Shared with order_block when no displacement detector is bound.
 */
export function displacementDirection(
  open: number,
  high: number,
  low: number,
  close: number,
  atr: number,
  bodyAtrMin: number,
  wickRatioMax: number,
): number {
  const body = Math.abs(close - open);
  if (!(atr > 0) || !(body > 0)) return 0;
  const wicks = high - Math.max(open, close) + (Math.min(open, close) - low);
  if (body / atr >= bodyAtrMin && wicks / body <= wickRatioMax) return close > open ? 1 : -1;
  return 0;
}

export class DisplacementDetector extends withFieldGetters(NAMES) {
  private readonly p: DisplacementParams;
  private readonly atrAvailable: boolean;

  constructor(params: DisplacementParams, key: string, atrAvailable: boolean) {
    super({ type: 'displacement', key, params, fields: DISPLACEMENT_FIELDS });
    this.p = params;
    this.atrAvailable = atrAvailable;
    this.reset();
  }

  protected resetState(): void {}

  protected step(bar: StructureBar): void {
    const v = this.values;
    const raw = this.atrAvailable ? bar.ind(this.p.atr_key) : Number.NaN;
    const atr = raw > 0 ? raw : Number.NaN;
    const body = Math.abs(bar.close - bar.open);
    const wicks = bar.high - Math.max(bar.open, bar.close) + (Math.min(bar.open, bar.close) - bar.low);
    v[DISPLACEMENT.body_atr_ratio] = body / atr;
    v[DISPLACEMENT.wick_ratio] = body > 0 ? wicks / body : Number.NaN;
    const dir = displacementDirection(
      bar.open,
      bar.high,
      bar.low,
      bar.close,
      atr,
      this.p.body_atr_min,
      this.p.wick_ratio_max,
    );
    v[DISPLACEMENT.is_displacement] = dir === 0 ? 0 : 1;
    v[DISPLACEMENT.direction] = dir;
    if (dir !== 0) {
      v[DISPLACEMENT.last_idx] = bar.idx;
      v[DISPLACEMENT.last_direction] = dir;
      v[DISPLACEMENT.version]! += 1;
    }
  }

  protected saveState(): unknown {
    return {};
  }

  protected loadState(_state: unknown): void {}
}

export const displacementMeta = defineMeta<DisplacementParams>({
  type: 'displacement',
  summary: 'Impulse candle: body of at least body_atr_min ATR with wicks at most wick_ratio_max of the body.',
  later: true,
  paramsSchema: displacementParamsSchema,
  fields: () => DISPLACEMENT_FIELDS,
  dependencies: [],
  atr: (p) => ({ use: 'required', key: p.atr_key }),
  warmupBars: (_p, context) => 3 + (context.atrWarmup ?? 0),
  warnings: () => [],
  create: (p, _deps, context) => new DisplacementDetector(p, context.key, context.atrAvailable),
});
