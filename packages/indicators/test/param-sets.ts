import { type IndicatorMeta, validateParams } from '../src/index';

export type RawParams = Record<string, number | string | boolean>;

/** The minimum allowed value of every integer param, with relations repaired (fast < slow → slow = fast + 1). */
function minimumSet(meta: IndicatorMeta): RawParams {
  const p: RawParams = {};
  for (const spec of meta.params) if (spec.type === 'int') p[spec.key] = spec.min;
  for (const relation of meta.relations) {
    const [a, b] = relation.params;
    if (relation.rule.includes('<') && !relation.rule.includes('≤') && p[a] !== undefined && p[a] === p[b]) {
      p[b] = (p[a] as number) + 1;
    }
  }
  return p;
}

/** Every integer param at default + 1 (the other parity), floats moved off their default. */
function otherParitySet(meta: IndicatorMeta): RawParams {
  const p: RawParams = {};
  for (const spec of meta.params) {
    if (spec.type === 'int') p[spec.key] = spec.default + 1;
    if (spec.type === 'float')
      p[spec.key] = spec.key === 'max_af' ? 0.3 : spec.key === 'af0' ? 0.03 : spec.default * 0.75;
  }
  return p;
}

/** Extra hand-picked sets: sources, unequal lengths, alma floor, vwap anchors. */
const EXTRA: Record<string, RawParams[]> = {
  sma: [
    { length: 1, source: 'hl2' },
    { length: 7, source: 'volume' },
  ],
  ema: [{ length: 1 }, { length: 20, source: 'ohlc4' }],
  rsi: [{ length: 14, source: 'hlc3' }],
  obv: [{ source: 'open' }],
  alma: [{ floor: true }, { length: 20, offset: 0, sigma: 0.5 }],
  donchian: [{ lower_length: 10, upper_length: 30 }],
  vwap: [{ anchor: 'W' }, { anchor: 'M' }, { anchor: '4h' }, { anchor: '1h' }],
  stoch: [{ k: 14, smooth_k: 1, d: 3 }],
  stochrsi: [{ length: 14, rsi_length: 14, k: 1, d: 3 }],
  macd: [{ fast: 5, slow: 13, signal: 4 }],
  trima: [{ length: 20 }, { length: 21 }],
  bbands: [{ length: 20, std: 2, source: 'hl2' }],
  squeeze: [{ bb_length: 10, kc_length: 30 }],
  supertrend: [{ length: 3, multiplier: 1 }],
  uo: [{ fast: 7, medium: 7, slow: 7 }],
};

/** Defaults, minimums and the other parity (§8.2), plus extras; every set validates. */
export function paramSets(meta: IndicatorMeta): RawParams[] {
  const sets = [{}, minimumSet(meta), otherParitySet(meta), ...(EXTRA[meta.name] ?? [])];
  const seen = new Set<string>();
  return sets.filter((s) => {
    const key = JSON.stringify(validateParams(meta.name, s).params);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
