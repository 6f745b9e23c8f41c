import { describe, expect, it } from 'vitest';
import {
  AUDIT_REGIME_START_MS,
  generateAuditRegime,
  generateSynthetic,
  listPatterns,
  resolveSyntheticSelection,
  SyntheticError,
} from '../src/synthetic/index';

describe('resolveSyntheticSelection (§7.1)', () => {
  it('uses the defaults and reports it when nothing selects synthetic data', () => {
    expect(resolveSyntheticSelection({})).toEqual({
      pattern: 'trend_up_clean',
      seed: 42,
      startMs: Date.UTC(2025, 0, 1),
      bars: undefined,
      config: {},
      defaulted: true,
    });
  });

  it('merges the legacy validation keys into the synthetic block', () => {
    const s = resolveSyntheticSelection({
      synthetic: { pattern: 'range_wide', start: Date.UTC(2024, 5, 1) },
      validation: { pattern: 'range_wide', seed: 9, bars: 500 },
    });
    expect(s).toMatchObject({
      pattern: 'range_wide',
      seed: 9,
      bars: 500,
      startMs: Date.UTC(2024, 5, 1),
      defaulted: false,
    });
  });

  it('lets CLI flags win over the play and merges configs key by key', () => {
    const s = resolveSyntheticSelection({
      cli: { pattern: 'trend_stairs', seed: 3, config: { stairs_steps: 6 } },
      synthetic: {
        pattern: 'trend_up_clean',
        seed: 1,
        bars: 800,
        config: { trend_magnitude: 0.3, stairs_steps: 2 },
      },
    });
    expect(s).toMatchObject({
      pattern: 'trend_stairs',
      seed: 3,
      bars: 800,
      config: { trend_magnitude: 0.3, stairs_steps: 6 },
    });
  });

  it('throws E_CONFLICT when synthetic and validation disagree', () => {
    let error: unknown;
    try {
      resolveSyntheticSelection({ synthetic: { seed: 1 }, validation: { seed: 2 } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SyntheticError);
    expect((error as SyntheticError).code).toBe('E_CONFLICT');
    expect((error as SyntheticError).message).toBe('synthetic.seed (1) and validation.seed (2) differ');
    expect((error as SyntheticError).hint).toMatch(/remove the legacy validation.seed/);
  });

  it('rejects an unknown pattern from any source with E_PATTERN_UNKNOWN', () => {
    expect(() => resolveSyntheticSelection({ validation: { pattern: 'bogus' } })).toThrow(
      /unknown pattern 'bogus'/,
    );
  });
});

describe('generateAuditRegime (§9)', () => {
  it('builds 2000 bars of 15m at B = 100 from 2024-01-01 with tfs [1m, 15m], not a public pattern', () => {
    const d = generateAuditRegime(1337);
    expect(d.pattern).toBe('audit_regime');
    expect(listPatterns().some((p) => p.name === 'audit_regime')).toBe(false);
    expect([...d.tfs.keys()]).toEqual(['1m', '15m']);
    expect(d.tfs.get('15m')!.length).toBe(2000);
    expect(d.startMs).toBe(AUDIT_REGIME_START_MS);
    expect(d.descriptor.options.basePrice).toBe(100);
    expect(d.descriptor.config).toEqual({});
  });

  it('has its four regimes: trend up, then a range, spikes, and tight mean reversion', () => {
    const C = generateAuditRegime(1337).patternCloses;
    const diffs = (a: number, b: number) =>
      Array.from({ length: b - a }, (_, k) => C[a + k]! - C[a + k - 1]!);
    const sd = (xs: number[]) => {
      const m = xs.reduce((s, x) => s + x, 0) / xs.length;
      return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length);
    };
    expect(C[499]! - C[0]!).toBeGreaterThan(10); // +0.05 per bar drift over 500 bars on B = 100
    expect(Math.abs(C[999]! - C[499]!)).toBeLessThan(2);
    expect(diffs(1001, 1500).some((d) => Math.abs(d) > 2)).toBe(true); // ±3 spikes
    expect(sd(diffs(1501, 2000))).toBeGreaterThan(sd(diffs(501, 1000)));
  });

  it('is deterministic per seed and differs from the public patterns on the same frame', () => {
    expect(generateAuditRegime(7).dataHash).toBe(generateAuditRegime(7).dataHash);
    expect(generateAuditRegime(7).dataHash).not.toBe(generateAuditRegime(8).dataHash);
    const ranging = generateSynthetic({
      pattern: 'ranging',
      seed: 7,
      bars: 2000,
      patternTf: '15m',
      tfs: ['1m', '15m'],
      basePrice: 100,
      startMs: AUDIT_REGIME_START_MS,
    });
    expect(generateAuditRegime(7).dataHash).not.toBe(ranging.dataHash);
  });
});
