import { allocateCandles, type Candles } from '@trade/core';
import { describe, expect, it } from 'vitest';
import { computeSeries, getIndicatorMeta, validateParams } from '../src/index';
import { datasetFlat } from './datasets';

const close = (got: number, want: number): boolean =>
  Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));

/** Values of §8.4 on D2 (flat, O = H = L = C = 100, V = 1000) with default params, from each output's FVI. */
const FLAT: Record<string, Record<string, number | 'NaN'>> = {
  ema: { value: 100 },
  sma: { value: 100 },
  wma: { value: 100 },
  dema: { value: 100 },
  tema: { value: 100 },
  trima: { value: 100 },
  zlma: { value: 100 },
  kama: { value: 100 },
  alma: { value: 100 },
  linreg: { value: 100 },
  midprice: { value: 100 },
  ohlc4: { value: 100 },
  vwap: { value: 100 },
  anchored_vwap: { value: 100 },
  bbands: { lower: 100, middle: 100, upper: 100, bandwidth: 0, percent_b: 0.5 },
  kc: { lower: 100, basis: 100, upper: 100 },
  donchian: { lower: 100, middle: 100, upper: 100 },
  supertrend: { trend: 100, short: 100, direction: -1, long: 'NaN' },
  rsi: { value: 0 },
  atr: { value: 0 },
  natr: { value: 0 },
  cci: { value: 0 },
  willr: { value: 0 },
  roc: { value: 0 },
  mom: { value: 0 },
  mfi: { value: 0 },
  cmf: { value: 0 },
  cmo: { value: 0 },
  uo: { value: 0 },
  macd: { macd: 0, signal: 0, histogram: 0 },
  stoch: { k: 0, d: 0 },
  stochrsi: { k: 0, d: 0 },
  adx: { adx: 0, dmp: 0, dmn: 0, adxr: 0 },
  aroon: { up: 100, down: 100, osc: 0 },
  vortex: { vip: 0, vim: 0 },
  dm: { dmp: 0, dmn: 0 },
  fisher: { fisher: 0, signal: 0 },
  tsi: { tsi: 0, signal: 0 },
  kvo: { kvo: 0, signal: 0 },
  ppo: { ppo: 0, signal: 0, histogram: 0 },
  trix: { trix: 0, signal: 0 },
  squeeze: { sqz: 0, on: 0, off: 0, no_sqz: 1 },
  obv: { value: 1000 },
};

describe('flat dataset D2 expectations (§8.4)', () => {
  const flat = datasetFlat();
  for (const [name, expected] of Object.entries(FLAT)) {
    it(`${name} on a flat market gives ${JSON.stringify(expected)} from each FVI`, () => {
      const meta = getIndicatorMeta(name);
      const params = validateParams(name, {}).params;
      const out = computeSeries(name, {}, flat);
      for (const [key, want] of Object.entries(expected)) {
        const fvi = meta.outputs.find((o) => o.key === key)!.fvi(params);
        const series = out[key]!;
        for (let t = fvi; t < flat.length; t++) {
          const got = series[t]!;
          const ok = want === 'NaN' ? Number.isNaN(got) : close(got, want);
          if (!ok) expect.fail(`${name}.${key}[${t}] = ${got}, expected ${want}`);
        }
      }
    });
  }

  it('anchored_vwap counts bars since the first bar when never anchored', () => {
    const out = computeSeries('anchored_vwap', {}, flat);
    expect(Array.from(out.bars_since_anchor!.subarray(0, 4))).toEqual([1, 2, 3, 4]);
  });

  it('psar on a flat market reverses every bar at 100: short on odd t, long on even t, af 0.02', () => {
    const out = computeSeries('psar', {}, flat);
    expect(Number.isNaN(out.long![0]!) && Number.isNaN(out.short![0]!)).toBe(true);
    for (let t = 1; t < flat.length; t++) {
      const odd = t % 2 === 1;
      expect(odd ? out.short![t] : out.long![t]).toBe(100);
      expect(Number.isNaN(odd ? out.long![t]! : out.short![t]!)).toBe(true);
      expect(out.reversal![t]).toBe(1);
      expect(out.af![t]).toBe(0.02);
    }
  });
});

/** §8.5 bars (H, L, C), t = 0 … 11. */
const MICRO: [number, number, number][] = [
  [10.5, 9.5, 10.0],
  [11.2, 10.4, 11.0],
  [11.8, 11.0, 11.6],
  [12.5, 11.7, 12.2],
  [12.1, 11.0, 11.2],
  [11.4, 10.2, 10.4],
  [10.6, 9.8, 10.0],
  [10.9, 10.1, 10.8],
  [11.8, 10.9, 11.7],
  [12.6, 11.9, 12.4],
  [13.1, 12.3, 12.5],
  [12.2, 11.0, 11.2],
];

function microCandles(): Candles {
  const c = allocateCandles(MICRO.length);
  MICRO.forEach(([h, l, cl], t) => {
    c.ts[t] = 1_700_000_000_000 + t * 60_000;
    c.open[t] = t === 0 ? cl : MICRO[t - 1]![2];
    c.high[t] = h;
    c.low[t] = l;
    c.close[t] = cl;
    c.volume[t] = 1;
  });
  return c;
}

const N = Number.NaN;
// 6-decimal values printed in §8.5; compared at 5e-7 (the print precision).
const ST: [number, number, number, number, number][] = [
  [0.966667, 13.066667, -1, N, 13.066667],
  [1.044444, 12.594444, -1, N, 12.594444],
  [1.096296, 11.896296, -1, N, 11.896296],
  [0.997531, 11.197531, -1, N, 11.197531],
  [0.965021, 11.197531, -1, N, 11.197531],
  [0.97668, 10.37332, 1, 10.37332, N],
  [0.95112, 11.29888, 1, 11.29888, N],
  [0.900747, 11.799253, 1, 11.799253, N],
  [1.100498, 12.700498, -1, N, 12.700498],
];
const PSAR: [number, number, number, number][] = [
  [9.5, N, 0.02, 0],
  [9.534, N, 0.04, 0],
  [9.62464, N, 0.06, 0],
  [9.797162, N, 0.06, 0],
  [9.959332, N, 0.06, 0],
  [N, 12.5, 0.02, 1],
  [N, 12.446, 0.02, 0],
  [N, 12.39308, 0.02, 0],
  [9.8, N, 0.02, 1],
  [9.856, N, 0.04, 0],
  [9.98576, N, 0.04, 0],
];

function near(got: number, want: number): boolean {
  return Number.isNaN(want) ? Number.isNaN(got) : Math.abs(got - want) <= 5e-7;
}

describe('hand-checked micro fixtures (§8.5)', () => {
  const c = microCandles();

  it('supertrend(3, 1.0) and atr(3) match the worked example bar by bar', () => {
    const st = computeSeries('supertrend', { length: 3, multiplier: 1 }, c);
    const atr = computeSeries('atr', { length: 3 }, c).value!;
    for (let t = 0; t < 3; t++) expect(Number.isNaN(st.trend![t]!) && Number.isNaN(atr[t]!)).toBe(true);
    ST.forEach(([a, trend, dir, long, short], i) => {
      const t = i + 3;
      const row = [atr[t]!, st.trend![t]!, st.direction![t]!, st.long![t]!, st.short![t]!];
      expect(
        row.map((v, k) => near(v, [a, trend, dir, long, short][k]!)),
        `t = ${t}: ${row}`,
      ).toEqual([true, true, true, true, true]);
    });
  });

  it('psar(0.02, 0.2) starts long at 9.5 and matches the worked example bar by bar', () => {
    const ps = computeSeries('psar', { af0: 0.02, max_af: 0.2 }, c);
    PSAR.forEach(([long, short, af, rev], i) => {
      const t = i + 1;
      const row = [ps.long![t]!, ps.short![t]!, ps.af![t]!, ps.reversal![t]!];
      expect(
        row.map((v, k) => near(v, [long, short, af, rev][k]!)),
        `t = ${t}: ${row}`,
      ).toEqual([true, true, true, true]);
    });
  });
});
