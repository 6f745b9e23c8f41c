import { createHash, type Hash } from 'node:crypto';

const CHUNK = 1 << 16;
/** Room for the longest number text (`-1.2345678901234567e-308` is 24 chars) and a separator. */
const MAX_NUMBER_CHARS = 32;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9] as const;
/** Decimals tried by the exact fast path; more decimals go through `String`. */
const MAX_FAST_DECIMALS = 9;
/** Below 10^15 a decimal has at most 15 significant digits, so it is the only one of its length that rounds to its double. */
const FAST_LIMIT = 1e15;

/**
 * Streams ASCII text into SHA-256 through one reusable buffer, writing numbers in ECMAScript shortest
 * round-trip form (`String(x)`) without building per-line or (mostly) per-number strings.
 *
 * Fast path: when `x = k / 10^d` exactly for an integer `|k| < 10^15` and `d ≤ 9` (what exchange prices,
 * quantities and millisecond timestamps look like), `String(x)` is the digits of `k` with the point `d`
 * places from the right: two distinct decimals of at most 15 significant digits never round to the same double
 * (DBL_DIG = 15), so the shortest round-trip digits are exactly those of `k` (trailing zeros stripped). Values
 * below 1e-6 (exponent notation) and all others use `String(x)`, which is the definition.
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

  /** Writes `x` as `csvNumber` does: NaN as nothing, `-0` as `0`, ±Infinity rejected. */
  number(x: number): void {
    if (this.pos > CHUNK - MAX_NUMBER_CHARS) this.flush();
    if (Number.isNaN(x)) return;
    if (x === 0) {
      this.buf[this.pos++] = 48;
      return;
    }
    if (!Number.isFinite(x)) throw new RangeError(`cannot write ${x} into an artifact`);
    const abs = x < 0 ? -x : x;
    if (abs >= 1e-6 && abs < FAST_LIMIT) {
      for (let d = 0; d <= MAX_FAST_DECIMALS; d++) {
        const p = POW10[d]!;
        const k = Math.round(abs * p);
        if (k >= FAST_LIMIT) break;
        if (k / p === abs) {
          if (x < 0) this.buf[this.pos++] = 45;
          this.fixed(k, d);
          return;
        }
      }
    }
    this.ascii(String(x));
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
