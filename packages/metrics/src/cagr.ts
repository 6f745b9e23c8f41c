import { MetricsInputError } from './errors';
import { capRatio, RATIO_CAP } from './metrics';
import { barsPerYear } from './timeframe';

/** Throws unless `value` is finite and above (`> min`) or at (`≥ min`, when `inclusive`) its lower bound. */
function requireAtLeast(value: number, min: number, inclusive: boolean, path: string): void {
  const ok = Number.isFinite(value) && (inclusive ? value >= min : value > min);
  if (!ok) {
    throw new MetricsInputError(
      `${path} must be a finite number ${inclusive ? '≥' : '>'} ${min}, got ${String(value)}`,
      path,
      'CAGR and Calmar need a positive starting equity, a non-negative period count and a positive year length',
    );
  }
}

/**
 * Compound annual growth rate as a fraction (0.21 = 21 %): `exp((bpy / N) · ln(E_N / E₀)) − 1`, computed with
 * `expm1`/`log`. `N = 0` → 0; `E_N ≤ 0` → −1 (everything lost). Short runs annualise aggressively and may
 * overflow to `+Infinity`; callers that report a ratio cap it (see `calmar`). Throws `MetricsInputError` for
 * `E₀ ≤ 0`, `N < 0`, `bpy ≤ 0` or a non-finite argument rather than returning NaN.
 */
export function cagr(
  initialEquity: number,
  finalEquity: number,
  periods: number,
  barsPerYear: number,
): number {
  requireAtLeast(initialEquity, 0, false, 'initialEquity');
  requireAtLeast(finalEquity, Number.NEGATIVE_INFINITY, false, 'finalEquity');
  requireAtLeast(periods, 0, true, 'periods');
  requireAtLeast(barsPerYear, 0, false, 'barsPerYear');
  if (periods === 0) return 0;
  if (finalEquity <= 0) return -1;
  return Math.expm1((barsPerYear / periods) * Math.log(finalEquity / initialEquity));
}

export interface CalmarInput {
  readonly initialEquity: number;
  readonly finalEquity: number;
  /** `N`, the number of periods of the equity curve. */
  readonly periods: number;
  /** Any accepted spelling (metrics.md §3); an unknown one throws `UnknownTimeframeError`. */
  readonly timeframe: string;
  /** Maximum drawdown as a fraction (0.1 = 10 %). */
  readonly maxDrawdownFraction: number;
}

/**
 * `CAGR / maxDrawdownFraction`, clamped to ±100. With zero drawdown the ratio is undefined and takes exactly 100
 * when CAGR > 0, else 0 (gate G11 #6); `N = 0` → 0. An overflowing CAGR clamps to 100 by sign. Throws
 * `UnknownTimeframeError` for an unknown timeframe and `MetricsInputError` for arguments `cagr` rejects or a
 * negative or non-finite drawdown fraction.
 */
export function calmar(input: CalmarInput): number {
  const bpy = barsPerYear(input.timeframe);
  requireAtLeast(input.maxDrawdownFraction, 0, true, 'maxDrawdownFraction');
  if (input.periods === 0) return 0;
  const growth = cagr(input.initialEquity, input.finalEquity, input.periods, bpy);
  if (input.maxDrawdownFraction === 0) return growth > 0 ? RATIO_CAP : 0;
  return capRatio(growth / input.maxDrawdownFraction);
}
