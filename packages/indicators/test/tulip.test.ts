import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allocateCandles, type Candles, findSharedDir } from '@trade/core';
import { describe, expect, it } from 'vitest';
import { computeSeries, getIndicatorMeta, validateParams } from '../src/index';

/**
 * Tulip Indicators vectors (atoz.txt: Achelis' book values; untest.txt: Tulip's own regression snapshot)
 * where Tulip's conventions agree with ours (indicators.md §8, shared data README "Tulip conventions").
 * Not compared, because the conventions differ: ema/dema/tema/macd/trix (Tulip seeds EMAs with the first
 * price), atr (Tulip includes TR[0]), obv (starts at 0; compared as differences instead), cmo (rolling sums),
 * kvo (Tulip's cumulative-measurement form), adx/adxr (Tulip's vectors read high and low only), psar (Tulip
 * starts from bar 0 with its own rule, TA-Lib and we from bar 1), and every Tulip function we do not have.
 */
interface TulipCase {
  readonly name: string;
  readonly options: number[];
  readonly arrays: number[][];
}

function parseTulip(text: string): TulipCase[] {
  const cases: TulipCase[] = [];
  let current: TulipCase | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('{')) {
      const body = line.slice(1, line.lastIndexOf('}'));
      current?.arrays.push(body === '' ? [] : body.split(',').map(Number));
    } else {
      const [name, ...opts] = line.split(/\s+/);
      current = { name: name!, options: opts.map(Number), arrays: [] };
      cases.push(current);
    }
  }
  return cases;
}

type Field = 'open' | 'high' | 'low' | 'close' | 'volume';

interface TulipMapping {
  /** Tulip input order, mapped to our bar fields. */
  readonly inputs: readonly Field[];
  readonly indicator: string;
  readonly params: (options: number[]) => Record<string, unknown>;
  /** Our output key for each Tulip output, in Tulip's order. */
  readonly outputs: readonly string[];
  /** Compare first differences (obv: Tulip starts at 0, TA-Lib at V[0]). */
  readonly differences?: boolean;
  /** Multiplier from Tulip's unit to ours (Tulip's roc is a fraction, ours a percentage). */
  readonly scale?: number;
}

const len = (o: number[]) => ({ length: o[0] });
const MAPPINGS: Record<string, TulipMapping> = {
  sma: { inputs: ['close'], indicator: 'sma', params: len, outputs: ['value'] },
  wma: { inputs: ['close'], indicator: 'wma', params: len, outputs: ['value'] },
  trima: { inputs: ['close'], indicator: 'trima', params: len, outputs: ['value'] },
  rsi: { inputs: ['close'], indicator: 'rsi', params: len, outputs: ['value'] },
  bbands: {
    inputs: ['close'],
    indicator: 'bbands',
    params: (o) => ({ length: o[0], std: o[1] }),
    outputs: ['lower', 'middle', 'upper'],
  },
  cci: { inputs: ['high', 'low', 'close'], indicator: 'cci', params: len, outputs: ['value'] },
  willr: { inputs: ['high', 'low', 'close'], indicator: 'willr', params: len, outputs: ['value'] },
  stoch: {
    inputs: ['high', 'low', 'close'],
    indicator: 'stoch',
    params: (o) => ({ k: o[0], smooth_k: o[1], d: o[2] }),
    outputs: ['k', 'd'],
  },
  aroon: { inputs: ['high', 'low'], indicator: 'aroon', params: len, outputs: ['down', 'up'] },
  aroonosc: { inputs: ['high', 'low'], indicator: 'aroon', params: len, outputs: ['osc'] },
  mfi: { inputs: ['high', 'low', 'close', 'volume'], indicator: 'mfi', params: len, outputs: ['value'] },
  ultosc: {
    inputs: ['high', 'low', 'close'],
    indicator: 'uo',
    params: (o) => ({ fast: o[0], medium: o[1], slow: o[2] }),
    outputs: ['value'],
  },
  medprice: {
    inputs: ['high', 'low'],
    indicator: 'sma',
    params: () => ({ length: 1, source: 'hl2' }),
    outputs: ['value'],
  },
  typprice: {
    inputs: ['high', 'low', 'close'],
    indicator: 'sma',
    params: () => ({ length: 1, source: 'hlc3' }),
    outputs: ['value'],
  },
  avgprice: {
    inputs: ['open', 'high', 'low', 'close'],
    indicator: 'ohlc4',
    params: () => ({}),
    outputs: ['value'],
  },
  tr: {
    inputs: ['high', 'low', 'close'],
    indicator: 'atr',
    params: () => ({ length: 1 }),
    outputs: ['value'],
  },
  di: { inputs: ['high', 'low', 'close'], indicator: 'adx', params: len, outputs: ['dmp', 'dmn'] },
  dm: { inputs: ['high', 'low'], indicator: 'dm', params: len, outputs: ['dmp', 'dmn'] },
  mom: { inputs: ['close'], indicator: 'mom', params: len, outputs: ['value'] },
  roc: { inputs: ['close'], indicator: 'roc', params: len, outputs: ['value'], scale: 100 },
  linreg: { inputs: ['close'], indicator: 'linreg', params: len, outputs: ['value'] },
  obv: {
    inputs: ['close', 'volume'],
    indicator: 'obv',
    params: () => ({}),
    outputs: ['value'],
    differences: true,
  },
};

function candlesFrom(mapping: TulipMapping, arrays: number[][]): Candles {
  const n = arrays[0]!.length;
  const c = allocateCandles(n);
  for (let i = 0; i < n; i++) c.ts[i] = i * 60_000;
  for (const f of ['open', 'high', 'low', 'close', 'volume'] as const) {
    const k = mapping.inputs.indexOf(f);
    // Fields Tulip does not take are filled from its close input (or its first input when it has no close).
    const fallback = Math.max(mapping.inputs.indexOf('close'), 0);
    c[f].set(f === 'volume' && k < 0 ? new Array(n).fill(1) : arrays[k >= 0 ? k : fallback]!);
  }
  return c;
}

/** Printed to 3–4 decimals (book values rounded by hand): compare at 2e-3 absolute plus 1e-4 relative. */
const within = (g: number, r: number) => Math.abs(g - r) <= 2e-3 + 1e-4 * Math.abs(r);

function runCase(tc: TulipCase, mapping: TulipMapping): { compared: number; problems: string[] } {
  const inputs = tc.arrays.slice(0, mapping.inputs.length);
  const expected = tc.arrays.slice(mapping.inputs.length);
  const candles = candlesFrom(mapping, inputs);
  const params = mapping.params(tc.options);
  const out = computeSeries(mapping.indicator, params, candles);
  const meta = getIndicatorMeta(mapping.indicator);
  const norm = validateParams(mapping.indicator, params).params;
  const problems: string[] = [];
  let compared = 0;
  mapping.outputs.forEach((key, k) => {
    const ref = expected[k];
    if (ref === undefined) {
      problems.push(
        `${tc.name}: ${tc.arrays.length} arrays, expected ${mapping.inputs.length} inputs + outputs`,
      );
      return;
    }
    const offset = candles.length - ref.length;
    const got = key === 'psar' ? out.long!.map((v, i) => (Number.isNaN(v) ? out.short![i]! : v)) : out[key]!;
    const fvi = key === 'psar' ? 1 : meta.outputs.find((o) => o.key === key)!.fvi(norm);
    const start = Math.max(offset, fvi);
    for (let i = start; i < candles.length; i++) {
      let g = got[i]!;
      // Compared in Tulip's unit, so the printed precision applies as is.
      g /= mapping.scale ?? 1;
      let r = ref[i - offset]!;
      if (mapping.differences) {
        if (i === start) continue;
        g -= got[i - 1]! / (mapping.scale ?? 1);
        r -= ref[i - 1 - offset]!;
      }
      compared++;
      if (!within(g, r))
        problems.push(`${tc.name} ${tc.options.join(' ')} ${key}[${i}]: got ${g}, Tulip ${r}`);
    }
  });
  return { compared, problems };
}

const shared = findSharedDir();

describe.skipIf(shared === undefined)('Tulip Indicators vectors where conventions agree', () => {
  const dir = join(shared ?? '', 'data', 'indicator-refs', 'tulip');
  for (const file of ['atoz.txt', 'untest.txt']) {
    it(`${file}: every mapped case equals Tulip within its printed precision`, () => {
      const cases = parseTulip(readFileSync(join(dir, file), 'utf8'));
      let compared = 0;
      let mappedCases = 0;
      const problems: string[] = [];
      for (const tc of cases) {
        const mapping = MAPPINGS[tc.name];
        if (mapping === undefined) continue;
        mappedCases++;
        const r = runCase(tc, mapping);
        compared += r.compared;
        problems.push(...r.problems);
      }
      console.info(`${file}: ${mappedCases} Tulip cases, ${compared} values compared`);
      expect(problems).toEqual([]);
      expect(mappedCases).toBeGreaterThanOrEqual(file === 'atoz.txt' ? 17 : 22);
    });
  }
});

describe.skipIf(shared === undefined)('trading-signals Bollinger fixture (population σ)', () => {
  it('bbands(20, 2) equals the fixture middle/upper/lower within 1e-9·max(1,|ref|), null exactly before the FVI', () => {
    const file = join(shared ?? '', 'data', 'indicator-refs', 'tulip', 'trading-signals_BB_data.json');
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<
      'prices' | 'middle' | 'upper' | 'lower',
      (number | null)[]
    >;
    const n = data.prices.length;
    const c = allocateCandles(n);
    data.prices.forEach((p, i) => {
      c.ts[i] = i * 60_000;
      c.open[i] = c.high[i] = c.low[i] = c.close[i] = p!;
    });
    const out = computeSeries('bbands', { length: 20, std: 2 }, c);
    let compared = 0;
    for (const key of ['middle', 'upper', 'lower'] as const) {
      data[key].forEach((ref, i) => {
        const got = out[key]![i]!;
        if (ref === null) expect(Number.isNaN(got)).toBe(true);
        else {
          expect(Math.abs(got - ref)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(ref)));
          compared++;
        }
      });
    }
    expect(compared).toBe(3 * (n - 19));
  });
});
