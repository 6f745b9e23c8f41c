import { atrAt, DIR, pushRow, type RefBars, type RefRows, refInstanceId } from './common';

const num = (rows: RefRows, f: string, n: number) => rows[f]![n] as number;

export interface RefDerivedZoneParams {
  levels: number[];
  max_active: number;
  mode?: 'retracement' | 'extension';
  width_pct?: number;
  use_paired_source?: boolean;
  break_tolerance_pct?: number;
}

interface RefSlot {
  lower: number;
  upper: number;
  state: number;
  anchor: number;
  touched: number;
  inside: number;
  touches: number;
  lastTouch: number;
  id: number;
  support: boolean;
}

export function refDerivedZone(bars: RefBars, swing: RefRows, params: RefDerivedZoneParams): RefRows {
  const mode = params.mode ?? 'retracement';
  const widthPct = params.width_pct ?? 0.002;
  const paired = params.use_paired_source ?? true;
  const tol = params.break_tolerance_pct ?? 0.001;
  const rows: RefRows = {};
  let slots: RefSlot[] = [];
  let stored = 0;
  for (let n = 0; n < bars.h.length; n++) {
    const version = num(swing, paired ? 'pair_version' : 'version', n);
    if (version !== stored) {
      stored = version;
      const hi = num(swing, paired ? 'pair_high_level' : 'high_level', n);
      const lo = num(swing, paired ? 'pair_low_level' : 'low_level', n);
      const hiIdx = num(swing, paired ? 'pair_high_idx' : 'high_idx', n);
      const loIdx = num(swing, paired ? 'pair_low_idx' : 'low_idx', n);
      const range = hi - lo;
      if (Number.isFinite(hi) && Number.isFinite(lo) && hiIdx >= 0 && loIdx >= 0 && range > 0) {
        const bullish = paired ? num(swing, 'pair_direction', n) === DIR.bullish : hiIdx > loIdx;
        for (const r of params.levels) {
          const centre = mode === 'retracement' ? hi - r * range : bullish ? hi + r * range : lo - r * range;
          const width = centre * widthPct;
          slots.unshift({
            lower: centre - width / 2,
            upper: centre + width / 2,
            state: 1,
            anchor: n,
            touched: 0,
            inside: 0,
            touches: 0,
            lastTouch: -1,
            id: refInstanceId(version, hiIdx, loIdx, r, mode),
            support: (mode === 'retracement' && bullish) || (mode === 'extension' && !bullish),
          });
        }
        slots = slots.slice(0, params.max_active);
      }
    }
    const c = bars.c[n]!;
    for (const s of slots) {
      s.touched = 0;
      if (s.state !== 1) {
        s.inside = 0;
        continue;
      }
      s.inside = s.lower <= c && c <= s.upper ? 1 : 0;
      if (s.inside) {
        s.touched = 1;
        s.touches++;
        s.lastTouch = n;
      }
      if (s.anchor < n && (s.support ? c < s.lower * (1 - tol) : c > s.upper * (1 + tol))) s.state = 2;
    }
    const active = slots.map((s, i) => ({ s, i })).filter(({ s }) => s.state === 1);
    const first = active[0];
    const row: Record<string, number> = {
      active_count: active.length,
      any_active: active.length > 0 ? 1 : 0,
      any_touched: active.some(({ s }) => s.touched === 1) ? 1 : 0,
      any_inside: active.some(({ s }) => s.inside === 1) ? 1 : 0,
      first_active_idx: first?.i ?? -1,
      first_active_lower: first?.s.lower ?? Number.NaN,
      first_active_upper: first?.s.upper ?? Number.NaN,
      newest_active_idx: first?.i ?? -1,
      source_version: stored,
    };
    for (let k = 0; k < params.max_active; k++) {
      const s = slots[k];
      row[`zone${k}_lower`] = s?.lower ?? Number.NaN;
      row[`zone${k}_upper`] = s?.upper ?? Number.NaN;
      row[`zone${k}_state`] = s?.state ?? 0;
      row[`zone${k}_anchor_idx`] = s?.anchor ?? -1;
      row[`zone${k}_age_bars`] = s === undefined ? -1 : n - s.anchor;
      row[`zone${k}_touched_this_bar`] = s?.touched ?? 0;
      row[`zone${k}_inside`] = s?.inside ?? 0;
      row[`zone${k}_touch_count`] = s?.touches ?? 0;
      row[`zone${k}_last_touch_age`] = s === undefined || s.lastTouch < 0 ? -1 : n - s.lastTouch;
      row[`zone${k}_instance_id`] = s?.id ?? 0;
    }
    pushRow(rows, row);
  }
  return rows;
}

/** +1/−1/0: the §2.8 displacement test of bar i. */
function displacementOf(bars: RefBars, i: number, bodyMin: number, wickMax: number): number {
  const o = bars.o[i]!;
  const c = bars.c[i]!;
  const body = Math.abs(c - o);
  const atr = atrAt(bars, i);
  if (Number.isNaN(atr) || body <= 0) return 0;
  const wicks = bars.h[i]! - Math.max(o, c) + (Math.min(o, c) - bars.l[i]!);
  return body / atr >= bodyMin && wicks / body <= wickMax ? Math.sign(c - o) : 0;
}

export function refDisplacement(bars: RefBars, bodyMin = 1.5, wickMax = 0.4): RefRows {
  const rows: RefRows = {};
  let lastIdx = -1;
  let lastDir = 0;
  let version = 0;
  for (let i = 0; i < bars.h.length; i++) {
    const o = bars.o[i]!;
    const c = bars.c[i]!;
    const body = Math.abs(c - o);
    const wicks = bars.h[i]! - Math.max(o, c) + (Math.min(o, c) - bars.l[i]!);
    const dir = displacementOf(bars, i, bodyMin, wickMax);
    if (dir !== 0) {
      lastIdx = i;
      lastDir = dir;
      version++;
    }
    pushRow(rows, {
      is_displacement: dir === 0 ? 0 : 1,
      direction: dir,
      body_atr_ratio: body / atrAt(bars, i),
      wick_ratio: body > 0 ? wicks / body : Number.NaN,
      last_idx: lastIdx,
      last_direction: lastDir,
      version,
    });
  }
  return rows;
}

interface Box {
  dir: number;
  lower: number;
  upper: number;
  fill: number;
  mitigated: boolean;
}

/** Nearest box per direction (smallest |close − middle|, first = newest on ties) and counts. */
function nearest(boxes: Box[], close: number, dir: number): Box | undefined {
  let best: Box | undefined;
  for (const b of boxes.filter((x) => x.dir === dir)) {
    if (
      best === undefined ||
      Math.abs(close - (b.lower + b.upper) / 2) < Math.abs(close - (best.lower + best.upper) / 2)
    )
      best = b;
  }
  return best;
}

export function refFairValueGap(bars: RefBars, minGapAtr = 0, maxActive = 5): RefRows {
  const rows: RefRows = {};
  let gaps: Box[] = [];
  let version = 0;
  for (let n = 0; n < bars.h.length; n++) {
    const c = bars.c[n]!;
    let mitigated = 0;
    let invalidated = 0;
    const kept: Box[] = [];
    for (const g of gaps) {
      if (g.dir === 1 ? c < g.lower : c > g.upper) {
        invalidated = 1;
        continue;
      }
      if (g.dir === 1 && bars.l[n]! < g.upper)
        g.fill = Math.max(g.fill, Math.min(1, (g.upper - bars.l[n]!) / (g.upper - g.lower)));
      if (g.dir === -1 && bars.h[n]! > g.lower)
        g.fill = Math.max(g.fill, Math.min(1, (bars.h[n]! - g.lower) / (g.upper - g.lower)));
      if (g.fill >= 0.5) {
        mitigated = 1;
        continue;
      }
      kept.push(g);
    }
    gaps = kept;
    let created: Box | undefined;
    if (n >= 2) {
      if (bars.l[n]! > bars.h[n - 2]!)
        created = { dir: 1, lower: bars.h[n - 2]!, upper: bars.l[n]!, fill: 0, mitigated: false };
      else if (bars.h[n]! < bars.l[n - 2]!)
        created = { dir: -1, lower: bars.h[n]!, upper: bars.l[n - 2]!, fill: 0, mitigated: false };
      if (created !== undefined && minGapAtr > 0) {
        const atr = atrAt(bars, n);
        if (Number.isNaN(atr) || created.upper - created.lower < minGapAtr * atr) created = undefined;
      }
    }
    if (created !== undefined) gaps = [created, ...gaps].slice(0, maxActive);
    if (created !== undefined || mitigated || invalidated) version++;
    const bull = nearest(gaps, c, 1);
    const bear = nearest(gaps, c, -1);
    pushRow(rows, {
      new_this_bar: created === undefined ? 0 : 1,
      new_direction: created?.dir ?? 0,
      new_lower: created?.lower ?? Number.NaN,
      new_upper: created?.upper ?? Number.NaN,
      nearest_bull_lower: bull?.lower ?? Number.NaN,
      nearest_bull_upper: bull?.upper ?? Number.NaN,
      nearest_bull_fill_pct: bull?.fill ?? Number.NaN,
      nearest_bear_lower: bear?.lower ?? Number.NaN,
      nearest_bear_upper: bear?.upper ?? Number.NaN,
      nearest_bear_fill_pct: bear?.fill ?? Number.NaN,
      active_bull_count: gaps.filter((g) => g.dir === 1).length,
      active_bear_count: gaps.filter((g) => g.dir === -1).length,
      any_mitigated_this_bar: mitigated,
      any_invalidated_this_bar: invalidated,
      version,
    });
  }
  return rows;
}

/** Shared block lifecycle (§2.10 step 1): returns the invalidated boxes (newest first) and flags. */
function blockLifecycle(boxes: Box[], bars: RefBars, n: number) {
  const c = bars.c[n]!;
  const invalidated: Box[] = [];
  let mitigated = 0;
  const alive: Box[] = [];
  for (const b of boxes) {
    if (b.dir === 1 ? c < b.lower : c > b.upper) {
      invalidated.push(b);
      continue;
    }
    if (!b.mitigated && (b.dir === 1 ? bars.l[n]! <= b.upper : bars.h[n]! >= b.lower)) {
      b.mitigated = true;
      mitigated = 1;
    }
    alive.push(b);
  }
  return { alive, invalidated, mitigated };
}

function blockRow(
  boxes: Box[],
  created: Box | undefined,
  c: number,
  mitigated: number,
  invalidated: Box[],
  lastInvalDir: number,
  version: number,
) {
  const bull = nearest(boxes, c, 1);
  const bear = nearest(boxes, c, -1);
  return {
    new_this_bar: created === undefined ? 0 : 1,
    new_direction: created?.dir ?? 0,
    new_lower: created?.lower ?? Number.NaN,
    new_upper: created?.upper ?? Number.NaN,
    nearest_bull_lower: bull?.lower ?? Number.NaN,
    nearest_bull_upper: bull?.upper ?? Number.NaN,
    nearest_bear_lower: bear?.lower ?? Number.NaN,
    nearest_bear_upper: bear?.upper ?? Number.NaN,
    active_bull_count: boxes.filter((b) => b.dir === 1).length,
    active_bear_count: boxes.filter((b) => b.dir === -1).length,
    any_mitigated_this_bar: mitigated,
    any_invalidated_this_bar: invalidated.length > 0 ? 1 : 0,
    last_invalidated_direction: lastInvalDir,
    version,
  };
}

export interface RefOrderBlockParams {
  use_body?: boolean;
  require_displacement?: boolean;
  body_atr_min?: number;
  wick_ratio_max?: number;
  max_active?: number;
  lookback?: number;
}

export interface RefOrderBlockResult {
  rows: RefRows;
  /** Per bar: blocks invalidated on it, newest first. */
  invalidated: Box[][];
}

export function refOrderBlock(
  bars: RefBars,
  swing: RefRows,
  params: RefOrderBlockParams = {},
): RefOrderBlockResult {
  const p = {
    use_body: true,
    require_displacement: true,
    body_atr_min: 1.5,
    wick_ratio_max: 0.4,
    max_active: 5,
    lookback: 3,
    ...params,
  };
  const rows: RefRows = {};
  const invalidatedPerBar: Box[][] = [];
  let boxes: Box[] = [];
  let version = 0;
  let lastInvalDir = 0;
  const consumed = { high: -1, low: -1 };
  for (let n = 0; n < bars.h.length; n++) {
    const life = blockLifecycle(boxes, bars, n);
    boxes = life.alive;
    if (life.invalidated.length > 0) lastInvalDir = life.invalidated[0]!.dir;
    const impulse = displacementOf(bars, n, p.body_atr_min, p.wick_ratio_max);
    let created: Box | undefined;
    for (const [side, dir] of [
      ['high', 1],
      ['low', -1],
    ] as const) {
      if (created !== undefined) break;
      const idx = num(swing, `${side}_idx`, n);
      const level = num(swing, `${side}_level`, n);
      const beyond = dir === 1 ? bars.c[n]! > level : bars.c[n]! < level;
      if (idx < 0 || consumed[side] === idx || !beyond) continue;
      if (p.require_displacement && impulse !== dir) continue;
      for (let j = n - 1; j >= Math.max(0, n - p.lookback); j--) {
        const opposite = dir === 1 ? bars.c[j]! < bars.o[j]! : bars.c[j]! > bars.o[j]!;
        if (!opposite) continue;
        created = {
          dir,
          lower: p.use_body ? Math.min(bars.o[j]!, bars.c[j]!) : bars.l[j]!,
          upper: p.use_body ? Math.max(bars.o[j]!, bars.c[j]!) : bars.h[j]!,
          fill: 0,
          mitigated: false,
        };
        consumed[side] = idx;
        break;
      }
    }
    if (created !== undefined) boxes = [created, ...boxes].slice(0, p.max_active);
    if (created !== undefined || life.mitigated || life.invalidated.length > 0) version++;
    invalidatedPerBar.push(life.invalidated);
    pushRow(
      rows,
      blockRow(boxes, created, bars.c[n]!, life.mitigated, life.invalidated, lastInvalDir, version),
    );
  }
  return { rows, invalidated: invalidatedPerBar };
}

export function refBreakerBlock(
  bars: RefBars,
  orderBlocks: RefOrderBlockResult,
  ms: RefRows | undefined,
  maxActive = 5,
): RefRows {
  const rows: RefRows = {};
  let boxes: Box[] = [];
  let version = 0;
  let lastInvalDir = 0;
  for (let n = 0; n < bars.h.length; n++) {
    const life = blockLifecycle(boxes, bars, n);
    boxes = life.alive;
    if (life.invalidated.length > 0) lastInvalDir = life.invalidated[0]!.dir;
    let created: Box | undefined;
    // §2.13 step 2: newest invalidated block first, each prepended.
    const candidates = orderBlocks.invalidated[n]!;
    for (const block of candidates) {
      if (ms !== undefined) {
        const want = block.dir === 1 ? DIR.bearish : DIR.bullish;
        if (num(ms, 'choch_this_bar', n) !== 1 || num(ms, 'choch_direction', n) !== want) continue;
      }
      created = { dir: -block.dir, lower: block.lower, upper: block.upper, fill: 0, mitigated: false };
      boxes = [created, ...boxes].slice(0, maxActive);
    }
    if (created !== undefined || life.mitigated || life.invalidated.length > 0) version++;
    pushRow(
      rows,
      blockRow(boxes, created, bars.c[n]!, life.mitigated, life.invalidated, lastInvalDir, version),
    );
  }
  return rows;
}

export interface RefLiquidityParams {
  tolerance_atr?: number;
  sweep_atr?: number;
  min_touches?: number;
  max_active?: number;
  max_swing_history?: number;
}

interface Pool {
  members: number[];
  lastIdx: number;
  formed: boolean;
}

const poolLevel = (z: Pool) => z.members.reduce((a, b) => a + b, 0) / z.members.length;

export function refLiquidityZones(bars: RefBars, swing: RefRows, params: RefLiquidityParams = {}): RefRows {
  const p = {
    tolerance_atr: 0.3,
    sweep_atr: 0.1,
    min_touches: 2,
    max_active: 5,
    max_swing_history: 20,
    ...params,
  };
  const rows: RefRows = {};
  const pools: Record<'high' | 'low', Pool[]> = { high: [], low: [] };
  let version = 0;
  for (let n = 0; n < bars.h.length; n++) {
    const atr = atrAt(bars, n);
    let sweepDir = 0;
    let swept = Number.NaN;
    let formedNow = false;
    if (!Number.isNaN(atr)) {
      const highSwept = pools.high.filter((z) => z.formed && bars.h[n]! > poolLevel(z) + p.sweep_atr * atr);
      const lowSwept = pools.low.filter((z) => z.formed && bars.l[n]! < poolLevel(z) - p.sweep_atr * atr);
      pools.high = pools.high.filter((z) => !highSwept.includes(z));
      pools.low = pools.low.filter((z) => !lowSwept.includes(z));
      if (highSwept.length > 0) {
        sweepDir = 1;
        swept = Math.max(...highSwept.map(poolLevel));
      } else if (lowSwept.length > 0) {
        sweepDir = -1;
        swept = Math.min(...lowSwept.map(poolLevel));
      }
    }
    for (const side of ['high', 'low'] as const) {
      const idx = num(swing, `${side}_idx`, n);
      if (idx < 0 || idx === (n === 0 ? -1 : num(swing, `${side}_idx`, n - 1))) continue;
      const level = num(swing, `${side}_level`, n);
      let target: Pool | undefined;
      if (!Number.isNaN(atr)) {
        const near = pools[side]
          .filter((z) => Math.abs(level - poolLevel(z)) <= p.tolerance_atr * atr)
          .sort(
            (a, b) =>
              Math.abs(level - poolLevel(a)) - Math.abs(level - poolLevel(b)) || b.lastIdx - a.lastIdx,
          );
        target = near[0];
      }
      if (target !== undefined) {
        target.members.push(level);
        target.lastIdx = idx;
        if (!target.formed && target.members.length >= p.min_touches) {
          target.formed = true;
          formedNow = true;
        }
      } else {
        pools[side].push({ members: [level], lastIdx: idx, formed: p.min_touches === 1 });
        if (p.min_touches === 1) formedNow = true;
      }
      const byAge = (list: Pool[]) => [...list].sort((a, b) => a.lastIdx - b.lastIdx);
      while (pools[side].length > p.max_swing_history) {
        const drop = byAge(pools[side])[0]!;
        pools[side] = pools[side].filter((z) => z !== drop);
      }
      while (pools[side].filter((z) => z.formed).length > p.max_active) {
        const drop = byAge(pools[side].filter((z) => z.formed))[0]!;
        pools[side] = pools[side].filter((z) => z !== drop);
      }
    }
    if (formedNow || sweepDir !== 0) version++;
    const c = bars.c[n]!;
    const near = (side: 'high' | 'low') =>
      pools[side]
        .filter((z) => z.formed)
        .sort((a, b) => Math.abs(poolLevel(a) - c) - Math.abs(poolLevel(b) - c) || b.lastIdx - a.lastIdx)[0];
    const nh = near('high');
    const nl = near('low');
    pushRow(rows, {
      sweep_this_bar: sweepDir === 0 ? 0 : 1,
      sweep_direction: sweepDir,
      swept_level: swept,
      new_zone_this_bar: formedNow ? 1 : 0,
      nearest_high_level: nh === undefined ? Number.NaN : poolLevel(nh),
      nearest_low_level: nl === undefined ? Number.NaN : poolLevel(nl),
      nearest_high_touches: nh?.members.length ?? 0,
      nearest_low_touches: nl?.members.length ?? 0,
      active_high_count: pools.high.filter((z) => z.formed).length,
      active_low_count: pools.low.filter((z) => z.formed).length,
      version,
    });
  }
  return rows;
}
