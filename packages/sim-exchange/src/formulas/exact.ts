/**
 * Exact decimal / rational arithmetic for booking points (sim-exchange.md §5.1). Every input number is read
 * as the decimal its shortest round-trip text shows (`0.1` is exactly one tenth), results are rational until
 * they are rounded once to 1e-8 USDT units, half away from zero. Never used on the per-bar hot path.
 */

/** A rational `n / d` with `d > 0`. */
export interface Frac {
  readonly n: bigint;
  readonly d: bigint;
}

const TEN = 10n;
/** Units of money per USDT: amounts are booked as integer multiples of 1e-8. */
export const MONEY_UNITS_PER_USDT = 100_000_000n;

function pow10(k: number): bigint {
  return TEN ** BigInt(k);
}

/** Memo of recent conversions (rates, leverages and prices repeat at every booking); bounded, immutable values. */
const FRAC_CACHE = new Map<number, Frac>();
const FRAC_CACHE_LIMIT = 4096;

/** The exact decimal value shown by `String(x)` (handles exponent notation). */
export function frac(x: number): Frac {
  const hit = FRAC_CACHE.get(x);
  if (hit !== undefined) return hit;
  const f = parseDecimal(x);
  if (FRAC_CACHE.size >= FRAC_CACHE_LIMIT) FRAC_CACHE.clear();
  FRAC_CACHE.set(x, f);
  return f;
}

function parseDecimal(x: number): Frac {
  if (!Number.isFinite(x)) throw new RangeError(`exact decimal of a non-finite number: ${x}`);
  if (Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER) return { n: BigInt(x), d: 1n };
  const text = String(x);
  const eAt = text.indexOf('e');
  const mantissa = eAt < 0 ? text : text.slice(0, eAt);
  const exponent = eAt < 0 ? 0 : Number(text.slice(eAt + 1));
  const dot = mantissa.indexOf('.');
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const scale = (dot < 0 ? 0 : mantissa.length - dot - 1) - exponent;
  const n = BigInt(digits);
  return scale >= 0 ? { n, d: pow10(scale) } : { n: n * pow10(-scale), d: 1n };
}

export function fromUnits(units: bigint): Frac {
  return { n: units, d: MONEY_UNITS_PER_USDT };
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/** Reduced form (keeps numbers small across chained operations). */
export function reduce(f: Frac): Frac {
  const g = gcd(f.n, f.d);
  return g <= 1n ? f : { n: f.n / g, d: f.d / g };
}

/** Denominators above this are reduced by their gcd; below it, skipping the gcd is cheaper than computing it. */
const REDUCE_ABOVE = 10n ** 30n;

function tidy(f: Frac): Frac {
  return f.d > REDUCE_ABOVE ? reduce(f) : f;
}

export function add(a: Frac, b: Frac): Frac {
  return a.d === b.d ? { n: a.n + b.n, d: a.d } : tidy({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
}

export function sub(a: Frac, b: Frac): Frac {
  return add(a, { n: -b.n, d: b.d });
}

export function mul(a: Frac, b: Frac): Frac {
  return tidy({ n: a.n * b.n, d: a.d * b.d });
}

export function div(a: Frac, b: Frac): Frac {
  if (b.n === 0n) throw new RangeError('exact division by zero');
  const sign = b.n < 0n ? -1n : 1n;
  return tidy({ n: a.n * b.d * sign, d: a.d * b.n * sign });
}

export function neg(a: Frac): Frac {
  return { n: -a.n, d: a.d };
}

export function sign(a: Frac): -1 | 0 | 1 {
  return a.n < 0n ? -1 : a.n > 0n ? 1 : 0;
}

export function compare(a: Frac, b: Frac): -1 | 0 | 1 {
  return sign(sub(a, b));
}

/** `n / d` rounded to an integer, half away from zero. */
export function roundHalfAwayFromZero(n: bigint, d: bigint): bigint {
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (2n * an + ad) / (2n * ad);
  return negative ? -q : q;
}

/** Rounds once to 1e-8 USDT units, half away from zero (§5.1). */
export function toUnits(f: Frac): bigint {
  return roundHalfAwayFromZero(f.n * MONEY_UNITS_PER_USDT, f.d);
}

/** The double nearest to `units · 1e-8` (both operands exact, IEEE division correctly rounded). */
export function unitsToNumber(units: bigint): number {
  return Number(units) / 1e8;
}

/** `-0.43582528` style, always 8 decimals. */
export function unitsToString(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / MONEY_UNITS_PER_USDT;
  const part = (abs % MONEY_UNITS_PER_USDT).toString().padStart(8, '0');
  return `${negative ? '-' : ''}${whole}.${part}`;
}

/** Nearest double to the rational (exact to well under one ulp for the magnitudes of prices and money). */
export function toNumber(f: Frac): number {
  const limit = 9_007_199_254_740_991n;
  const an = f.n < 0n ? -f.n : f.n;
  if (an <= limit && f.d <= limit) return Number(f.n) / Number(f.d);
  // Scale so the integer quotient carries ~30 significant digits, then divide by an exact power of ten.
  const digits = Math.max(0, 30 - (an / f.d).toString().length);
  const q = roundHalfAwayFromZero(f.n * pow10(digits), f.d);
  return Number(q) / 10 ** digits;
}

/** `"3920000/199"`; integers print without a denominator. */
export function fracToString(f: Frac): string {
  const r = reduce(f);
  return r.d === 1n ? r.n.toString() : `${r.n}/${r.d}`;
}

export const ZERO: Frac = { n: 0n, d: 1n };
export const ONE: Frac = { n: 1n, d: 1n };
