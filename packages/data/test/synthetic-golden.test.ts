import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeGoldenHashes, GOLDEN_BASE, type GoldenFile } from '../src/synthetic/golden/cases';
import { SYNTHETIC_KIND, SYNTHETIC_PATTERN_NAMES } from '../src/synthetic/index';

// synthetic-data.md §10: any change of these hashes fails CI. To change them on purpose, bump SYNTHETIC_KIND and
// run `node scripts/regenerate-synthetic-golden.mjs "<reason>"` (see docs/synthetic-data.md).
const golden = JSON.parse(
  readFileSync(new URL('../src/synthetic/golden/golden.json', import.meta.url), 'utf8'),
) as GoldenFile;

describe('synthetic golden hashes (golden.json)', () => {
  it('pins all 34 patterns and 3 option variants with the spec parameters of the current kind', () => {
    expect(golden.kind).toBe(SYNTHETIC_KIND);
    expect(golden.base).toEqual(GOLDEN_BASE);
    expect(Object.keys(golden.patterns)).toEqual([...SYNTHETIC_PATTERN_NAMES]);
    expect(Object.keys(golden.variants)).toHaveLength(3);
    expect(new Set([...Object.values(golden.patterns), ...Object.values(golden.variants)]).size).toBe(37);
  });

  it('regenerating every case reproduces the committed dataHash exactly', () => {
    const { patterns, variants, audit_regime } = computeGoldenHashes();
    expect(patterns).toEqual(golden.patterns);
    expect(variants).toEqual(golden.variants);
    expect(audit_regime).toEqual(golden.audit_regime);
  });
});
