import { describe, expect, it } from 'vitest';
import { DigestWriter, sha256Hex } from '../src/index';

/** Deterministic LCG, so a failure names the same value on every run. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/** Doubles from every path: random bit patterns, prices, volumes, short decimals, powers of two and neighbours. */
function sampleValues(): number[] {
  const rand = lcg(20261124);
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  const values: number[] = [
    0,
    -0,
    1,
    -1,
    9,
    10,
    0.5,
    0.1 + 0.2,
    1.05,
    2.675,
    1e-6,
    1e-7,
    9.99e-7,
    1e15,
    1e16,
  ];
  values.push(1e21, 2 ** 53, 2 ** 53 - 0.5, 2 ** 52 + 0.5, 1.0000000000000002, 4503599627370495.5);
  values.push(Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, Number.MAX_VALUE, 1740787200000, 84210.5, 0.001);
  for (let i = 0; i < 8000; i++) {
    words[0] = (rand() * 2 ** 32) >>> 0;
    words[1] = (rand() * 2 ** 31) >>> 0;
    if (Number.isFinite(bits[0]!)) values.push(bits[0]!, -bits[0]!);
  }
  for (let i = 0; i < 8000; i++) {
    values.push(20_000 + rand() * 80_000); // full-precision prices
    values.push(rand() * 40); // volumes, many in [1, 8) where 10·f passes 2^53
    values.push(rand() * 2 ** (Math.floor(rand() * 70) - 20));
    values.push(Number((rand() * 1e5).toFixed(Math.floor(rand() * 10))));
    values.push(-Math.round(rand() * 1e6) / 1e6);
  }
  for (let p = -30; p <= 53; p++) values.push(2 ** p, 2 ** p + 2 ** (p - 52), 2 ** p - 2 ** (p - 53));
  return values;
}

function digestOf(write: (w: DigestWriter) => void): string {
  const w = new DigestWriter();
  write(w);
  return w.digestHex();
}

describe('DigestWriter', () => {
  it('jsNumber writes exactly String(x) for every kind of double', () => {
    const wrong = sampleValues().filter((v) => digestOf((w) => w.jsNumber(v)) !== sha256Hex(String(v)));
    expect(wrong).toEqual([]);
  });

  it('jsNumber spells out NaN and ±Infinity; number writes NaN as nothing and refuses ±Infinity', () => {
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(digestOf((w) => w.jsNumber(v))).toBe(sha256Hex(String(v)));
    }
    expect(digestOf((w) => w.number(Number.NaN))).toBe(sha256Hex(''));
    expect(() => new DigestWriter().number(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(digestOf((w) => w.number(-0))).toBe(sha256Hex('0'));
  });

  it('a stream of numbers, separators and text across many buffer flushes hashes like the joined string', () => {
    const values = sampleValues();
    const long = 'x'.repeat(70_000);
    const unicode = 'é→𝄞 '.repeat(20_000);
    const w = new DigestWriter();
    for (const v of values) {
      w.jsNumber(v);
      w.byte(44);
    }
    w.ascii(long);
    w.utf8(unicode);
    w.ascii('\n');
    expect(w.digestHex()).toBe(sha256Hex(`${values.map((v) => `${v},`).join('')}${long}${unicode}\n`));
  });
});
