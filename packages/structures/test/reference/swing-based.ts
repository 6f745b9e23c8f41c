import { atrAt, DIR, pushRow, type RefBars, type RefRows } from './common';

/** Reads field `f` of a reference series at bar `n` as a number. */
const num = (rows: RefRows, f: string, n: number) => rows[f]![n] as number;

/** The pivots a dependant sees as "changed" on bar n (idx ≥ 0 and different from bar n − 1), §1.2. */
function changedPivots(swing: RefRows, n: number): { type: 'high' | 'low'; level: number; idx: number }[] {
  const out: { type: 'high' | 'low'; level: number; idx: number }[] = [];
  for (const type of ['high', 'low'] as const) {
    const idx = num(swing, `${type}_idx`, n);
    const before = n === 0 ? -1 : num(swing, `${type}_idx`, n - 1);
    if (idx >= 0 && idx !== before) out.push({ type, level: num(swing, `${type}_level`, n), idx });
  }
  // idx order; on equal idx the high first (already in that order).
  return out.sort((a, b) => a.idx - b.idx);
}

interface Wave {
  bullish: boolean;
  hh: boolean;
  lh: boolean;
  hl: boolean;
  ll: boolean;
}

function classifyPair(a: Wave, b: Wave): number {
  const bull = a.bullish ? a : b;
  const bear = a.bullish ? b : a;
  const { hh, lh } = bull;
  const { hl, ll } = bear;
  if (hh && hl) return 1;
  if (lh && ll) return -1;
  if (hh && !ll) return 1;
  if (lh && !hl) return -1;
  if (hl && !lh) return 1;
  if (ll && !hh) return -1;
  return 0;
}

export function refTrend(bars: RefBars, swing: RefRows, waveHistory = 4): RefRows {
  const rows: RefRows = {};
  let waves: Wave[] = [];
  let pending: { type: 'high' | 'low'; level: number } | undefined;
  const out = {
    direction: 0,
    strength: 0,
    bars_in_trend: 0,
    wave_count: 0,
    last_wave_direction: 0,
    last_hh: 0,
    last_hl: 0,
    last_lh: 0,
    last_ll: 0,
    version: 0,
  };
  let changeBar = 0;
  for (let n = 0; n < bars.h.length; n++) {
    for (const pivot of changedPivots(swing, n)) {
      if (pending === undefined) {
        pending = pivot;
        continue;
      }
      if (pivot.type === pending.type) {
        if (pivot.type === 'high' ? pivot.level >= pending.level : pivot.level <= pending.level)
          pending = pivot;
        continue;
      }
      const ref = n === 0 ? Number.NaN : num(swing, `${pivot.type}_level`, n - 1);
      const wave: Wave = { bullish: pivot.type === 'high', hh: false, lh: false, hl: false, ll: false };
      if (pivot.type === 'high') {
        wave.hh = pivot.level > ref;
        wave.lh = pivot.level < ref;
        out.last_hh = wave.hh ? 1 : 0;
        out.last_lh = wave.lh ? 1 : 0;
      } else {
        wave.hl = pivot.level > ref;
        wave.ll = pivot.level < ref;
        out.last_hl = wave.hl ? 1 : 0;
        out.last_ll = wave.ll ? 1 : 0;
      }
      waves = [...waves, wave].slice(-waveHistory);
      out.last_wave_direction = wave.bullish ? DIR.bullish : DIR.bearish;
      let direction = 0;
      let strength = 0;
      let count = 0;
      if (waves.length === 1) {
        direction = wave.bullish ? 1 : -1;
        count = 1;
      } else {
        direction = classifyPair(waves[waves.length - 1]!, waves[waves.length - 2]!);
        if (direction !== 0) {
          count = 1;
          for (let i = waves.length - 3; i >= 0; i -= 2) {
            if (classifyPair(waves[i + 1]!, waves[i]!) !== direction) break;
            count++;
          }
          strength = count >= 2 ? 2 : 1;
        }
      }
      if (direction !== out.direction) {
        out.version++;
        changeBar = n;
      }
      out.direction = direction;
      out.strength = strength;
      out.wave_count = count;
      pending = pivot;
    }
    out.bars_in_trend = n - changeBar;
    pushRow(rows, out);
  }
  return rows;
}

export function refMarketStructure(bars: RefBars, swing: RefRows, confirmationClose = false): RefRows {
  const rows: RefRows = {};
  const out = {
    bias: 0,
    bos_this_bar: 0,
    choch_this_bar: 0,
    bos_direction: 0,
    choch_direction: 0,
    last_bos_idx: -1,
    last_choch_idx: -1,
    last_bos_level: Number.NaN,
    last_choch_level: Number.NaN,
    break_level_high: Number.NaN,
    break_level_low: Number.NaN,
    version: 0,
  };
  for (let n = 0; n < bars.h.length; n++) {
    out.bos_this_bar = 0;
    out.choch_this_bar = 0;
    for (const pivot of changedPivots(swing, n)) {
      if (pivot.type === 'high') out.break_level_high = pivot.level;
      else out.break_level_low = pivot.level;
    }
    const h = confirmationClose ? bars.c[n]! : bars.h[n]!;
    const l = confirmationClose ? bars.c[n]! : bars.l[n]!;
    const upBreak = h > out.break_level_high;
    const downBreak = l < out.break_level_low;
    let event: { kind: 'bos' | 'choch'; dir: 1 | -1 } | undefined;
    if (out.bias === 1)
      event = downBreak ? { kind: 'choch', dir: -1 } : upBreak ? { kind: 'bos', dir: 1 } : undefined;
    else if (out.bias === -1)
      event = upBreak ? { kind: 'choch', dir: 1 } : downBreak ? { kind: 'bos', dir: -1 } : undefined;
    else event = upBreak ? { kind: 'bos', dir: 1 } : downBreak ? { kind: 'bos', dir: -1 } : undefined;
    if (event !== undefined) {
      const level = event.dir === 1 ? out.break_level_high : out.break_level_low;
      out[`${event.kind}_this_bar`] = 1;
      out[`${event.kind}_direction`] = event.dir === 1 ? DIR.bullish : DIR.bearish;
      out[`last_${event.kind}_idx`] = n;
      out[`last_${event.kind}_level`] = level;
      out.bias = event.dir;
      out.version++;
      if (event.dir === 1) out.break_level_high = Number.NaN;
      else out.break_level_low = Number.NaN;
    }
    pushRow(rows, out);
  }
  return rows;
}

export function refZone(
  bars: RefBars,
  swing: RefRows,
  zoneType: 'demand' | 'supply',
  widthAtr: number,
): RefRows {
  const rows: RefRows = {};
  const out = { state: 0, lower: Number.NaN, upper: Number.NaN, anchor_idx: -1, version: 0 };
  const side = zoneType === 'demand' ? 'low' : 'high';
  for (let n = 0; n < bars.h.length; n++) {
    const pivot = changedPivots(swing, n).find((p) => p.type === side);
    const atr = atrAt(bars, n);
    if (pivot !== undefined && !Number.isNaN(atr)) {
      const w = atr * widthAtr;
      out.lower = side === 'low' ? pivot.level - w : pivot.level;
      out.upper = side === 'low' ? pivot.level : pivot.level + w;
      out.state = 1;
      out.anchor_idx = pivot.idx;
      out.version++;
    }
    if (out.state === 1 && (side === 'low' ? bars.c[n]! < out.lower : bars.c[n]! > out.upper)) {
      out.state = 2;
      out.version++;
    }
    pushRow(rows, out);
  }
  return rows;
}

export interface RefFibParams {
  levels: number[];
  mode?: 'retracement' | 'extension' | 'extension_up' | 'extension_down';
  use_paired_anchor?: boolean;
  use_trend_anchor?: boolean;
}

export function refFibonacci(bars: RefBars, swing: RefRows, params: RefFibParams, trend?: RefRows): RefRows {
  const mode = params.mode ?? 'retracement';
  const paired = params.use_paired_anchor ?? true;
  const byTrend = params.use_trend_anchor ?? false;
  const rows: RefRows = {};
  const out: Record<string, number | string> = {
    anchor_high: Number.NaN,
    anchor_low: Number.NaN,
    range: Number.NaN,
    anchor_direction: 0,
    anchor_trend_direction: 0,
    anchor_hash: '',
  };
  for (const r of params.levels) out[`level_${r}`] = Number.NaN;
  const set = (hi: number, lo: number, dir: number, trendDir: number, hash: string) => {
    if (Number.isNaN(hi) || Number.isNaN(lo)) return;
    const range = hi - lo;
    Object.assign(out, {
      anchor_high: hi,
      anchor_low: lo,
      range,
      anchor_direction: dir,
      anchor_trend_direction: trendDir,
      anchor_hash: hash,
    });
    for (const r of params.levels) {
      let price = Number.NaN;
      if (mode === 'retracement') price = hi - r * range;
      else if (mode === 'extension_up') price = hi + r * range;
      else if (mode === 'extension_down') price = lo - r * range;
      else if (dir === DIR.bullish) price = hi + r * range;
      else if (dir === DIR.bearish) price = lo - r * range;
      out[`level_${r}`] = price;
    }
  };
  for (let n = 0; n < bars.h.length; n++) {
    const changed = (rowsOf: RefRows, f: string, initial: number) =>
      num(rowsOf, f, n) !== (n === 0 ? initial : num(rowsOf, f, n - 1));
    if (byTrend) {
      if (changed(trend!, 'version', 0) || changed(swing, 'pair_version', 0)) {
        const d = num(trend!, 'direction', n);
        if (d !== 0) {
          set(
            num(swing, 'pair_high_level', n),
            num(swing, 'pair_low_level', n),
            d === 1 ? DIR.bullish : DIR.bearish,
            d,
            '',
          );
        }
      }
    } else if (paired) {
      if (changed(swing, 'pair_version', 0)) {
        set(
          num(swing, 'pair_high_level', n),
          num(swing, 'pair_low_level', n),
          num(swing, 'pair_direction', n),
          0,
          swing.pair_anchor_hash![n] as string,
        );
      }
    } else if (changed(swing, 'high_idx', -1) || changed(swing, 'low_idx', -1)) {
      set(num(swing, 'high_level', n), num(swing, 'low_level', n), DIR.none, 0, '');
    }
    pushRow(rows, out);
  }
  return rows;
}

export function refPremiumDiscount(bars: RefBars, swing: RefRows): RefRows {
  const rows: RefRows = {};
  let zone = 0;
  let version = 0;
  for (let n = 0; n < bars.h.length; n++) {
    if (num(swing, 'pair_version', n) === 0) {
      pushRow(rows, {
        range_high: Number.NaN,
        range_low: Number.NaN,
        equilibrium: Number.NaN,
        premium_level: Number.NaN,
        discount_level: Number.NaN,
        zone: 0,
        depth_pct: Number.NaN,
        version: 0,
      });
      continue;
    }
    const hi = num(swing, 'pair_high_level', n);
    const lo = num(swing, 'pair_low_level', n);
    const range = hi - lo;
    const premium = lo + 0.75 * range;
    const discount = lo + 0.25 * range;
    const c = bars.c[n]!;
    const newZone = range <= 0 ? 3 : c >= premium ? 1 : c <= discount ? 2 : 3;
    if (newZone !== zone) version++;
    zone = newZone;
    pushRow(rows, {
      range_high: hi,
      range_low: lo,
      equilibrium: lo + 0.5 * range,
      premium_level: premium,
      discount_level: discount,
      zone,
      depth_pct: range <= 0 ? Number.NaN : Math.min(1, Math.max(0, (c - lo) / range)),
      version,
    });
  }
  return rows;
}

export function refRollingWindow(
  bars: RefBars,
  size: number,
  source: 'o' | 'h' | 'l' | 'c' | 'v',
  mode: 'min' | 'max',
): RefRows {
  const rows: RefRows = {};
  const x = bars[source];
  for (let n = 0; n < x.length; n++) {
    const window = x.slice(Math.max(0, n - size + 1), n + 1);
    pushRow(rows, { value: mode === 'min' ? Math.min(...window) : Math.max(...window) });
  }
  return rows;
}
