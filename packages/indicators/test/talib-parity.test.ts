import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allocateCandles, type Candles, findSharedDir } from '@trade/core';
import { describe, expect, it } from 'vitest';
import { computeSeries, getIndicatorMeta, validateParams } from '../src/index';

/**
 * TA-Lib 1.1.6 oracle (indicators.md §8.3) on the committed fixtures of the shared data folder. Every
 * TA-Lib column that has an equivalent output is mapped here; the 15 columns without one are listed in
 * UNMAPPED so that a new column in the fixture (or a dropped mapping) fails the count assertions.
 */
interface ColumnMapping {
  readonly column: string;
  readonly name: string;
  readonly params: Record<string, unknown>;
  /** Output key, or a function deriving the compared series from all outputs (psar). */
  readonly output: string | ((out: Record<string, Float64Array>) => Float64Array);
}

const m = (
  column: string,
  name: string,
  params: Record<string, unknown>,
  output = 'value',
): ColumnMapping => ({
  column,
  name,
  params,
  output,
});

/** psar's value is whichever of the exclusive pair long/short is finite. */
function psarValue(out: Record<string, Float64Array>): Float64Array {
  const long = out.long!;
  const short = out.short!;
  return long.map((x, i) => (Number.isNaN(x) ? short[i]! : x));
}

const MAPPINGS: readonly ColumnMapping[] = [
  m('SMA_20', 'sma', { length: 20 }),
  m('EMA_20', 'ema', { length: 20 }),
  m('WMA_20', 'wma', { length: 20 }),
  m('DEMA_20', 'dema', { length: 20 }),
  m('TEMA_20', 'tema', { length: 20 }),
  m('TRIMA_20', 'trima', { length: 20 }),
  m('TRIMA_21', 'trima', { length: 21 }),
  m('KAMA_10', 'kama', { length: 10 }),
  m('BBANDS_20_2_2_0_upperband', 'bbands', { length: 20, std: 2 }, 'upper'),
  m('BBANDS_20_2_2_0_middleband', 'bbands', { length: 20, std: 2 }, 'middle'),
  m('BBANDS_20_2_2_0_lowerband', 'bbands', { length: 20, std: 2 }, 'lower'),
  { column: 'SAR_0.02_0.2', name: 'psar', params: { af0: 0.02, max_af: 0.2 }, output: psarValue },
  m('MIDPRICE_14', 'midprice', { length: 14 }),
  m('RSI_14', 'rsi', { length: 14 }),
  m('MACD_12_26_9_macd', 'macd', { fast: 12, slow: 26, signal: 9 }, 'macd'),
  m('MACD_12_26_9_macdsignal', 'macd', { fast: 12, slow: 26, signal: 9 }, 'signal'),
  m('MACD_12_26_9_macdhist', 'macd', { fast: 12, slow: 26, signal: 9 }, 'histogram'),
  m('STOCH_14_3_0_3_0_slowk', 'stoch', { k: 14, smooth_k: 3, d: 3 }, 'k'),
  m('STOCH_14_3_0_3_0_slowd', 'stoch', { k: 14, smooth_k: 3, d: 3 }, 'd'),
  m('STOCHF_14_3_0_fastk', 'stoch', { k: 14, smooth_k: 1, d: 3 }, 'k'),
  m('STOCHF_14_3_0_fastd', 'stoch', { k: 14, smooth_k: 1, d: 3 }, 'd'),
  m('STOCHRSI_14_14_3_0_fastk', 'stochrsi', { length: 14, rsi_length: 14, k: 1, d: 3 }, 'k'),
  m('STOCHRSI_14_14_3_0_fastd', 'stochrsi', { length: 14, rsi_length: 14, k: 1, d: 3 }, 'd'),
  m('ADX_14', 'adx', { length: 14 }, 'adx'),
  m('ADXR_14', 'adx', { length: 14 }, 'adxr'),
  m('PLUS_DI_14', 'adx', { length: 14 }, 'dmp'),
  m('MINUS_DI_14', 'adx', { length: 14 }, 'dmn'),
  m('PLUS_DM_14', 'dm', { length: 14 }, 'dmp'),
  m('MINUS_DM_14', 'dm', { length: 14 }, 'dmn'),
  m('CCI_14', 'cci', { length: 14 }),
  m('WILLR_14', 'willr', { length: 14 }),
  m('MFI_14', 'mfi', { length: 14 }),
  m('AROON_25_aroondown', 'aroon', { length: 25 }, 'down'),
  m('AROON_25_aroonup', 'aroon', { length: 25 }, 'up'),
  m('AROONOSC_25', 'aroon', { length: 25 }, 'osc'),
  m('MOM_10', 'mom', { length: 10 }),
  m('ROC_10', 'roc', { length: 10 }),
  m('CMO_14', 'cmo', { length: 14 }),
  m('PPO_12_26_0', 'ppo', { fast: 12, slow: 26 }, 'ppo'),
  m('TRIX_18', 'trix', { length: 18 }, 'trix'),
  m('ULTOSC_7_14_28', 'uo', { fast: 7, medium: 14, slow: 28 }),
  m('TRANGE', 'atr', { length: 1 }),
  m('ATR_14', 'atr', { length: 14 }),
  m('NATR_14', 'natr', { length: 14 }),
  m('OBV', 'obv', {}),
  m('LINEARREG_14', 'linreg', { length: 14 }),
  m('AVGPRICE', 'ohlc4', {}),
  m('MEDPRICE', 'sma', { length: 1, source: 'hl2' }),
  m('TYPPRICE', 'sma', { length: 1, source: 'hlc3' }),
  m('MAX_20_high', 'donchian', { upper_length: 20, lower_length: 20 }, 'upper'),
  m('MIN_20_low', 'donchian', { upper_length: 20, lower_length: 20 }, 'lower'),
];

/** Columns with no equivalent output (§8.3 "not used"). */
const UNMAPPED = [
  'T3_5_0.7',
  'MIDPOINT_14',
  'DX_14',
  'ROCP_10',
  'ROCR_10',
  'ROCR100_10',
  'APO_12_26_0',
  'AD',
  'ADOSC_3_10',
  'STDDEV_20_1',
  'VAR_20_1',
  'LINEARREG_SLOPE_14',
  'LINEARREG_INTERCEPT_14',
  'LINEARREG_ANGLE_14',
  'TSF_14',
];

/** The number of TA-Lib columns with an equivalent; changing the mapping must change this on purpose. */
const EXPECTED_MAPPED_COLUMNS = 51;

interface Fixture {
  readonly candles: Candles;
  readonly columns: Map<string, Float64Array>;
  readonly begIndex: Map<string, number>;
}

function loadFixture(dir: string, base: string): Fixture {
  const lines = readFileSync(join(dir, `${base}.csv`), 'utf8')
    .trimEnd()
    .split('\n');
  const header = lines[0]!.split(',');
  const n = lines.length - 1;
  const cols = header.map(() => new Float64Array(n));
  for (let r = 0; r < n; r++) {
    const cells = lines[r + 1]!.split(',');
    for (let c = 0; c < header.length; c++) cols[c]![r] = cells[c] === '' ? Number.NaN : Number(cells[c]);
  }
  const candles = allocateCandles(n);
  for (const f of ['ts', 'open', 'high', 'low', 'close', 'volume'] as const) {
    candles[f].set(cols[header.indexOf(f)]!);
  }
  const columns = new Map<string, Float64Array>();
  header.forEach((h, i) => {
    if (i >= 6) columns.set(h, cols[i]!);
  });
  const meta = JSON.parse(readFileSync(join(dir, `${base}.columns.json`), 'utf8')) as {
    columns: { name: string; begIndex: number }[];
  };
  return { candles, columns, begIndex: new Map(meta.columns.map((c) => [c.name, c.begIndex])) };
}

const shared = findSharedDir();

describe.skipIf(shared === undefined)('TA-Lib 1.1.6 parity on BTCUSDT fixtures (indicators.md §8.3)', () => {
  const dir = join(shared ?? '', 'data', 'indicator-refs');
  const fixtures = ['BTCUSDT_60m_talib', 'BTCUSDT_1m_first5000_talib'];

  it('maps every TA-Lib column that has an equivalent, and only those', () => {
    expect(MAPPINGS.length).toBe(EXPECTED_MAPPED_COLUMNS);
    for (const base of fixtures) {
      const fixture = loadFixture(dir, base);
      const mapped = new Set(MAPPINGS.map((x) => x.column));
      expect(mapped.size).toBe(EXPECTED_MAPPED_COLUMNS);
      const all = [...fixture.columns.keys()];
      expect(all.filter((c) => !mapped.has(c)).sort()).toEqual([...UNMAPPED].sort());
      expect(all.length).toBe(EXPECTED_MAPPED_COLUMNS + UNMAPPED.length);
    }
  });

  for (const base of fixtures) {
    it(`${base}: every mapped column equals TA-Lib within 1e-9·max(1,|ref|) from begIndex = our FVI`, () => {
      const fixture = loadFixture(dir, base);
      let columnsCompared = 0;
      let cellsCompared = 0;
      const failures: string[] = [];
      for (const mapping of MAPPINGS) {
        const ref = fixture.columns.get(mapping.column)!;
        const begIndex = fixture.begIndex.get(mapping.column)!;
        let out: Record<string, Float64Array>;
        try {
          out = computeSeries(mapping.name, mapping.params, fixture.candles);
        } catch (error) {
          failures.push(`${mapping.column}: ${String(error)}`);
          continue;
        }
        const meta = getIndicatorMeta(mapping.name);
        const params = validateParams(mapping.name, mapping.params).params;
        const key = typeof mapping.output === 'string' ? mapping.output : meta.primary;
        const fvi = meta.outputs.find((o) => o.key === key)!.fvi(params);
        if (fvi !== begIndex) failures.push(`${mapping.column}: FVI ${fvi} ≠ begIndex ${begIndex}`);
        const got = typeof mapping.output === 'string' ? out[mapping.output]! : mapping.output(out);
        for (let i = 0; i < ref.length; i++) {
          const r = ref[i]!;
          const g = got[i]!;
          if (i < begIndex) {
            if (!Number.isNaN(g))
              failures.push(`${mapping.column}[${i}]: expected NaN before begIndex, got ${g}`);
            continue;
          }
          cellsCompared++;
          if (!(Math.abs(g - r) <= 1e-9 * Math.max(1, Math.abs(r)))) {
            failures.push(`${mapping.column}[${i}]: got ${g}, TA-Lib ${r}`);
          }
        }
        columnsCompared++;
      }
      console.info(`${base}: compared ${columnsCompared} TA-Lib columns, ${cellsCompared} cells`);
      expect(failures.slice(0, 20)).toEqual([]);
      expect(columnsCompared).toBe(EXPECTED_MAPPED_COLUMNS);
    });
  }
});
