import { isTradeError } from '@trade/core';
import { describe, expect, it } from 'vitest';
import { createIndicator, IndicatorError, listIndicators, validateParams } from '../src/index';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (!isTradeError(error)) throw error;
    expect(error).toBeInstanceOf(IndicatorError);
    expect(typeof error.hint).toBe('string');
    return error.code;
  }
  return undefined;
}

describe('param validation (§1.5, §8.6)', () => {
  it('applies the catalogue defaults when params are omitted', () => {
    expect(validateParams('macd').params).toEqual({ fast: 12, slow: 26, signal: 9, source: 'close' });
    expect(validateParams('atr', {}).params).toEqual({ length: 14 });
    expect(validateParams('alma').params).toEqual({
      length: 9,
      offset: 0.85,
      sigma: 6,
      floor: false,
      source: 'close',
    });
  });

  it('rejects an unknown indicator with E_INDICATOR_UNKNOWN and suggests the nearest name', () => {
    try {
      createIndicator('rsii');
      expect.fail('no error');
    } catch (error) {
      expect(isTradeError(error) && error.code).toBe('E_INDICATOR_UNKNOWN');
      expect(isTradeError(error) && error.hint).toContain('rsi');
    }
  });

  for (const meta of listIndicators()) {
    const ints = meta.params.filter((p) => p.type === 'int');
    const floats = meta.params.filter((p) => p.type === 'float');
    if (ints.length + floats.length === 0) continue;
    it(`${meta.name}: every numeric param below/above its range and non-integers give E_PARAM_INVALID`, () => {
      for (const spec of ints) {
        if (spec.type !== 'int') continue;
        expect(codeOf(() => createIndicator(meta.name, { [spec.key]: spec.min - 1 }))).toBe(
          'E_PARAM_INVALID',
        );
        expect(codeOf(() => createIndicator(meta.name, { [spec.key]: spec.max + 1 }))).toBe(
          'E_PARAM_INVALID',
        );
        expect(codeOf(() => createIndicator(meta.name, { [spec.key]: spec.default + 0.5 }))).toBe(
          'E_PARAM_INVALID',
        );
        expect(codeOf(() => createIndicator(meta.name, { [spec.key]: String(spec.default) }))).toBe(
          'E_PARAM_INVALID',
        );
      }
      for (const spec of floats) {
        if (spec.type !== 'float') continue;
        const below = spec.minExclusive ? spec.min : spec.min - 0.001;
        expect(codeOf(() => createIndicator(meta.name, { [spec.key]: below }))).toBe('E_PARAM_INVALID');
        expect(codeOf(() => createIndicator(meta.name, { [spec.key]: spec.max + 0.001 }))).toBe(
          'E_PARAM_INVALID',
        );
        expect(codeOf(() => createIndicator(meta.name, { [spec.key]: Number.NaN }))).toBe('E_PARAM_INVALID');
      }
    });
  }

  it('accepts 9 and 9.0 for integer params and reports the allowed range in the hint', () => {
    expect(validateParams('ema', { length: 9.0 }).params.length).toBe(9);
    try {
      createIndicator('ema', { length: 0 });
      expect.fail('no error');
    } catch (error) {
      expect(isTradeError(error) && error.hint).toContain('1..10000');
      expect(isTradeError(error) && error.path).toBe('params.length');
    }
  });

  it('rejects violated relations naming both params', () => {
    for (const [name, params] of [
      ['macd', { fast: 26, slow: 12 }],
      ['macd', { fast: 12, slow: 12 }],
      ['ppo', { fast: 30 }],
      ['tsi', { fast: 25, slow: 25 }],
      ['kvo', { fast: 60 }],
      ['uo', { fast: 15, medium: 14 }],
      ['uo', { medium: 30 }],
      ['psar', { af0: 0.3, max_af: 0.2 }],
    ] as const) {
      try {
        createIndicator(name, params);
        expect.fail(`${name} ${JSON.stringify(params)} accepted`);
      } catch (error) {
        expect(isTradeError(error) && error.code).toBe('E_PARAM_INVALID');
        expect(isTradeError(error) && error.message).toMatch(/'.+' and '.+'/);
      }
    }
  });

  it('rejects unknown params with E_PARAM_UNKNOWN and the accepted list', () => {
    try {
      createIndicator('rsi', { lenght: 14 });
      expect.fail('no error');
    } catch (error) {
      expect(isTradeError(error) && error.code).toBe('E_PARAM_UNKNOWN');
      expect(isTradeError(error) && error.hint).toContain('length');
    }
  });

  it('rejects the pass-through params talib, mamode and offset (except alma.offset)', () => {
    for (const key of ['talib', 'mamode', 'offset']) {
      try {
        createIndicator('sma', { [key]: 1 });
        expect.fail('no error');
      } catch (error) {
        expect(isTradeError(error) && error.code).toBe('E_PARAM_UNKNOWN');
        expect(isTradeError(error) && error.hint).toBe(
          'not supported; values follow the TA-Lib/Pine definitions',
        );
      }
    }
    expect(validateParams('alma', { offset: 0.5 }).params.offset).toBe(0.5);
  });

  it('source: valid on single-series indicators, E_SOURCE_INVALID when unknown, E_SOURCE_NOT_APPLICABLE on fixed inputs', () => {
    expect(validateParams('sma', { source: 'hl2' }).params.source).toBe('hl2');
    expect(codeOf(() => createIndicator('sma', { source: 'hl3' }))).toBe('E_SOURCE_INVALID');
    expect(codeOf(() => createIndicator('atr', { source: 'hl2' }))).toBe('E_SOURCE_NOT_APPLICABLE');
    expect(validateParams('atr', { source: 'close' }).params).toEqual({ length: 14 });
    for (const meta of listIndicators()) {
      const code = codeOf(() => createIndicator(meta.name, { source: 'open' }));
      expect(code, meta.name).toBe(meta.usesSource ? undefined : 'E_SOURCE_NOT_APPLICABLE');
    }
  });

  it('psar: af is an alias of af0; both set and different warns W_PARAM_IGNORED and af0 wins', () => {
    expect(validateParams('psar', { af: 0.03 }).params).toEqual({ af0: 0.03, max_af: 0.2 });
    const both = validateParams('psar', { af: 0.03, af0: 0.025 });
    expect(both.params.af0).toBe(0.025);
    expect(both.warnings.map((w) => w.code)).toEqual(['W_PARAM_IGNORED']);
    expect(validateParams('psar', { af: 0.02, af0: 0.02 }).warnings).toEqual([]);
  });

  it('vwap and anchored_vwap accept only their enum values', () => {
    expect(codeOf(() => createIndicator('vwap', { anchor: '5h' }))).toBe('E_PARAM_INVALID');
    expect(codeOf(() => createIndicator('anchored_vwap', { anchor_source: 'swing' }))).toBe(
      'E_PARAM_INVALID',
    );
    expect(
      validateParams('anchored_vwap', { anchor_source: 'manual', anchor_structure: 'swing_1h' }).params,
    ).toEqual({
      anchor_source: 'manual',
      anchor_structure: 'swing_1h',
    });
  });
});
