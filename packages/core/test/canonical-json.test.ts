import { describe, expect, it } from 'vitest';
import { canonicalJson, hashCanonical, sha256Hex, shortHash, TradeError } from '../src/index';

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], A: { z: 0, y: -1 } })).toBe(
      '{"A":{"y":-1,"z":0},"a":[true,null,"x"],"b":1}',
    );
    // RFC 8785 §3.2.3 example: "\u20ac" (U+20AC) sorts after "\r" and before the surrogate pair of U+1F600.
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, '1': 4 })).toBe(
      '{"\\r":2,"1":4,"€":1,"😀":3}',
    );
  });

  it('writes numbers in ECMAScript shortest round-trip form, -0 as 0', () => {
    expect(canonicalJson([10000, 0.1, 1e-7, -0, 1.5e-10, 333333333.3333333, 4.5])).toBe(
      '[10000,0.1,1e-7,0,1.5e-10,333333333.3333333,4.5]',
    );
  });

  it('escapes strings as JSON.stringify does', () => {
    expect(canonicalJson('a"b\\c\n\u0001')).toBe('"a\\"b\\\\c\\n\\u0001"');
  });

  it('omits undefined members and writes undefined array items as null', () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
  });

  it('rejects NaN, Infinity and integers beyond 2^53 with the key path', () => {
    expect(() => canonicalJson({ x: [1, Number.NaN] })).toThrow(/\$\.x\[1\]/);
    expect(() => canonicalJson(Number.POSITIVE_INFINITY)).toThrow(TradeError);
    expect(() => canonicalJson(2 ** 53 + 2)).toThrow(/beyond 2\^53/);
    try {
      canonicalJson({ a: Number.NaN });
    } catch (e) {
      expect((e as TradeError).code).toBe('E_CANONICAL_JSON');
    }
  });

  it('is independent of key insertion order', () => {
    expect(hashCanonical({ kind: 'x/v1', a: 1, b: 2 })).toBe(hashCanonical({ b: 2, a: 1, kind: 'x/v1' }));
  });
});

describe('hashing', () => {
  it('computes the FIPS 180-2 SHA-256 vector for "abc"', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes canonical JSON and shortens to 12 chars', () => {
    const h = hashCanonical({ kind: 'play/v1' });
    expect(h).toBe(sha256Hex('{"kind":"play/v1"}'));
    expect(shortHash(h)).toBe(h.slice(0, 12));
    expect(h).toMatch(/^[0-9a-f]{64}$/);
  });
});
