import { atrAt, derivedZoneInstanceId, dirLabel, pushRow, type RefBars, type RefRows } from './common';

/** Reads a numeric column of a reference's rows. */
function num(rows: RefRows, field: string, i: number): number {
  return rows[field]![i] as number;
}

function text(rows: RefRows, field: string, i: number): string {
  return rows[field]![i] as string;
}

/** Value of `field` of the dependency at the end of bar i − 1 (initial remembered value before bar 0). */
function before(rows: RefRows, field: string, i: number, initial: number): number {
  return i === 0 ? initial : num(rows, field, i - 1);
}

// ------------------------------------------------------------------------------------------------- trend §2.2

interface Wave {
  readonly dir: 1 | -1;
  /** End at a high: hh / lh; end at a low: hl / ll. */
  readonly up: boolean;
  readonly down: boolean;
}

/** Target of the pair (a, b) of consecutive waves (§2.2 step 3). */
function classifyPair(a: Wave, b: Wave): number {
  const bull = a.dir === 1 ? a : b;
  const bear = a.dir === 1 ? b : a;
  const hh = bull.up;
  const lh = bull.down;
  const hl = bear.up;
  const ll = bear.down;
  if (hh && hl) return 1;
  if (lh && ll) return -1;
  if (hh && !ll) return 1;
  if (lh && !hl) return -1;
  if (hl && !lh) return 1;
  if (ll && !hh) return -1;
  return 0;
}

export function refTrend(bars: RefBars, swing: RefRows, params: { wave_history_size?: number }): RefRows {
  const size = params.wave_history_size ?? 4;
  const rows: RefRows = {};
  const waves: Wave[] = [];
  let pending: { type: 'high' | 'low'; level: number } | undefined;
  let direction = 0;
  let strength = 0;
  let waveCount = 0;
  let lastWaveDirection = 'none';
  const last = { hh: false, lh: false, hl: false, ll: false };
  let version = 0;
  let changedAt = 0;
  for (let n = 0; n < bars.c.length; n++) {
    const changed: { type: 'high' | 'low'; level: number; idx: number }[] = [];
    for (const type of ['high', 'low'] as const) {
      const idx = num(swing, `${type}_idx`, n);
      if (idx >= 0 && idx !== before(swing, `${type}_idx`, n, -1))
        changed.push({ type, level: num(swing, `${type}_level`, n), idx });
    }
    // idx order; on equal idx the high first (the array is already high, low).
    changed.sort((a, b) => a.idx - b.idx);
    for (const p of changed) {
      if (pending === undefined) {
        pending = p;
        continue;
      }
      if (pending.type === p.type) {
        if (p.type === 'high' ? p.level >= pending.level : p.level <= pending.level) pending = p;
        continue;
      }
      const prevLevel = before(swing, `${p.type}_level`, n, Number.NaN);
      const up = !Number.isNaN(prevLevel) && p.level > prevLevel;
      const down = !Number.isNaN(prevLevel) && p.level < prevLevel;
      waves.push({ dir: p.type === 'high' ? 1 : -1, up, down });
      while (waves.length > size) waves.shift();
      lastWaveDirection = p.type === 'high' ? 'bullish' : 'bearish';
      if (p.type === 'high') {
        last.hh = up;
        last.lh = down;
      } else {
        last.hl = up;
        last.ll = down;
      }
      let next = 0;
      if (waves.length === 1) {
        next = waves[0]!.dir;
        strength = 0;
        waveCount = 1;
      } else {
        const len = waves.length;
        const target = classifyPair(waves[len - 1]!, waves[len - 2]!);
        if (target === 0) {
          strength = 0;
          waveCount = 0;
        } else {
          let count = 1;
          for (let i = len - 3; i >= 0; i -= 2) {
            if (classifyPair(waves[i + 1]!, waves[i]!) !== target) break;
            count++;
          }
          strength = count >= 2 ? 2 : 1;
          waveCount = count;
        }
        next = target;
      }
      if (next !== direction) {
        version++;
        changedAt = n;
      }
      direction = next;
      pending = p;
    }
    pushRow(rows, {
      direction,
      strength,
      bars_in_trend: n - changedAt,
      wave_count: waveCount,
      last_wave_direction: lastWaveDirection,
      last_hh: last.hh,
      last_lh: last.lh,
      last_hl: last.hl,
      last_ll: last.ll,
      version,
    });
  }
  return rows;
}

// -------------------------------------------------------------------------------------- market_structure §2.3

export function refMarketStructure(
  bars: RefBars,
  swing: RefRows,
  params: { confirmation_close?: boolean },
): RefRows {
  const rows: RefRows = {};
  let bias = 0;
  let breakHigh = Number.NaN;
  let breakLow = Number.NaN;
  const bos = { dir: 'none', idx: -1, level: Number.NaN };
  const choch = { dir: 'none', idx: -1, level: Number.NaN };
  let version = 0;
  for (let n = 0; n < bars.c.length; n++) {
    if (num(swing, 'high_idx', n) !== before(swing, 'high_idx', n, -1))
      breakHigh = num(swing, 'high_level', n);
    if (num(swing, 'low_idx', n) !== before(swing, 'low_idx', n, -1)) breakLow = num(swing, 'low_level', n);
    const h = params.confirmation_close === true ? bars.c[n]! : bars.h[n]!;
    const l = params.confirmation_close === true ? bars.c[n]! : bars.l[n]!;
    let event: { kind: 'bos' | 'choch'; dir: number; side: 'high' | 'low' } | undefined;
    if (bias === 1) {
      if (l < breakLow) event = { kind: 'choch', dir: -1, side: 'low' };
      else if (h > breakHigh) event = { kind: 'bos', dir: 1, side: 'high' };
    } else if (bias === -1) {
      if (h > breakHigh) event = { kind: 'choch', dir: 1, side: 'high' };
      else if (l < breakLow) event = { kind: 'bos', dir: -1, side: 'low' };
    } else if (h > breakHigh) event = { kind: 'bos', dir: 1, side: 'high' };
    else if (l < breakLow) event = { kind: 'bos', dir: -1, side: 'low' };
    if (event !== undefined) {
      const target = event.kind === 'bos' ? bos : choch;
      target.dir = dirLabel(event.dir);
      target.idx = n;
      target.level = event.side === 'high' ? breakHigh : breakLow;
      if (event.side === 'high') breakHigh = Number.NaN;
      else breakLow = Number.NaN;
      bias = event.dir;
      version++;
    }
    pushRow(rows, {
      bias,
      bos_this_bar: event?.kind === 'bos',
      choch_this_bar: event?.kind === 'choch',
      bos_direction: bos.dir,
      choch_direction: choch.dir,
      last_bos_idx: bos.idx,
      last_choch_idx: choch.idx,
      last_bos_level: bos.level,
      last_choch_level: choch.level,
      break_level_high: breakHigh,
      break_level_low: breakLow,
      version,
    });
  }
  return rows;
}

// -------------------------------------------------------------------------------------------------- zone §2.4

export function refZone(
  bars: RefBars,
  swing: RefRows,
  params: { zone_type: 'demand' | 'supply'; width_atr: number },
): RefRows {
  const rows: RefRows = {};
  const side = params.zone_type === 'demand' ? 'low' : 'high';
  let state = 'none';
  let lower = Number.NaN;
  let upper = Number.NaN;
  let anchor = -1;
  let version = 0;
  for (let n = 0; n < bars.c.length; n++) {
    const idx = num(swing, `${side}_idx`, n);
    const atr = atrAt(bars, n);
    if (idx !== before(swing, `${side}_idx`, n, -1) && !Number.isNaN(atr)) {
      const level = num(swing, `${side}_level`, n);
      const width = atr * params.width_atr;
      [lower, upper] = side === 'low' ? [level - width, level] : [level, level + width];
      state = 'active';
      anchor = idx;
      version++;
    }
    if (state === 'active') {
      const broken = side === 'low' ? bars.c[n]! < lower : bars.c[n]! > upper;
      if (broken) {
        state = 'broken';
        version++;
      }
    }
    pushRow(rows, { state, lower, upper, anchor_idx: anchor, version });
  }
  return rows;
}

// --------------------------------------------------------------------------------------------- fibonacci §2.5

/** Paired and unpaired anchoring (`use_trend_anchor` is not configured by the gate). */
export function refFibonacci(
  bars: RefBars,
  swing: RefRows,
  params: {
    levels: readonly number[];
    mode?: string;
    use_paired_anchor?: boolean;
    use_trend_anchor?: boolean;
  },
): RefRows {
  // Trend anchoring needs a trend reference bound as well; no G5 configuration uses it, so refuse it loudly.
  if (params.use_trend_anchor === true) throw new Error('refFibonacci: use_trend_anchor is not supported');
  const rows: RefRows = {};
  const mode = params.mode ?? 'retracement';
  const paired = params.use_paired_anchor ?? true;
  let high = Number.NaN;
  let low = Number.NaN;
  let direction = 'none';
  let hash = '';
  let levels = params.levels.map(() => Number.NaN);
  for (let n = 0; n < bars.c.length; n++) {
    const trigger = paired
      ? num(swing, 'pair_version', n) !== before(swing, 'pair_version', n, 0)
      : num(swing, 'high_idx', n) !== before(swing, 'high_idx', n, -1) ||
        num(swing, 'low_idx', n) !== before(swing, 'low_idx', n, -1);
    if (trigger) {
      const hi = num(swing, paired ? 'pair_high_level' : 'high_level', n);
      const lo = num(swing, paired ? 'pair_low_level' : 'low_level', n);
      if (!Number.isNaN(hi) && !Number.isNaN(lo)) {
        high = hi;
        low = lo;
        direction = paired ? text(swing, 'pair_direction', n) : 'none';
        hash = paired ? text(swing, 'pair_anchor_hash', n) : '';
        const range = high - low;
        levels = params.levels.map((r) => {
          if (mode === 'retracement') return high - r * range;
          if (mode === 'extension_up') return high + r * range;
          if (mode === 'extension_down') return low - r * range;
          return direction === 'bullish'
            ? high + r * range
            : direction === 'bearish'
              ? low - r * range
              : Number.NaN;
        });
      }
    }
    const row: Record<string, number | string> = {
      anchor_high: high,
      anchor_low: low,
      range: high - low,
      anchor_direction: direction,
      anchor_hash: hash,
      anchor_trend_direction: 0,
    };
    params.levels.forEach((r, k) => {
      row[`level_${String(r)}`] = levels[k]!;
    });
    pushRow(rows, row);
  }
  return rows;
}

// ------------------------------------------------------------------------------------------ derived_zone §2.6

const SLOT_FIELDS = [
  'lower',
  'upper',
  'state',
  'anchor_idx',
  'age_bars',
  'touched_this_bar',
  'inside',
  'touch_count',
  'last_touch_age',
  'instance_id',
] as const;

interface DerivedSlot {
  lower: number;
  upper: number;
  state: 'active' | 'broken';
  anchor: number;
  touched: boolean;
  inside: boolean;
  touches: number;
  lastTouch: number;
  id: number;
  below: boolean;
}

export function refDerivedZone(
  bars: RefBars,
  swing: RefRows,
  params: {
    levels: readonly number[];
    max_active: number;
    mode?: string;
    width_pct?: number;
    use_paired_source?: boolean;
    break_tolerance_pct?: number;
  },
): RefRows {
  const rows: RefRows = {};
  const mode = params.mode ?? 'retracement';
  const widthPct = params.width_pct ?? 0.002;
  const paired = params.use_paired_source ?? true;
  const tol = params.break_tolerance_pct ?? 0.001;
  let slots: DerivedSlot[] = [];
  let stored = 0;
  // Slot field names `zone<s>_<field>` (§2.6), spelled once.
  const slotKeys = Array.from({ length: params.max_active }, (_, k) =>
    Object.fromEntries(SLOT_FIELDS.map((f) => [f, `zone${k}_${f}`])),
  ) as Record<(typeof SLOT_FIELDS)[number], string>[];
  for (let n = 0; n < bars.c.length; n++) {
    const version = num(swing, paired ? 'pair_version' : 'version', n);
    if (version !== stored) {
      stored = version;
      const hi = num(swing, paired ? 'pair_high_level' : 'high_level', n);
      const lo = num(swing, paired ? 'pair_low_level' : 'low_level', n);
      const hiIdx = num(swing, paired ? 'pair_high_idx' : 'high_idx', n);
      const loIdx = num(swing, paired ? 'pair_low_idx' : 'low_idx', n);
      const range = hi - lo;
      if (Number.isFinite(hi) && Number.isFinite(lo) && hiIdx >= 0 && loIdx >= 0 && range > 0) {
        const bullish = paired ? text(swing, 'pair_direction', n) === 'bullish' : hiIdx > loIdx;
        for (const r of params.levels) {
          const centre = mode === 'retracement' ? hi - r * range : bullish ? hi + r * range : lo - r * range;
          const width = centre * widthPct;
          slots.unshift({
            lower: centre - width / 2,
            upper: centre + width / 2,
            state: 'active',
            anchor: n,
            touched: false,
            inside: false,
            touches: 0,
            lastTouch: -1,
            id: derivedZoneInstanceId(version, hiIdx, loIdx, r, mode),
            below: mode === 'retracement' ? bullish : !bullish,
          });
        }
        slots = slots.slice(0, params.max_active);
      }
    }
    const close = bars.c[n]!;
    for (const s of slots) {
      s.touched = false;
      if (s.state !== 'active') {
        s.inside = false;
        continue;
      }
      s.inside = s.lower <= close && close <= s.upper;
      if (s.inside) {
        s.touched = true;
        s.touches++;
        s.lastTouch = n;
      }
      if (s.anchor < n) {
        const broken = s.below ? close < s.lower * (1 - tol) : close > s.upper * (1 + tol);
        if (broken) s.state = 'broken';
      }
    }
    const active = slots.map((s, k) => ({ s, k })).filter((x) => x.s.state === 'active');
    const first = active[0];
    const row: Record<string, number | string | boolean> = {
      active_count: active.length,
      any_active: active.length > 0,
      any_touched: active.some((x) => x.s.touched),
      any_inside: active.some((x) => x.s.inside),
      first_active_idx: first?.k ?? -1,
      first_active_lower: first?.s.lower ?? Number.NaN,
      first_active_upper: first?.s.upper ?? Number.NaN,
      newest_active_idx: first?.k ?? -1,
      source_version: stored,
    };
    for (let k = 0; k < params.max_active; k++) {
      const s = slots[k];
      const key = slotKeys[k]!;
      row[key.lower] = s?.lower ?? Number.NaN;
      row[key.upper] = s?.upper ?? Number.NaN;
      row[key.state] = s?.state ?? 'none';
      row[key.anchor_idx] = s?.anchor ?? -1;
      row[key.age_bars] = s === undefined ? -1 : n - s.anchor;
      row[key.touched_this_bar] = s?.touched ?? false;
      row[key.inside] = s?.inside ?? false;
      row[key.touch_count] = s?.touches ?? 0;
      row[key.last_touch_age] = s === undefined || s.lastTouch < 0 ? -1 : n - s.lastTouch;
      row[key.instance_id] = s?.id ?? 0;
    }
    pushRow(rows, row);
  }
  return rows;
}

// -------------------------------------------------------------------------------------- premium_discount §2.12

export function refPremiumDiscount(bars: RefBars, swing: RefRows): RefRows {
  const rows: RefRows = {};
  let previous = 'none';
  let version = 0;
  for (let n = 0; n < bars.c.length; n++) {
    let row: Record<string, number | string>;
    if (num(swing, 'pair_version', n) === 0) {
      row = {
        range_high: Number.NaN,
        range_low: Number.NaN,
        equilibrium: Number.NaN,
        premium_level: Number.NaN,
        discount_level: Number.NaN,
        zone: 'none',
        depth_pct: Number.NaN,
      };
    } else {
      const hi = num(swing, 'pair_high_level', n);
      const lo = num(swing, 'pair_low_level', n);
      const range = hi - lo;
      const premium = lo + 0.75 * range;
      const discount = lo + 0.25 * range;
      const close = bars.c[n]!;
      const zone =
        range <= 0
          ? 'equilibrium'
          : close >= premium
            ? 'premium'
            : close <= discount
              ? 'discount'
              : 'equilibrium';
      row = {
        range_high: hi,
        range_low: lo,
        equilibrium: lo + 0.5 * range,
        premium_level: premium,
        discount_level: discount,
        zone,
        depth_pct: range <= 0 ? Number.NaN : Math.min(1, Math.max(0, (close - lo) / range)),
      };
    }
    if (row.zone !== previous) version++;
    previous = row.zone as string;
    pushRow(rows, { ...row, version });
  }
  return rows;
}
