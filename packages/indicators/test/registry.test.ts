import { describe, expect, it } from 'vitest';
import { getIndicatorMeta, listIndicators, registry, validateParams } from '../src/index';

/** Catalogue of indicators.md §2, #1–#44 in order. */
const CATALOGUE = [
  'ema',
  'sma',
  'wma',
  'dema',
  'tema',
  'trima',
  'zlma',
  'kama',
  'alma',
  'rsi',
  'atr',
  'natr',
  'cci',
  'willr',
  'roc',
  'mom',
  'mfi',
  'obv',
  'cmf',
  'cmo',
  'linreg',
  'midprice',
  'ohlc4',
  'uo',
  'vwap',
  'macd',
  'bbands',
  'stoch',
  'stochrsi',
  'adx',
  'aroon',
  'kc',
  'donchian',
  'supertrend',
  'psar',
  'squeeze',
  'vortex',
  'dm',
  'fisher',
  'tsi',
  'kvo',
  'ppo',
  'trix',
  'anchored_vwap',
];

const warmupOf = (name: string, params: Record<string, unknown> = {}) =>
  getIndicatorMeta(name).warmupBars(validateParams(name, params).params);

describe('registry (§5.1)', () => {
  it('lists the catalogue indicators #1–#44 in catalogue order', () => {
    expect(listIndicators().map((m) => m.name)).toEqual(CATALOGUE);
    expect(registry.get('rsi').name).toBe('rsi');
  });

  it('declares the catalogue FVIs at default params', () => {
    const fvi = (name: string) => getIndicatorMeta(name).fvi(validateParams(name).params);
    expect(
      Object.fromEntries(
        [
          'ema',
          'dema',
          'tema',
          'zlma',
          'kama',
          'alma',
          'macd',
          'stoch',
          'stochrsi',
          'adx',
          'tsi',
          'kvo',
          'trix',
          'squeeze',
          'psar',
        ].map((n) => [n, fvi(n)]),
      ),
    ).toEqual({
      ema: 9,
      dema: 18,
      tema: 27,
      zlma: 13,
      kama: 10,
      alma: 8,
      macd: 33,
      stoch: 17,
      stochrsi: 31,
      adx: 40,
      tsi: 49,
      kvo: 67,
      trix: 96,
      squeeze: 20,
      psar: 1,
    });
  });

  it('computes the catalogue warmup examples of §2 (ema 20 → 52, rsi 14 → 57, macd → 90, adx 14 → 125)', () => {
    expect(warmupOf('ema', { length: 20 })).toBe(52);
    expect(warmupOf('rsi')).toBe(57);
    expect(warmupOf('macd')).toBe(90);
    expect(warmupOf('adx')).toBe(125);
    expect(warmupOf('sma', { length: 20 })).toBe(20);
    const meta = getIndicatorMeta('rsi');
    const p = validateParams('rsi').params;
    expect(meta.warmup(p)).toBe(57);
    expect(meta.stableBars(p)).toBe(14 + 1 + Math.ceil(23.1 * 14));
  });

  it('every entry declares a primary output among its outputs, a reference and a class', () => {
    for (const meta of listIndicators()) {
      expect(meta.outputKeys).toContain(meta.primary);
      expect(['talib', 'pine', 'definition']).toContain(meta.reference.kind);
      expect(['W', 'E', 'C']).toContain(meta.cls);
      if (meta.outputKeys.length === 1) expect(meta.outputKeys[0]).toBe('value');
      for (const [a, b] of meta.exclusive)
        expect([meta.outputKeys.includes(a), meta.outputKeys.includes(b)]).toEqual([true, true]);
      expect(meta.paramSchema.safeParse({}).success).toBe(true);
    }
  });
});
