/**
 * Decimal-exact number formatting for identifiers (structures.md §1.5). Never part of trading logic.
 */

const SCALE_8 = 100_000_000n;

/** Splits a finite, non-negative double into an integer mantissa and a power-of-two exponent (x = m·2^e). */
function decompose(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const exponentBits = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (exponentBits === 0) return { mantissa, exponent: -1074 };
  mantissa |= 1n << 52n;
  return { mantissa, exponent: exponentBits - 1075 };
}

/**
 * `x` in fixed notation with 8 decimals, correctly rounded from its exact binary value, ties to even
 * (Python's `f"{x:.8f}"`). `toFixed(8)` is not used because it rounds ties away from zero:
 * fmt8(0.001953125) = "0.00195312". Negative values (and −0) keep their sign, as in Python.
 */
export function fmt8(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const negative = x < 0 || Object.is(x, -0);
  const { mantissa, exponent } = decompose(Math.abs(x));
  let scaled: bigint;
  if (exponent >= 0) {
    scaled = (mantissa << BigInt(exponent)) * SCALE_8;
  } else {
    const numerator = mantissa * SCALE_8;
    const denominator = 1n << BigInt(-exponent);
    scaled = numerator / denominator;
    const twiceRemainder = 2n * (numerator - scaled * denominator);
    if (twiceRemainder > denominator || (twiceRemainder === denominator && (scaled & 1n) === 1n))
      scaled += 1n;
  }
  const digits = scaled.toString().padStart(9, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -8)}.${digits.slice(-8)}`;
}

/** Rounds to the nearest integer, ties to even (Python's `round(x)`), on the exact binary value of `x`. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Shortest round-trip decimal of a ratio as used in canonical field names (`level_0.618`, `level_1`). */
export function ratioName(r: number): string {
  return String(r);
}
