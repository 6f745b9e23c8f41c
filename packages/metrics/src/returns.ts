import { MetricsInputError } from './errors';
import { capRatio, RATIO_CAP } from './metrics';
import { smallestAscendingInPlace } from './select';

/** Return-distribution metrics of an equity curve (metrics.md §4 #14, 15, 34, 55–58). */
export interface ReturnStats {
  /** Number of returns `n` (periods whose previous equity was positive). */
  readonly count: number;
  readonly sharpe: number;
  readonly sortino: number;
  readonly omegaRatio: number;
  readonly skewness: number;
  readonly kurtosis: number;
  readonly var95Pct: number;
  readonly cvar95Pct: number;
}

/** Skewness and kurtosis need this many returns to mean anything. */
const MIN_RETURNS_FOR_MOMENTS = 10;
const VAR_TAIL = 0.05;

/** `r_i = E_i / E_{i−1} − 1` for every `i ≥ 1` with `E_{i−1} > 0`, in order, in a fresh Float64Array. */
export function periodReturns(equity: ArrayLike<number>): Float64Array {
  const returns = new Float64Array(Math.max(0, equity.length - 1));
  let n = 0;
  for (let i = 1; i < equity.length; i++) {
    const previous = equity[i - 1]!;
    if (previous > 0) returns[n++] = equity[i]! / previous - 1;
  }
  return n === returns.length ? returns : returns.slice(0, n);
}

/**
 * Population moments (two-pass: mean first), risk-free rate and target return 0, annualised with `√bpy`.
 * Undefined cases take the fixed values of metrics.md §4; ratios are clamped to ±100. **Reorders `returns`**
 * (the VaR tail is selected in place), so callers pass a buffer they own, such as `periodReturns`' result.
 */
export function returnStats(returns: Float64Array, bpy: number): ReturnStats {
  const n = returns.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += returns[i]!;
  const mean = n === 0 ? 0 : sum / n;

  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  let downsideSquares = 0;
  let positiveSum = 0;
  let negativeSum = 0;
  for (let i = 0; i < n; i++) {
    const r = returns[i]!;
    const d = r - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
    if (r < 0) {
      downsideSquares += r * r;
      negativeSum += r;
    } else if (r > 0) {
      positiveSum += r;
    }
  }
  // The fourth moment overflows first; past it every moment-based figure would be NaN or Infinity.
  if (!Number.isFinite(m4)) {
    throw new MetricsInputError(
      'the period returns of the equity curve overflow the double range',
      'equity',
      'check the equity curve for jumps between values near 0 and values beyond 1e75',
    );
  }
  if (n > 0) {
    m2 /= n;
    m3 /= n;
    m4 /= n;
  }
  const sigma = Math.sqrt(m2);
  const annualiser = Math.sqrt(bpy);

  const sharpe = n < 2 || sigma === 0 ? 0 : capRatio((mean / sigma) * annualiser);

  const downsideDeviation = n === 0 ? 0 : Math.sqrt(downsideSquares / n);
  let sortino = 0;
  if (n >= 2) {
    if (downsideDeviation === 0) sortino = mean > 0 ? RATIO_CAP : 0;
    else sortino = capRatio((mean / downsideDeviation) * annualiser);
  }

  let omegaRatio = 0;
  if (n >= 2) {
    if (negativeSum === 0) omegaRatio = positiveSum > 0 ? RATIO_CAP : 0;
    else omegaRatio = capRatio(positiveSum / -negativeSum);
  }

  const momentsDefined = n >= MIN_RETURNS_FOR_MOMENTS && sigma !== 0;
  const skewness = momentsDefined ? m3 / (sigma * sigma * sigma) : 0;
  const kurtosis = momentsDefined ? m4 / (m2 * m2) : 0;

  let var95Pct = 0;
  let cvar95Pct = 0;
  if (n > 0) {
    const k = Math.max(1, Math.floor(VAR_TAIL * n));
    // Last use of `returns`: every order-dependent sum above is already done.
    const tail = smallestAscendingInPlace(returns, k);
    var95Pct = Math.max(0, -tail[k - 1]!) * 100;
    let tailSum = 0;
    for (let i = 0; i < k; i++) tailSum += tail[i]!;
    cvar95Pct = Math.max(0, -(tailSum / k)) * 100;
  }

  return { count: n, sharpe, sortino, omegaRatio, skewness, kurtosis, var95Pct, cvar95Pct };
}
