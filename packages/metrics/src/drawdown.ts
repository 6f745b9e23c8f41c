/** Drawdown figures of an equity curve (metrics.md §2, §4 #7–9 and #47). */
export interface DrawdownStats {
  /** Largest `peak_i − E_i` in USDT; 0 when the curve never falls below its running peak. */
  readonly maxDrawdownAbs: number;
  /** Largest `(peak_i − E_i) / peak_i` as a fraction, maximised independently of the absolute figure. */
  readonly maxDrawdownFraction: number;
  /** Longest run of consecutive points with `E_i < peak_i`; a run still open at the end counts. */
  readonly maxDrawdownDurationBars: number;
  /** `√(mean over i = 0…N of (ddFrac_i × 100)²)`, in percent. */
  readonly ulcerIndex: number;
}

/**
 * One pass over `E₀ … E_N` with the running peak `max(E₀…E_i)`. A point equal to its peak is recovered, not in
 * drawdown. Expects `E₀ > 0` (so every peak is positive), as `computeMetrics` validates; an empty curve gives zeros.
 */
export function drawdownStats(equity: ArrayLike<number>): DrawdownStats {
  const points = equity.length;
  if (points === 0) {
    return { maxDrawdownAbs: 0, maxDrawdownFraction: 0, maxDrawdownDurationBars: 0, ulcerIndex: 0 };
  }
  let peak = equity[0]!;
  let maxAbs = 0;
  let maxFraction = 0;
  let run = 0;
  let longestRun = 0;
  let sumSquaredPct = 0;
  for (let i = 0; i < points; i++) {
    const value = equity[i]!;
    if (value >= peak) {
      peak = value;
      run = 0;
      continue;
    }
    const ddAbs = peak - value;
    const ddFraction = ddAbs / peak;
    if (ddAbs > maxAbs) maxAbs = ddAbs;
    if (ddFraction > maxFraction) maxFraction = ddFraction;
    run++;
    if (run > longestRun) longestRun = run;
    const ddPct = ddFraction * 100;
    sumSquaredPct += ddPct * ddPct;
  }
  return {
    maxDrawdownAbs: maxAbs,
    maxDrawdownFraction: maxFraction,
    maxDrawdownDurationBars: longestRun,
    ulcerIndex: Math.sqrt(sumSquaredPct / points),
  };
}
