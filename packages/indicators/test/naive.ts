import type { Candles } from '@trade/core';

/**
 * Independent naive reference of indicators.md §3 for the parity tests of §8.2. Written from the spec only, it
 * shares no code with src: every window is recomputed from the raw arrays at every index (no running sums, no
 * deques), degenerate cases are tested directly, recursions are plain loops. O(n·len).
 */
export type Out = Record<string, Float64Array>;
type P = Record<string, number | string | boolean>;

const nan = (n: number): Float64Array => new Float64Array(n).fill(Number.NaN);

function source(c: Candles, s: string): Float64Array {
  const n = c.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = c.open[i]!;
    const h = c.high[i]!;
    const l = c.low[i]!;
    const cl = c.close[i]!;
    out[i] =
      s === 'open'
        ? o
        : s === 'high'
          ? h
          : s === 'low'
            ? l
            : s === 'volume'
              ? c.volume[i]!
              : s === 'hl2'
                ? (h + l) / 2
                : s === 'hlc3'
                  ? (h + l + cl) / 3
                  : s === 'ohlc4'
                    ? (o + h + l + cl) / 4
                    : cl;
  }
  return out;
}

function firstDefined(y: Float64Array): number {
  for (let i = 0; i < y.length; i++) if (!Number.isNaN(y[i]!)) return i;
  return y.length;
}

/** Window sum of y[t−n+1 … t], recomputed; NaN if any term is NaN or the window starts before 0. */
function windowSum(y: Float64Array, t: number, n: number): number {
  if (t - n + 1 < 0) return Number.NaN;
  let s = 0;
  for (let j = t - n + 1; j <= t; j++) s += y[j]!;
  return s;
}

function allZero(y: Float64Array, t: number, n: number): boolean {
  for (let j = t - n + 1; j <= t; j++) if (y[j] !== 0) return false;
  return true;
}

export function smaOf(y: Float64Array, n: number): Float64Array {
  const out = nan(y.length);
  for (let t = 0; t < y.length; t++) {
    const s = windowSum(y, t, n);
    if (!Number.isNaN(s)) out[t] = n === 1 ? y[t]! : s / n;
  }
  return out;
}

/** EMA_n of §1.4 over a series with a NaN prefix: seed = mean of the first n defined values. */
export function emaOf(y: Float64Array, n: number): Float64Array {
  const out = nan(y.length);
  const s = firstDefined(y);
  if (s + n - 1 >= y.length) return out;
  let seed = 0;
  for (let j = s; j < s + n; j++) seed += y[j]!;
  let e = n === 1 ? y[s]! : seed / n;
  out[s + n - 1] = e;
  const k = 2 / (n + 1);
  for (let t = s + n; t < y.length; t++) {
    e = n === 1 ? y[t]! : e + k * (y[t]! - e);
    out[t] = e;
  }
  return out;
}

/** WAVG_n: first value = mean of the first n defined values; then (A·(n−1) + y)/n. */
function wavgOf(y: Float64Array, n: number): Float64Array {
  const out = nan(y.length);
  const s = firstDefined(y);
  if (s + n - 1 >= y.length) return out;
  let a = 0;
  for (let j = s; j < s + n; j++) a += y[j]!;
  a /= n;
  out[s + n - 1] = a;
  for (let t = s + n; t < y.length; t++) {
    a = (a * (n - 1) + y[t]!) / n;
    out[t] = a;
  }
  return out;
}

/** WSUM_n: first value = sum of the first n−1 defined values; then S − S/n + y. */
function wsumOf(y: Float64Array, n: number): Float64Array {
  const out = nan(y.length);
  const s = firstDefined(y);
  if (s + n - 2 >= y.length) return out;
  let a = 0;
  for (let j = s; j < s + n - 1; j++) a += y[j]!;
  out[s + n - 2] = a;
  for (let t = s + n - 1; t < y.length; t++) {
    a = a - a / n + y[t]!;
    out[t] = a;
  }
  return out;
}

function trOf(c: Candles): Float64Array {
  const out = nan(c.length);
  for (let t = 1; t < c.length; t++) {
    const h = c.high[t]!;
    const l = c.low[t]!;
    const pc = c.close[t - 1]!;
    out[t] = Math.max(h - l, Math.abs(h - pc), Math.abs(l - pc));
  }
  return out;
}

function maxOf(y: Float64Array, t: number, n: number): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let j = t - n + 1; j <= t; j++) if (y[j]! > m) m = y[j]!;
  return m;
}

function minOf(y: Float64Array, t: number, n: number): number {
  let m = Number.POSITIVE_INFINITY;
  for (let j = t - n + 1; j <= t; j++) if (y[j]! < m) m = y[j]!;
  return m;
}

function hlc3(c: Candles): Float64Array {
  return source(c, 'hlc3');
}

function gainsLosses(x: Float64Array): { g: Float64Array; l: Float64Array } {
  const g = nan(x.length);
  const l = nan(x.length);
  for (let t = 1; t < x.length; t++) {
    const d = x[t]! - x[t - 1]!;
    g[t] = Math.max(d, 0);
    l[t] = d < 0 ? -d : 0;
  }
  return { g, l };
}

function rsiSeries(x: Float64Array, n: number): Float64Array {
  const { g, l } = gainsLosses(x);
  const G = wavgOf(g, n);
  const L = wavgOf(l, n);
  // 100·(G/(G+L)) in TA-Lib's operation order: stochrsi's %K amplifies last-ulp differences of an RSI that
  // is constant up to rounding (flat stretches), so the reference must round like the oracle there.
  return G.map((gv, t) => (Number.isNaN(gv) ? Number.NaN : gv + L[t]! === 0 ? 0 : 100 * (gv / (gv + L[t]!))));
}

function stochSmooth(raw: Float64Array, smoothK: number, d: number): Out {
  const k = smaOf(raw, smoothK);
  // SMA over a NaN-prefixed series: windows that include NaN stay NaN.
  const dd = smaOf(k, d);
  const kOut = nan(raw.length);
  for (let t = 0; t < raw.length; t++) if (!Number.isNaN(dd[t]!)) kOut[t] = k[t]!;
  return { k: kOut, d: dd };
}

function pdm(c: Candles): { plus: Float64Array; minus: Float64Array } {
  const plus = nan(c.length);
  const minus = nan(c.length);
  for (let t = 1; t < c.length; t++) {
    const up = c.high[t]! - c.high[t - 1]!;
    const dn = c.low[t - 1]! - c.low[t]!;
    plus[t] = up > 0 && up > dn ? up : 0;
    minus[t] = dn > 0 && dn > up ? dn : 0;
  }
  return { plus, minus };
}

function atrSeries(c: Candles, n: number): Float64Array {
  return wavgOf(trOf(c), n);
}

function bands(
  x: Float64Array,
  n: number,
  std: number,
): { lower: Float64Array; mid: Float64Array; upper: Float64Array } {
  const len = x.length;
  const lower = nan(len);
  const mid = nan(len);
  const upper = nan(len);
  for (let t = n - 1; t < len; t++) {
    let s = 0;
    for (let j = t - n + 1; j <= t; j++) s += x[j]!;
    const m = s / n;
    let v = 0;
    for (let j = t - n + 1; j <= t; j++) v += (x[j]! - m) ** 2;
    const sd = Math.sqrt(v / n);
    mid[t] = m;
    lower[t] = m - std * sd;
    upper[t] = m + std * sd;
  }
  return { lower, mid, upper };
}

function periodKey(anchor: string, ts: number): number {
  if (anchor === 'D') return Math.floor(ts / 86_400_000);
  if (anchor === 'W') return Math.floor((ts + 259_200_000) / 604_800_000);
  if (anchor === 'M') {
    const d = new Date(ts);
    return d.getUTCFullYear() * 12 + d.getUTCMonth();
  }
  return Math.floor(ts / (Number.parseInt(anchor, 10) * 3_600_000));
}

const num = (p: P, k: string): number => p[k] as number;

/** The naive reference of every catalogue indicator; anchors only for anchored_vwap. */
export function naive(name: string, p: P, c: Candles, anchors?: ArrayLike<number>): Out {
  const N = c.length;
  const x = source(c, (p.source as string | undefined) ?? 'close');
  const n = num(p, 'length');
  switch (name) {
    case 'sma':
      return { value: smaOf(x, n) };
    case 'ema':
      return { value: emaOf(x, n) };
    case 'wma': {
      const out = nan(N);
      for (let t = n - 1; t < N; t++) {
        let s = 0;
        for (let i = 1; i <= n; i++) s += i * x[t - n + i]!;
        out[t] = s / ((n * (n + 1)) / 2);
      }
      return { value: out };
    }
    case 'dema': {
      const e1 = emaOf(x, n);
      const e2 = emaOf(e1, n);
      return { value: e1.map((v, t) => 2 * v - e2[t]!) };
    }
    case 'tema': {
      const e1 = emaOf(x, n);
      const e2 = emaOf(e1, n);
      const e3 = emaOf(e2, n);
      return { value: e1.map((v, t) => 3 * v - 3 * e2[t]! + e3[t]!) };
    }
    case 'trima': {
      const w: number[] = [];
      if (n % 2 === 1) {
        const m = (n + 1) / 2;
        for (let i = 1; i <= n; i++) w.push(i <= m ? i : n + 1 - i);
      } else {
        for (let i = 1; i <= n / 2; i++) w.push(i);
        for (let i = n / 2; i >= 1; i--) w.push(i);
      }
      const total = w.reduce((a, b) => a + b, 0);
      const out = nan(N);
      for (let t = n - 1; t < N; t++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += w[i]! * x[t - n + 1 + i]!;
        out[t] = s / total;
      }
      return { value: out };
    }
    case 'zlma': {
      const lag = Math.floor((n - 1) / 2);
      const u = nan(N);
      for (let t = lag; t < N; t++) u[t] = lag === 0 ? x[t]! : 2 * x[t]! - x[t - lag]!;
      return { value: emaOf(u, n) };
    }
    case 'kama': {
      const out = nan(N);
      const fsc = 2 / 3;
      const ssc = 2 / 31;
      let k = Number.NaN;
      for (let t = n; t < N; t++) {
        const P = x[t]! - x[t - n]!;
        let S = 0;
        for (let j = t - n + 1; j <= t; j++) S += Math.abs(x[j]! - x[j - 1]!);
        let allFlat = true;
        for (let j = t - n + 1; j <= t; j++) if (x[j] !== x[j - 1]) allFlat = false;
        const er = allFlat || S <= P ? 1 : Math.abs(P) / S;
        const sc = (er * (fsc - ssc) + ssc) ** 2;
        k = t === n ? x[n - 1]! + sc * (x[n]! - x[n - 1]!) : k + sc * (x[t]! - k);
        out[t] = k;
      }
      return { value: out };
    }
    case 'alma': {
      let m = num(p, 'offset') * (n - 1);
      if (p.floor === true) m = Math.floor(m);
      const s = n / num(p, 'sigma');
      const out = nan(N);
      for (let t = n - 1; t < N; t++) {
        let a = 0;
        let b = 0;
        for (let i = 0; i < n; i++) {
          const w = Math.exp(-((i - m) ** 2) / (2 * s * s));
          a += w * x[t - n + 1 + i]!;
          b += w;
        }
        out[t] = a / b;
      }
      return { value: out };
    }
    case 'rsi':
      return { value: rsiSeries(x, n) };
    case 'cmo': {
      const { g, l } = gainsLosses(x);
      const G = wavgOf(g, n);
      const L = wavgOf(l, n);
      return { value: G.map((gv, t) => (gv + L[t]! === 0 ? 0 : (100 * (gv - L[t]!)) / (gv + L[t]!))) };
    }
    case 'atr':
      return { value: atrSeries(c, n) };
    case 'natr': {
      const a = atrSeries(c, n);
      return {
        value: a.map((v, t) => (Number.isNaN(v) ? v : c.close[t] === 0 ? 0 : (100 * v) / c.close[t]!)),
      };
    }
    case 'cci': {
      const tp = hlc3(c);
      const out = nan(N);
      for (let t = n - 1; t < N; t++) {
        let equal = true;
        for (let j = t - n + 1; j <= t; j++) if (tp[j] !== tp[t]) equal = false;
        let s = 0;
        for (let j = t - n + 1; j <= t; j++) s += tp[j]!;
        const m = s / n;
        let md = 0;
        for (let j = t - n + 1; j <= t; j++) md += Math.abs(tp[j]! - m);
        md /= n;
        out[t] = equal || tp[t] === m ? 0 : (tp[t]! - m) / (0.015 * md);
      }
      return { value: out };
    }
    case 'willr': {
      const out = nan(N);
      for (let t = n - 1; t < N; t++) {
        const hh = maxOf(c.high, t, n);
        const ll = minOf(c.low, t, n);
        out[t] = hh === ll ? 0 : (-100 * (hh - c.close[t]!)) / (hh - ll);
      }
      return { value: out };
    }
    case 'roc': {
      const out = nan(N);
      for (let t = n; t < N; t++) out[t] = x[t - n] === 0 ? 0 : 100 * (x[t]! / x[t - n]! - 1);
      return { value: out };
    }
    case 'mom': {
      const out = nan(N);
      for (let t = n; t < N; t++) out[t] = x[t]! - x[t - n]!;
      return { value: out };
    }
    case 'mfi': {
      const tp = hlc3(c);
      const out = nan(N);
      for (let t = n; t < N; t++) {
        let P = 0;
        let Nn = 0;
        for (let j = t - n + 1; j <= t; j++) {
          if (tp[j]! > tp[j - 1]!) P += tp[j]! * c.volume[j]!;
          else if (tp[j]! < tp[j - 1]!) Nn += tp[j]! * c.volume[j]!;
        }
        out[t] = P + Nn === 0 ? 0 : (100 * P) / (P + Nn);
      }
      return { value: out };
    }
    case 'obv': {
      const out = nan(N);
      let o = 0;
      for (let t = 0; t < N; t++) {
        if (t === 0) o = c.volume[0]!;
        else if (x[t]! > x[t - 1]!) o += c.volume[t]!;
        else if (x[t]! < x[t - 1]!) o -= c.volume[t]!;
        out[t] = o;
      }
      return { value: out };
    }
    case 'cmf': {
      const out = nan(N);
      for (let t = n - 1; t < N; t++) {
        let fv = 0;
        let vv = 0;
        for (let j = t - n + 1; j <= t; j++) {
          const h = c.high[j]!;
          const l = c.low[j]!;
          const mfm = h === l ? 0 : (c.close[j]! - l - (h - c.close[j]!)) / (h - l);
          fv += mfm * c.volume[j]!;
          vv += c.volume[j]!;
        }
        out[t] = allZero(c.volume, t, n) ? 0 : fv / vv;
      }
      return { value: out };
    }
    case 'linreg': {
      const out = nan(N);
      const mx = (n - 1) / 2;
      for (let t = n - 1; t < N; t++) {
        let sy = 0;
        for (let i = 0; i < n; i++) sy += x[t - n + 1 + i]!;
        const my = sy / n;
        let sxy = 0;
        let sxx = 0;
        for (let i = 0; i < n; i++) {
          sxy += (i - mx) * (x[t - n + 1 + i]! - my);
          sxx += (i - mx) ** 2;
        }
        out[t] = my + (sxy / sxx) * (n - 1 - mx);
      }
      return { value: out };
    }
    case 'midprice': {
      const out = nan(N);
      for (let t = n - 1; t < N; t++) out[t] = (maxOf(c.high, t, n) + minOf(c.low, t, n)) / 2;
      return { value: out };
    }
    case 'ohlc4':
      return { value: source(c, 'ohlc4') };
    case 'uo': {
      const lens = [num(p, 'fast'), num(p, 'medium'), num(p, 'slow')];
      const tr = trOf(c);
      const bp = nan(N);
      for (let t = 1; t < N; t++) bp[t] = c.close[t]! - Math.min(c.low[t]!, c.close[t - 1]!);
      const out = nan(N);
      for (let t = lens[2]!; t < N; t++) {
        let acc = 0;
        [4, 2, 1].forEach((w, i) => {
          const L = lens[i]!;
          if (!allZero(tr, t, L)) acc += (w * windowSum(bp, t, L)) / windowSum(tr, t, L);
        });
        out[t] = (100 * acc) / 7;
      }
      return { value: out };
    }
    case 'vwap': {
      const tp = hlc3(c);
      const out = nan(N);
      for (let t = 0; t < N; t++) {
        const key = periodKey(p.anchor as string, c.ts[t]!);
        let s = t;
        while (s > 0 && periodKey(p.anchor as string, c.ts[s - 1]!) === key) s--;
        let pv = 0;
        let vv = 0;
        for (let j = s; j <= t; j++) {
          pv += tp[j]! * c.volume[j]!;
          vv += c.volume[j]!;
        }
        out[t] = vv === 0 ? Number.NaN : pv / vv;
      }
      return { value: out };
    }
    case 'macd': {
      const fast = num(p, 'fast');
      const slow = num(p, 'slow');
      const sig = num(p, 'signal');
      const es = emaOf(x, slow);
      // TA-Lib alignment: the fast EMA runs on x from slow−fast so that it is seeded on bar slow−1.
      const shifted = nan(N);
      for (let t = slow - fast; t < N; t++) shifted[t] = x[t]!;
      const ef = emaOf(shifted, fast);
      const line = ef.map((v, t) => v - es[t]!);
      const signal = emaOf(line, sig);
      const out: Out = { macd: nan(N), signal: nan(N), histogram: nan(N) };
      for (let t = slow + sig - 2; t < N; t++) {
        out.macd![t] = line[t]!;
        out.signal![t] = signal[t]!;
        out.histogram![t] = line[t]! - signal[t]!;
      }
      return out;
    }
    case 'bbands': {
      const std = num(p, 'std');
      const { lower, mid, upper } = bands(x, n, std);
      const bw = mid.map((m, t) =>
        Number.isNaN(m) ? m : m === 0 ? Number.NaN : (100 * (upper[t]! - lower[t]!)) / m,
      );
      const pb = mid.map((m, t) =>
        Number.isNaN(m) ? m : upper[t] === lower[t] ? 0.5 : (x[t]! - lower[t]!) / (upper[t]! - lower[t]!),
      );
      return { lower, middle: mid, upper, bandwidth: bw, percent_b: pb };
    }
    case 'stoch': {
      const k = num(p, 'k');
      const raw = nan(N);
      for (let t = k - 1; t < N; t++) {
        const hh = maxOf(c.high, t, k);
        const ll = minOf(c.low, t, k);
        raw[t] = hh === ll ? 0 : (100 * (c.close[t]! - ll)) / (hh - ll);
      }
      return stochSmooth(raw, num(p, 'smooth_k'), num(p, 'd'));
    }
    case 'stochrsi': {
      const r = rsiSeries(x, num(p, 'rsi_length'));
      const L = num(p, 'length');
      const raw = nan(N);
      for (let t = num(p, 'rsi_length') + L - 1; t < N; t++) {
        const hi = maxOf(r, t, L);
        const lo = minOf(r, t, L);
        raw[t] = hi === lo ? 0 : (100 * (r[t]! - lo)) / (hi - lo);
      }
      return stochSmooth(raw, num(p, 'k'), num(p, 'd'));
    }
    case 'adx': {
      const { plus, minus } = pdm(c);
      const sp = wsumOf(plus, n);
      const sm = wsumOf(minus, n);
      const st = wsumOf(trOf(c), n);
      const dmp = nan(N);
      const dmn = nan(N);
      const dx = nan(N);
      for (let t = n; t < N; t++) {
        dmp[t] = st[t] === 0 ? 0 : (100 * sp[t]!) / st[t]!;
        dmn[t] = st[t] === 0 ? 0 : (100 * sm[t]!) / st[t]!;
        const s = dmp[t]! + dmn[t]!;
        dx[t] = st[t] === 0 || s === 0 ? Number.NaN : (100 * Math.abs(dmp[t]! - dmn[t]!)) / s;
      }
      const adx = nan(N);
      if (2 * n - 1 < N) {
        let a = 0;
        for (let t = n; t <= 2 * n - 1; t++) a += Number.isNaN(dx[t]!) ? 0 : dx[t]!;
        a /= n;
        adx[2 * n - 1] = a;
        for (let t = 2 * n; t < N; t++) {
          if (!Number.isNaN(dx[t]!)) a = (a * (n - 1) + dx[t]!) / n;
          adx[t] = a;
        }
      }
      const adxr = nan(N);
      for (let t = 3 * n - 2; t < N; t++) adxr[t] = (adx[t]! + adx[t - (n - 1)]!) / 2;
      return { adx, dmp, dmn, adxr };
    }
    case 'aroon': {
      const up = nan(N);
      const down = nan(N);
      const osc = nan(N);
      for (let t = n; t < N; t++) {
        let iH = t - n;
        let iL = t - n;
        for (let j = t - n; j <= t; j++) {
          if (c.high[j]! >= c.high[iH]!) iH = j;
          if (c.low[j]! <= c.low[iL]!) iL = j;
        }
        up[t] = (100 * (n - (t - iH))) / n;
        down[t] = (100 * (n - (t - iL))) / n;
        osc[t] = up[t]! - down[t]!;
      }
      return { up, down, osc };
    }
    case 'kc': {
      const basis = emaOf(c.close, n);
      const range = emaOf(trOf(c), n);
      const s = num(p, 'scalar');
      return {
        lower: range.map((r, t) => basis[t]! - s * r),
        basis,
        upper: range.map((r, t) => basis[t]! + s * r),
      };
    }
    case 'donchian': {
      const ul = num(p, 'upper_length');
      const ll = num(p, 'lower_length');
      const upper = nan(N);
      const lower = nan(N);
      const middle = nan(N);
      for (let t = 0; t < N; t++) {
        if (t >= ul - 1) upper[t] = maxOf(c.high, t, ul);
        if (t >= ll - 1) lower[t] = minOf(c.low, t, ll);
        if (t >= Math.max(ul, ll) - 1) middle[t] = (upper[t]! + lower[t]!) / 2;
      }
      return { lower, middle, upper };
    }
    case 'supertrend': {
      const a = atrSeries(c, n);
      const m = num(p, 'multiplier');
      const out: Out = { trend: nan(N), direction: nan(N), long: nan(N), short: nan(N) };
      let fu = 0;
      let fl = 0;
      let trend = 0;
      for (let t = n; t < N; t++) {
        const hl2 = (c.high[t]! + c.low[t]!) / 2;
        const bu = hl2 + m * a[t]!;
        const bl = hl2 - m * a[t]!;
        let dir: number;
        if (t === n) {
          fu = bu;
          fl = bl;
          dir = -1;
        } else {
          const prevFu = fu;
          const prevFl = fl;
          const pc = c.close[t - 1]!;
          fl = bl > prevFl || pc < prevFl ? bl : prevFl;
          fu = bu < prevFu || pc > prevFu ? bu : prevFu;
          if (trend === prevFu) dir = c.close[t]! > fu ? 1 : -1;
          else dir = c.close[t]! < fl ? -1 : 1;
        }
        trend = dir === 1 ? fl : fu;
        out.trend![t] = trend;
        out.direction![t] = dir;
        if (dir === 1) out.long![t] = trend;
        else out.short![t] = trend;
      }
      return out;
    }
    case 'psar': {
      const af0 = num(p, 'af0');
      const maxAf = num(p, 'max_af');
      const out: Out = { long: nan(N), short: nan(N), af: nan(N), reversal: nan(N) };
      if (N < 2) return out;
      const dn1 = c.low[0]! - c.low[1]!;
      const up1 = c.high[1]! - c.high[0]!;
      let long = !(dn1 > 0 && dn1 > up1);
      let ep = long ? c.high[1]! : c.low[1]!;
      let sar = long ? c.low[0]! : c.high[0]!;
      let af = af0;
      let pH = c.high[1]!;
      let pL = c.low[1]!;
      for (let t = 1; t < N; t++) {
        const H = c.high[t]!;
        const L = c.low[t]!;
        let value: number;
        let rev = 0;
        if (long && L <= sar) {
          rev = 1;
          long = false;
          value = Math.max(ep, pH, H);
          af = af0;
          ep = L;
          sar = Math.max(value + af * (ep - value), pH, H);
        } else if (long) {
          value = sar;
          if (H > ep) {
            ep = H;
            af = Math.min(af + af0, maxAf);
          }
          sar = Math.min(sar + af * (ep - sar), pL, L);
        } else if (H >= sar) {
          rev = 1;
          long = true;
          value = Math.min(ep, pL, L);
          af = af0;
          ep = H;
          sar = Math.min(value + af * (ep - value), pL, L);
        } else {
          value = sar;
          if (L < ep) {
            ep = L;
            af = Math.min(af + af0, maxAf);
          }
          sar = Math.max(sar + af * (ep - sar), pH, H);
        }
        pH = H;
        pL = L;
        if (long) out.long![t] = value;
        else out.short![t] = value;
        out.af![t] = af;
        out.reversal![t] = rev;
      }
      return out;
    }
    case 'squeeze': {
      const bl = num(p, 'bb_length');
      const kl = num(p, 'kc_length');
      const bb = bands(c.close, bl, num(p, 'bb_std'));
      const kcMid = smaOf(c.close, kl);
      const kcRange = smaOf(trOf(c), kl);
      const mom = nan(N);
      for (let t = 12; t < N; t++) mom[t] = c.close[t]! - c.close[t - 12]!;
      // _margin: distance of the band comparisons from a tie; flags are only comparable away from ties.
      const out: Out = { sqz: smaOf(mom, 6), on: nan(N), off: nan(N), no_sqz: nan(N), _margin: nan(N) };
      for (let t = Math.max(bl - 1, kl); t < N; t++) {
        const kcL = kcMid[t]! - num(p, 'kc_scalar') * kcRange[t]!;
        const kcU = kcMid[t]! + num(p, 'kc_scalar') * kcRange[t]!;
        const on = bb.lower[t]! > kcL && bb.upper[t]! < kcU ? 1 : 0;
        const off = bb.lower[t]! < kcL && bb.upper[t]! > kcU ? 1 : 0;
        out.on![t] = on;
        out.off![t] = off;
        out.no_sqz![t] = on === 0 && off === 0 ? 1 : 0;
        out._margin![t] =
          Math.min(Math.abs(bb.lower[t]! - kcL), Math.abs(bb.upper[t]! - kcU)) / Math.max(1, Math.abs(kcU));
      }
      return out;
    }
    case 'vortex': {
      const tr = trOf(c);
      const vip = nan(N);
      const vim = nan(N);
      for (let t = n; t < N; t++) {
        let sp = 0;
        let sm = 0;
        for (let j = t - n + 1; j <= t; j++) {
          sp += Math.abs(c.high[j]! - c.low[j - 1]!);
          sm += Math.abs(c.low[j]! - c.high[j - 1]!);
        }
        const zero = allZero(tr, t, n);
        vip[t] = zero ? 0 : sp / windowSum(tr, t, n);
        vim[t] = zero ? 0 : sm / windowSum(tr, t, n);
      }
      return { vip, vim };
    }
    case 'dm': {
      const { plus, minus } = pdm(c);
      return { dmp: wsumOf(plus, n), dmn: wsumOf(minus, n) };
    }
    case 'fisher': {
      const hl2 = source(c, 'hl2');
      const fisher = nan(N);
      const signal = nan(N);
      let v = 0;
      let f = 0;
      for (let t = n - 1; t < N; t++) {
        const hi = maxOf(hl2, t, n);
        const lo = minOf(hl2, t, n);
        const pos = hi === lo ? 0 : (hl2[t]! - lo) / (hi - lo) - 0.5;
        v = 0.66 * pos + 0.67 * v;
        v = v > 0.99 ? 0.999 : v < -0.99 ? -0.999 : v;
        const prev = f;
        f = 0.5 * Math.log((1 + v) / (1 - v)) + 0.5 * prev;
        fisher[t] = f;
        if (t >= n) signal[t] = prev;
      }
      return { fisher, signal };
    }
    case 'tsi': {
      const pc = nan(N);
      const apc = nan(N);
      for (let t = 1; t < N; t++) {
        pc[t] = x[t]! - x[t - 1]!;
        apc[t] = Math.abs(pc[t]!);
      }
      const num2 = emaOf(emaOf(pc, num(p, 'slow')), num(p, 'fast'));
      const den = emaOf(emaOf(apc, num(p, 'slow')), num(p, 'fast'));
      const tsi = num2.map((v, t) => (Number.isNaN(v) ? v : den[t] === 0 ? 0 : (100 * v) / den[t]!));
      return { tsi, signal: emaOf(tsi, num(p, 'signal')) };
    }
    case 'kvo': {
      const tp = hlc3(c);
      const sv = nan(N);
      for (let t = 1; t < N; t++) sv[t] = tp[t]! >= tp[t - 1]! ? c.volume[t]! : -c.volume[t]!;
      const f = emaOf(sv, num(p, 'fast'));
      const s = emaOf(sv, num(p, 'slow'));
      const kvo = s.map((sv2, t) => f[t]! - sv2);
      return { kvo, signal: emaOf(kvo, num(p, 'signal')) };
    }
    case 'ppo': {
      const f = smaOf(x, num(p, 'fast'));
      const s = smaOf(x, num(p, 'slow'));
      const ppo = s.map((sv, t) => (Number.isNaN(sv) ? sv : sv === 0 ? 0 : (100 * (f[t]! - sv)) / sv));
      const signal = emaOf(ppo, num(p, 'signal'));
      return { ppo, signal, histogram: ppo.map((v, t) => v - signal[t]!) };
    }
    case 'trix': {
      const e3 = emaOf(emaOf(emaOf(x, n), n), n);
      const trix = nan(N);
      for (let t = 1; t < N; t++) {
        if (Number.isNaN(e3[t - 1]!)) continue;
        trix[t] = e3[t - 1] === 0 ? 0 : 100 * (e3[t]! / e3[t - 1]! - 1);
      }
      return { trix, signal: smaOf(trix, num(p, 'signal')) };
    }
    case 'anchored_vwap': {
      const tp = hlc3(c);
      const value = nan(N);
      const bars = nan(N);
      let start = 0;
      for (let t = 0; t < N; t++) {
        if (anchors?.[t]) start = t;
        let pv = 0;
        let vv = 0;
        for (let j = start; j <= t; j++) {
          pv += tp[j]! * c.volume[j]!;
          vv += c.volume[j]!;
        }
        value[t] = vv === 0 ? Number.NaN : pv / vv;
        bars[t] = t - start + 1;
      }
      return { value, bars_since_anchor: bars };
    }
    default:
      throw new Error(`no naive reference for ${name}`);
  }
}
