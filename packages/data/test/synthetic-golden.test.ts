import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  GOLDEN_AUDIT_SEED,
  GOLDEN_BASE,
  GOLDEN_VARIANTS,
  type GoldenFile,
} from '../src/synthetic/golden/cases';
import {
  generateAuditRegime,
  generateSynthetic,
  SYNTHETIC_KIND,
  SYNTHETIC_PATTERN_NAMES,
} from '../src/synthetic/index';

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

  // One test per case (the same cases computeGoldenHashes regenerates), so no single test runs long.
  it.each(SYNTHETIC_PATTERN_NAMES.map((p) => [p]))('%s reproduces its committed dataHash', (pattern) => {
    expect(generateSynthetic({ ...GOLDEN_BASE, pattern }).dataHash).toBe(golden.patterns[pattern]);
  });

  it.each(Object.entries(GOLDEN_VARIANTS))(
    'variant %s reproduces its committed dataHash',
    (name, options) => {
      expect(generateSynthetic(options).dataHash).toBe(golden.variants[name]);
    },
  );

  it('the audit_regime frame reproduces its committed dataHash', () => {
    expect(golden.audit_regime).toEqual({
      seed: GOLDEN_AUDIT_SEED,
      dataHash: generateAuditRegime(GOLDEN_AUDIT_SEED).dataHash,
    });
  });
});
