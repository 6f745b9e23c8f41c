import { describe, expect, it } from 'vitest';
import {
  generateSynthetic,
  listPatterns,
  parsePatternConfigAssignments,
  resolvePatternConfig,
  resolveSyntheticOptions,
  SYNTHETIC_PATTERN_NAMES,
  SYNTHETIC_PATTERNS,
  SyntheticError,
  type SyntheticOptions,
  syntheticLeadInBars,
  syntheticWindowBars,
} from '../src/synthetic/index';

function errorOf(fn: () => unknown): SyntheticError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SyntheticError) return e;
    throw e;
  }
  throw new Error('expected a SyntheticError');
}

describe('synthetic pattern catalogue', () => {
  it('lists the 34 patterns in spec order with PAT ids', () => {
    expect(SYNTHETIC_PATTERNS).toHaveLength(34);
    expect(SYNTHETIC_PATTERN_NAMES[0]).toBe('trending');
    expect(SYNTHETIC_PATTERN_NAMES[33]).toBe('mtf_pullback_bear');
    expect(listPatterns()[12]).toMatchObject({
      number: 13,
      id: 'PAT_013',
      name: 'range_ascending',
      family: 'range',
    });
  });

  it('gives each pattern the schema of §3 "Used by": legacy and choppy none, trend_up_clean its three keys', () => {
    const params = (name: string) => SYNTHETIC_PATTERNS.find((p) => p.name === name)!.params;
    for (const legacy of ['trending', 'ranging', 'volatile', 'multi_tf_aligned', 'choppy_whipsaw'])
      expect(params(legacy)).toEqual([]);
    expect(params('trend_up_clean')).toEqual(['trend_magnitude', 'pullback_depth', 'noise_level']);
    expect(params('breakout_false')).toEqual(['trend_magnitude', 'range_width', 'noise_level', 'hunt_depth']);
    expect(params('vol_decay')).toEqual(['volatility_spike', 'volatility_squeeze']);
  });
});

describe('PatternConfig validation (§3)', () => {
  it('resolves the schema keys with defaults and overrides', () => {
    expect(resolvePatternConfig('trend_stairs', { stairs_steps: 6 })).toEqual({
      trend_magnitude: 0.2,
      stairs_steps: 6,
      noise_level: 0.3,
    });
    expect(resolvePatternConfig('trending')).toEqual({});
  });

  it('rejects a key outside the pattern schema with E_SYNTHETIC_CONFIG naming pattern and key', () => {
    const e = errorOf(() => resolvePatternConfig('range_wide', { trend_magnitude: 0.3 }));
    expect(e.code).toBe('E_SYNTHETIC_CONFIG');
    expect(e.message).toBe("pattern 'range_wide' has no parameter 'trend_magnitude'");
    expect(e.hint).toBe('accepted: range_width');
    expect(e.path).toBe('config.trend_magnitude');
  });

  it("rejects the predecessor's never-used keys and suggests the nearest accepted key for typos", () => {
    expect(errorOf(() => resolvePatternConfig('breakout_clean', { triangle_slope: 1 })).code).toBe(
      'E_SYNTHETIC_CONFIG',
    );
    const typo = errorOf(() => resolvePatternConfig('trend_up_clean', { trend_magnitde: 0.3 }));
    expect(typo.hint).toMatch(/did you mean `trend_magnitude`\?/);
    expect(errorOf(() => resolvePatternConfig('trending', { noise_level: 1 })).hint).toMatch(
      /accepts no parameters/,
    );
  });

  it.each<[string, Record<string, number>]>([
    ['trend_up_clean', { trend_magnitude: 0 }],
    ['trend_stairs', { stairs_steps: 2.5 }],
    ['trend_stairs', { stairs_steps: 0 }],
    ['vol_decay', { volatility_spike: -0.1 }],
    ['range_wide', { range_width: Number.NaN }],
  ])('%s rejects out-of-range %j with a hint giving the range and default', (pattern, config) => {
    const e = errorOf(() => resolvePatternConfig(pattern, config));
    expect(e.code).toBe('E_SYNTHETIC_CONFIG');
    expect(e.message).toMatch(/out of range/);
    expect(e.hint).toMatch(/\(default [0-9.]+\)/);
  });

  it('parses key=value assignments and rejects malformed ones', () => {
    expect(parsePatternConfigAssignments(['trend_magnitude=0.3', ' noise_level = 1 '])).toEqual({
      trend_magnitude: 0.3,
      noise_level: 1,
    });
    expect(errorOf(() => parsePatternConfigAssignments(['trend_magnitude'])).code).toBe('E_SYNTHETIC_CONFIG');
    expect(errorOf(() => parsePatternConfigAssignments(['noise_level=high'])).code).toBe(
      'E_SYNTHETIC_CONFIG',
    );
  });
});

describe('generator option validation (§2)', () => {
  it('rejects an unknown pattern with E_PATTERN_UNKNOWN listing the patterns and suggesting the nearest', () => {
    const e = errorOf(() => generateSynthetic({ pattern: 'trend_up_cleen' }));
    expect(e.code).toBe('E_PATTERN_UNKNOWN');
    expect(e.message).toMatch(/^unknown pattern 'trend_up_cleen' \(patterns: trending, ranging,/);
    expect(e.message).toMatch(/mtf_pullback_bear\)$/);
    expect(e.hint).toMatch(/did you mean `trend_up_clean`\?/);
  });

  it('rejects M and unknown timeframes with E_SYNTH_UNKNOWN_TF listing the valid ones', () => {
    const m = errorOf(() => generateSynthetic({ tfs: ['1m', 'M'] }));
    expect(m.code).toBe('E_SYNTH_UNKNOWN_TF');
    expect(m.message).toMatch(/valid: 1m 3m 5m 15m 30m 1h 2h 4h 6h 12h D W/);
    expect(m.hint).toMatch(/not fixed-length/);
    expect(errorOf(() => generateSynthetic({ patternTf: '4H' })).hint).toBe('did you mean `4h`?');
  });

  it.each<[string, SyntheticOptions]>([
    ['bars', { bars: 9 }],
    ['bars', { bars: 2_000_001 }],
    ['bars', { bars: 100.5 }],
    ['leadInBars', { leadInBars: -1 }],
    ['seed', { seed: 2 ** 32 }],
    ['seed', { seed: -1 }],
    ['symbol', { symbol: 'btcusdt' }],
    ['symbol', { symbol: 'BTCUSD' }],
    ['basePrice', { basePrice: 0 }],
    ['dailyVol', { dailyVol: 1 }],
    ['wickFactor', { wickFactor: -0.1 }],
    ['volumeBase', { volumeBase: 0 }],
    ['priceTick', { priceTick: Number.POSITIVE_INFINITY }],
    ['bars', { bars: 2_000_000, patternTf: '1h' }],
  ])('rejects a bad %s with E_SYNTH_BAD_OPTION and a hint (%j)', (key, options) => {
    const e = errorOf(() => resolveSyntheticOptions(options));
    expect(e.code).toBe('E_SYNTH_BAD_OPTION');
    expect(e.path).toBe(key);
    expect(e.hint).toBeTruthy();
    expect(e.kind).toBe('input');
  });

  it('rejects an unknown option key, suggesting the nearest option', () => {
    const e = errorOf(() => resolveSyntheticOptions({ patternTF: '15m' } as SyntheticOptions));
    expect(e.code).toBe('E_SYNTH_BAD_OPTION');
    expect(e.hint).toBe('did you mean `patternTf`?');
  });

  it('passes the config through to the pattern schema check', () => {
    expect(errorOf(() => generateSynthetic({ pattern: 'ranging', config: { noise_level: 1 } })).code).toBe(
      'E_SYNTHETIC_CONFIG',
    );
  });
});

describe('bar-count rule (§7.3) and lead-in (§7.2)', () => {
  it.each([
    [63, 1937],
    [150, 1850],
    [5280, 10_560],
    [0, 2000],
    [1000, 2000],
  ])('Wx = %i gives a window of %i bars', (wx, bars) => {
    expect(syntheticWindowBars(wx)).toBe(bars);
  });

  it('an explicit bar count wins', () => {
    expect(syntheticWindowBars(5280, 500)).toBe(500);
  });

  it('the lead-in is ceil((start − dataStart) / exec)', () => {
    const start = Date.UTC(2025, 0, 1);
    expect(syntheticLeadInBars(start, start - 63 * 15 * 60_000, '15m')).toBe(63);
    expect(syntheticLeadInBars(start, start - (63 * 15 + 1) * 60_000, '15m')).toBe(64);
    expect(syntheticLeadInBars(start, start, '15m')).toBe(0);
  });
});

describe('option bounds the spec leaves open (README "Decisions")', () => {
  it('caps openGapSigma at 0.1 and priceTick at basePrice / 1000', () => {
    expect(errorOf(() => resolveSyntheticOptions({ openGapSigma: 0.2 })).path).toBe('openGapSigma');
    expect(errorOf(() => resolveSyntheticOptions({ basePrice: 100, priceTick: 0.5 })).path).toBe('priceTick');
    expect(resolveSyntheticOptions({ basePrice: 100, priceTick: 0.1 }).priceTick).toBe(0.1);
  });
});
