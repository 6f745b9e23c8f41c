/**
 * Bybit sends every number inside `result` as a decimal string without exponent notation and without
 * trailing zeros on market data (`"43488"`, `"1575.305"`). Rounding to `maxDecimals` also removes the
 * binary noise of sums (`0.1 + 0.2`).
 */
export function decimalString(value: number, maxDecimals = 8): string {
  const fixed = value.toFixed(maxDecimals);
  if (maxDecimals === 0) return fixed === '-0' ? '0' : fixed;
  const trimmed = fixed.replace(/\.?0+$/, '');
  return trimmed === '-0' || trimmed === '' ? '0' : trimmed;
}

/** Fixed decimals, as Bybit prints instrument filters (`"0.10"`, `"1190.000"`). */
export function fixedString(value: number, decimals: number): string {
  return value.toFixed(decimals);
}

/** Decimal places of a step such as a tick size (0.1 → 1, 0.001 → 3, 5 → 0). */
export function stepDecimals(step: number): number {
  const text = decimalString(step, 12);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Rounds half away from zero to `decimals` places. */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return (Math.sign(value) * Math.round(Math.abs(value) * f)) / f;
}
