import { createHash, type Hash } from 'node:crypto';

const CHUNK = 1 << 16;
/** Room for the longest number text (`-1.2345678901234567e-308` is 24 chars) and a separator. */
const MAX_NUMBER_CHARS = 32;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9] as const;
/** Decimals of the exact decimal path below 1; more decimals go through `String`. */
const MAX_FAST_DECIMALS = 9;
const TWO_POW_53 = 2 ** 53;
/** No double needs more than 17 significant digits; a digit loop running longer is a bug, and bails out. */
const MAX_FRACTION_DIGITS = 20;

/** The bits of one double, read through a shared view (the word holding sign and exponent is `HI`). */
const BITS = new Float64Array(1);
const WORDS = new Uint32Array(BITS.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI = LITTLE_ENDIAN ? 1 : 0;
const LO = 1 - HI;
/** 2^s and 2^-s for the fraction scales s = 1..52 of numbers in [1, 2^53). */
const POW2 = Array.from({ length: 53 }, (_, s) => 2 ** s);
const INV_POW2 = Array.from({ length: 53 }, (_, s) => 2 ** -s);

/**
 * Streams ASCII text into SHA-256 through one reusable buffer, writing numbers in ECMAScript shortest
 * round-trip form (`String(x)`) without building per-line or (mostly) per-number strings. The digest equals
 * `sha256Hex` of the same text built as one string (engine series digests and row hashes, the synthetic
 * generator's `data_hash`); only the cost differs.
 *
 * Numbers take one of three exact paths, and `String(x)` (the definition) for everything else:
 * - integers below 2^53 (timestamps, whole quantities): their decimal digits;
 * - non-integers in [1, 2^53) (prices, volumes): the shortest digits by Steele and White's free-format
 *   algorithm on exact integers (see `fraction`), which is what `Number.prototype.toString` specifies;
 * - decimals in [1e-6, 1) with at most 9 decimals: `x = k / 10^9` for an integer `k < 10^9`, and then
 *   `String(x)` is the digits of `k` with the point 9 places from the right and trailing zeros dropped, because
 *   two distinct decimals of at most 15 significant digits never round to the same double (DBL_DIG = 15).
 */
export class DigestWriter {
  private readonly hash: Hash = createHash('sha256');
  private readonly buf = Buffer.allocUnsafe(CHUNK);
  private pos = 0;

  /** Writes one ASCII character code. */
  byte(code: number): void {
    if (this.pos >= CHUNK) this.flush();
    this.buf[this.pos++] = code;
  }

  /**
   * Writes `x` as the engine's artifact cells do (`csvNumber`): NaN as nothing, `-0` as `0`, ±Infinity
   * rejected with a RangeError; any other number as `String(x)`.
   */
  number(x: number): void {
    if (this.pos > CHUNK - MAX_NUMBER_CHARS) this.flush();
    if (Number.isNaN(x)) return;
    if (x === 0) {
      this.buf[this.pos++] = 48;
      return;
    }
    if (!Number.isFinite(x)) throw new RangeError(`cannot write ${x} into an artifact`);
    const abs = x < 0 ? -x : x;
    if (abs >= 1 && abs < TWO_POW_53) {
      const start = this.pos;
      if (x < 0) this.buf[this.pos++] = 45;
      const int = Math.floor(abs);
      this.integer(int);
      if (int === abs || this.fraction(abs, int)) return;
      this.pos = start;
    } else if (abs >= 1e-6 && abs < 1) {
      // k = round(abs·10^9) is exact whenever abs is a decimal of at most 9 places (then k / 10^9 === abs).
      const k = Math.round(abs * 1e9);
      if (k / 1e9 === abs) {
        if (x < 0) this.buf[this.pos++] = 45;
        this.fixed(k, MAX_FAST_DECIMALS);
        return;
      }
    }
    this.ascii(String(x));
  }

  /** Writes exactly `String(x)` (what a template literal prints): NaN and ±Infinity spelled out, `-0` as `0`. */
  jsNumber(x: number): void {
    if (Number.isFinite(x)) this.number(x);
    else this.ascii(String(x));
  }

  /** Writes ASCII text (numbers from `String`, separators). */
  ascii(text: string): void {
    if (this.pos + text.length > CHUNK) {
      this.flush();
      if (text.length > CHUNK) {
        this.hash.update(text, 'latin1');
        return;
      }
    }
    this.pos += this.buf.write(text, this.pos, 'latin1');
  }

  /** Writes text as UTF-8 (JSON strings may hold any character). */
  utf8(text: string): void {
    const worst = text.length * 3;
    if (this.pos + worst > CHUNK) {
      this.flush();
      if (worst > CHUNK) {
        this.hash.update(text, 'utf8');
        return;
      }
    }
    this.pos += this.buf.write(text, this.pos, 'utf8');
  }

  digestHex(): string {
    this.flush();
    return this.hash.digest('hex');
  }

  /**
   * Writes `.` and the shortest fraction digits of a non-integer `abs` in [1, 2^53) whose integer part `int`
   * is already written; returns false when it leaves the number to `String` (the caller rewinds).
   *
   * `abs = m · 2^-s` with `m` the 53-bit significand, so its fraction is `f / S` for integers `f < S = 2^s`,
   * and the neighbouring doubles are `1 / S` away: a decimal closer than `1 / (2S)` to `abs` reads back as
   * `abs`. Digit j is `floor(10 f / S)`; after it `f` is the remainder and `M = 10^j / 2` is that half-gap in
   * the same units. The loop stops at the first position where the truncated value (`f < M`) or the next
   * one up (`f > S - M`) lies inside the gap: no shorter decimal reads back as `abs` (at the previous position
   * neither did), and of the two candidates the nearer is taken, as `Number.prototype.toString` specifies.
   * Everything is exact in doubles: `10 f` is formed as `8 f + 2 f` when it could pass 2^53, each part split
   * by the power of two `S`. A value on a gap boundary, an exact tie between the candidates, or a significand
   * that is a power of two (its lower gap is half as wide) is left to `String`.
   */
  private fraction(abs: number, int: number): boolean {
    BITS[0] = abs;
    const hi = WORDS[HI]!;
    if ((hi & 0xfffff) === 0 && WORDS[LO] === 0) return false;
    const s = 1075 - ((hi >>> 20) & 0x7ff);
    const S = POW2[s]!;
    const inv = INV_POW2[s]!;
    let f = (abs - int) * S;
    let M = 0.5;
    const buf = this.buf;
    buf[this.pos++] = 46;
    for (let j = 0; j < MAX_FRACTION_DIGITS; j++) {
      let digit: number;
      if (s <= 49) {
        const t = f * 10;
        digit = Math.floor(t * inv);
        f = t - digit * S;
      } else {
        const a = f * 8;
        const b = f * 2;
        const qa = Math.floor(a * inv);
        const qb = Math.floor(b * inv);
        f = a - qa * S + (b - qb * S);
        digit = qa + qb;
        if (f >= S) {
          f -= S;
          digit++;
        }
      }
      M *= 10;
      const upper = S - M;
      if (f === M || f === upper) return false;
      const low = f < M;
      const high = f > upper;
      if (low || high) {
        if (low && high) {
          const twice = 2 * f;
          if (twice === S) return false;
          if (twice > S) digit++;
        } else if (high) digit++;
        if (digit > 9) return false;
        buf[this.pos++] = 48 + digit;
        return true;
      }
      buf[this.pos++] = 48 + digit;
    }
    return false;
  }

  /** Digits of integer `k` with the decimal point `d` places from the right, trailing fraction zeros dropped. */
  private fixed(k: number, d: number): void {
    let frac = 0;
    let intPart = k;
    if (d > 0) {
      const p = POW10[d]!;
      intPart = Math.floor(k / p);
      frac = k - intPart * p;
      while (d > 0 && frac % 10 === 0) {
        frac /= 10;
        d--;
      }
    }
    this.integer(intPart);
    if (d === 0) return;
    const buf = this.buf;
    buf[this.pos++] = 46;
    let end = this.pos + d;
    this.pos = end;
    for (let i = 0; i < d; i++) {
      const q = Math.floor(frac / 10);
      buf[--end] = 48 + (frac - q * 10);
      frac = q;
    }
  }

  /** A non-negative safe integer in decimal. */
  private integer(n: number): void {
    const buf = this.buf;
    if (n < 10) {
      buf[this.pos++] = 48 + n;
      return;
    }
    let digits = 1;
    for (let t = n; t >= 10; t = Math.floor(t / 10)) digits++;
    let end = this.pos + digits;
    this.pos = end;
    let v = n;
    while (v >= 10) {
      const q = Math.floor(v / 10);
      buf[--end] = 48 + (v - q * 10);
      v = q;
    }
    buf[--end] = 48 + v;
  }

  private flush(): void {
    if (this.pos === 0) return;
    this.hash.update(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }
}
