import { atrAt, pushRow, type RefBars, type RefRows } from './common';

function num(rows: RefRows, field: string, i: number): number {
  return rows[field]![i] as number;
}

function before(rows: RefRows, field: string, i: number, initial: number): number {
  return i === 0 ? initial : num(rows, field, i - 1);
}

// ---------------------------------------------------------------------------------------- rolling_window §2.7

export function refRollingWindow(
  bars: RefBars,
  params: { size: number; source: 'open' | 'high' | 'low' | 'close' | 'volume'; mode: 'min' | 'max' },
): RefRows {
  const series = { open: bars.o, high: bars.h, low: bars.l, close: bars.c, volume: bars.v }[params.source];
  const rows: RefRows = {};
  for (let n = 0; n < series.length; n++) {
    // The whole window scanned at every bar.
    const window = series.slice(Math.max(0, n - params.size + 1), n + 1);
    pushRow(rows, { value: params.mode === 'min' ? Math.min(...window) : Math.max(...window) });
  }
  return rows;
}

// ------------------------------------------------------------------------------------------ displacement §2.8

/** §2.8 on one bar: the displacement direction (0 = none), body/ATR and wicks/body. */
export function displacementAt(
  bars: RefBars,
  n: number,
  bodyAtrMin: number,
  wickRatioMax: number,
): { dir: number; bodyAtr: number; wickRatio: number } {
  const o = bars.o[n]!;
  const c = bars.c[n]!;
  const body = Math.abs(c - o);
  const wicks = bars.h[n]! - Math.max(o, c) + (Math.min(o, c) - bars.l[n]!);
  const atr = atrAt(bars, n);
  const bodyAtr = Number.isNaN(atr) ? Number.NaN : body / atr;
  const wickRatio = body === 0 ? Number.NaN : wicks / body;
  const is = !Number.isNaN(atr) && body > 0 && bodyAtr >= bodyAtrMin && wickRatio <= wickRatioMax;
  return { dir: is ? Math.sign(c - o) : 0, bodyAtr, wickRatio };
}

export function refDisplacement(
  bars: RefBars,
  params: { body_atr_min?: number; wick_ratio_max?: number },
): RefRows {
  const rows: RefRows = {};
  const events: { idx: number; dir: number }[] = [];
  for (let n = 0; n < bars.c.length; n++) {
    const d = displacementAt(bars, n, params.body_atr_min ?? 1.5, params.wick_ratio_max ?? 0.4);
    if (d.dir !== 0) events.push({ idx: n, dir: d.dir });
    const last = events.at(-1);
    pushRow(rows, {
      is_displacement: d.dir !== 0,
      direction: d.dir,
      body_atr_ratio: d.bodyAtr,
      wick_ratio: d.wickRatio,
      last_idx: last?.idx ?? -1,
      last_direction: last?.dir ?? 0,
      version: events.length,
    });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------- fair_value_gap §2.9

interface Gap {
  readonly dir: 1 | -1;
  readonly lower: number;
  readonly upper: number;
  fill: number;
}

/** Smallest |close − mid| among `items` (newest first), the newest on ties. */
function nearest<T extends { lower: number; upper: number }>(
  items: readonly T[],
  close: number,
): T | undefined {
  let best: T | undefined;
  let bestDist = Number.POSITIVE_INFINITY;
  for (const it of items) {
    const d = Math.abs(close - (it.lower + it.upper) / 2);
    if (d < bestDist) {
      best = it;
      bestDist = d;
    }
  }
  return best;
}

export function refFairValueGap(
  bars: RefBars,
  params: { min_gap_atr?: number; max_active?: number },
): RefRows {
  const minGap = params.min_gap_atr ?? 0;
  const maxActive = params.max_active ?? 5;
  const rows: RefRows = {};
  let gaps: Gap[] = [];
  let version = 0;
  for (let n = 0; n < bars.c.length; n++) {
    const close = bars.c[n]!;
    let mitigated = false;
    let invalidated = false;
    const keep: Gap[] = [];
    for (const g of gaps) {
      const width = g.upper - g.lower;
      if (g.dir === 1) {
        if (close < g.lower) {
          invalidated = true;
          continue;
        }
        if (bars.l[n]! < g.upper) g.fill = Math.max(g.fill, Math.min(1, (g.upper - bars.l[n]!) / width));
      } else {
        if (close > g.upper) {
          invalidated = true;
          continue;
        }
        if (bars.h[n]! > g.lower) g.fill = Math.max(g.fill, Math.min(1, (bars.h[n]! - g.lower) / width));
      }
      if (g.fill >= 0.5) {
        mitigated = true;
        continue;
      }
      keep.push(g);
    }
    gaps = keep;
    let created: Gap | undefined;
    if (n >= 2) {
      if (bars.l[n]! > bars.h[n - 2]!)
        created = { dir: 1, lower: bars.h[n - 2]!, upper: bars.l[n]!, fill: 0 };
      else if (bars.h[n]! < bars.l[n - 2]!)
        created = { dir: -1, lower: bars.h[n]!, upper: bars.l[n - 2]!, fill: 0 };
      if (created !== undefined && minGap > 0) {
        const atr = atrAt(bars, n);
        if (Number.isNaN(atr) || created.upper - created.lower < minGap * atr) created = undefined;
      }
      if (created !== undefined) gaps = [created, ...gaps].slice(0, maxActive);
    }
    if (created !== undefined || mitigated || invalidated) version++;
    const bull = nearest(
      gaps.filter((g) => g.dir === 1),
      close,
    );
    const bear = nearest(
      gaps.filter((g) => g.dir === -1),
      close,
    );
    pushRow(rows, {
      new_this_bar: created !== undefined,
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

// ------------------------------------------------------------------------ order_block §2.10, breaker §2.13

export interface Block {
  readonly dir: 1 | -1;
  readonly lower: number;
  readonly upper: number;
  state: 'active' | 'mitigated';
}

/** Step 1 of §2.10 on `blocks` (newest first): returns the alive ones and what happened. */
function lifecycle(
  bars: RefBars,
  n: number,
  blocks: readonly Block[],
): { alive: Block[]; invalidated: Block[]; mitigated: boolean } {
  const alive: Block[] = [];
  const invalidated: Block[] = [];
  let mitigated = false;
  for (const b of blocks) {
    if (b.dir === 1 ? bars.c[n]! < b.lower : bars.c[n]! > b.upper) {
      invalidated.push(b);
      continue;
    }
    if (b.state === 'active' && (b.dir === 1 ? bars.l[n]! <= b.upper : bars.h[n]! >= b.lower)) {
      b.state = 'mitigated';
      mitigated = true;
    }
    alive.push(b);
  }
  return { alive, invalidated, mitigated };
}

function blockRow(
  close: number,
  alive: readonly Block[],
  created: Block | undefined,
  mitigated: boolean,
  invalidated: readonly Block[],
  lastInvalidatedDir: number,
  version: number,
): Record<string, number | boolean> {
  const bull = nearest(
    alive.filter((b) => b.dir === 1),
    close,
  );
  const bear = nearest(
    alive.filter((b) => b.dir === -1),
    close,
  );
  return {
    new_this_bar: created !== undefined,
    new_direction: created?.dir ?? 0,
    new_lower: created?.lower ?? Number.NaN,
    new_upper: created?.upper ?? Number.NaN,
    nearest_bull_lower: bull?.lower ?? Number.NaN,
    nearest_bull_upper: bull?.upper ?? Number.NaN,
    nearest_bear_lower: bear?.lower ?? Number.NaN,
    nearest_bear_upper: bear?.upper ?? Number.NaN,
    active_bull_count: alive.filter((b) => b.dir === 1).length,
    active_bear_count: alive.filter((b) => b.dir === -1).length,
    any_mitigated_this_bar: mitigated,
    any_invalidated_this_bar: invalidated.length > 0,
    last_invalidated_direction: lastInvalidatedDir,
    version,
  };
}

export interface OrderBlockParams {
  readonly use_body?: boolean;
  readonly require_displacement?: boolean;
  readonly body_atr_min?: number;
  readonly wick_ratio_max?: number;
  readonly max_active?: number;
  readonly lookback?: number;
}

/** order_block without a bound displacement (the displacement test of §2.8 is computed here). */
export function refOrderBlock(
  bars: RefBars,
  swing: RefRows,
  params: OrderBlockParams,
): { rows: RefRows; invalidatedAt: Block[][] } {
  const useBody = params.use_body ?? true;
  const requireDisp = params.require_displacement ?? true;
  const maxActive = params.max_active ?? 5;
  const lookback = params.lookback ?? 3;
  const rows: RefRows = {};
  const invalidatedAt: Block[][] = [];
  let blocks: Block[] = [];
  // Pivot indices that already produced a block of that direction.
  const consumed = { bull: new Set<number>(), bear: new Set<number>() };
  let lastInvalidatedDir = 0;
  let version = 0;
  for (let n = 0; n < bars.c.length; n++) {
    const step = lifecycle(bars, n, blocks);
    blocks = step.alive;
    // Newest first: the first invalidated block in list order is the newest.
    if (step.invalidated.length > 0) lastInvalidatedDir = step.invalidated[0]!.dir;
    const disp = displacementAt(bars, n, params.body_atr_min ?? 1.5, params.wick_ratio_max ?? 0.4).dir;
    const close = bars.c[n]!;
    let created: Block | undefined;
    const search = (wantBearishCandle: boolean): Block | undefined => {
      for (let j = n - 1; j >= Math.max(0, n - lookback); j--) {
        const o = bars.o[j]!;
        const c = bars.c[j]!;
        if (wantBearishCandle ? c < o : c > o) {
          const [lower, upper] = useBody ? [Math.min(o, c), Math.max(o, c)] : [bars.l[j]!, bars.h[j]!];
          return { dir: wantBearishCandle ? 1 : -1, lower, upper, state: 'active' };
        }
      }
      return undefined;
    };
    const highIdx = num(swing, 'high_idx', n);
    if (
      highIdx >= 0 &&
      !consumed.bull.has(highIdx) &&
      close > num(swing, 'high_level', n) &&
      (!requireDisp || disp === 1)
    ) {
      created = search(true);
      if (created !== undefined) consumed.bull.add(highIdx);
    }
    const lowIdx = num(swing, 'low_idx', n);
    if (
      created === undefined &&
      lowIdx >= 0 &&
      !consumed.bear.has(lowIdx) &&
      close < num(swing, 'low_level', n) &&
      (!requireDisp || disp === -1)
    ) {
      created = search(false);
      if (created !== undefined) consumed.bear.add(lowIdx);
    }
    if (created !== undefined) blocks = [created, ...blocks].slice(0, maxActive);
    if (created !== undefined || step.mitigated || step.invalidated.length > 0) version++;
    invalidatedAt.push(step.invalidated);
    pushRow(
      rows,
      blockRow(close, blocks, created, step.mitigated, step.invalidated, lastInvalidatedDir, version),
    );
  }
  return { rows, invalidatedAt };
}

/** breaker_block over an order_block reference, with market_structure bound when `ms` is given. */
export function refBreakerBlock(
  bars: RefBars,
  orderBlockInvalidated: readonly Block[][],
  ms: RefRows | undefined,
  params: { max_active?: number },
): RefRows {
  const maxActive = params.max_active ?? 5;
  const rows: RefRows = {};
  let breakers: Block[] = [];
  let lastInvalidatedDir = 0;
  let version = 0;
  for (let n = 0; n < bars.c.length; n++) {
    const step = lifecycle(bars, n, breakers);
    breakers = step.alive;
    if (step.invalidated.length > 0) lastInvalidatedDir = step.invalidated[0]!.dir;
    let created: Block | undefined;
    // Newest first, each prepended (§2.13 step 2).
    for (const ob of orderBlockInvalidated[n]!) {
      if (ms !== undefined) {
        const wanted = ob.dir === 1 ? 'bearish' : 'bullish';
        if (!(num(ms, 'choch_this_bar', n) === 1 && ms.choch_direction![n] === wanted)) continue;
      }
      created = { dir: ob.dir === 1 ? -1 : 1, lower: ob.lower, upper: ob.upper, state: 'active' };
      breakers = [created, ...breakers];
    }
    breakers = breakers.slice(0, maxActive);
    if (created !== undefined || step.mitigated || step.invalidated.length > 0) version++;
    pushRow(
      rows,
      blockRow(bars.c[n]!, breakers, created, step.mitigated, step.invalidated, lastInvalidatedDir, version),
    );
  }
  return rows;
}

// --------------------------------------------------------------------------------------- liquidity_zones §2.11

interface LiquidityZone {
  readonly side: 'high' | 'low';
  readonly members: number[];
  level: number;
  lastIdx: number;
  formed: boolean;
}

export function refLiquidityZones(
  bars: RefBars,
  swing: RefRows,
  params: {
    tolerance_atr?: number;
    sweep_atr?: number;
    min_touches?: number;
    max_active?: number;
    max_swing_history?: number;
  },
): RefRows {
  const tolerance = params.tolerance_atr ?? 0.3;
  const sweep = params.sweep_atr ?? 0.1;
  const minTouches = params.min_touches ?? 2;
  const maxActive = params.max_active ?? 5;
  const maxHistory = params.max_swing_history ?? 20;
  const rows: RefRows = {};
  let zones: LiquidityZone[] = [];
  let version = 0;
  for (let n = 0; n < bars.c.length; n++) {
    const atr = atrAt(bars, n);
    let sweepDir = 0;
    let sweptLevel = Number.NaN;
    let formedNow = false;
    if (!Number.isNaN(atr)) {
      const highSwept = zones.filter(
        (z) => z.formed && z.side === 'high' && bars.h[n]! > z.level + sweep * atr,
      );
      const lowSwept = zones.filter(
        (z) => z.formed && z.side === 'low' && bars.l[n]! < z.level - sweep * atr,
      );
      if (highSwept.length > 0) {
        sweepDir = 1;
        sweptLevel = Math.max(...highSwept.map((z) => z.level));
      } else if (lowSwept.length > 0) {
        sweepDir = -1;
        sweptLevel = Math.min(...lowSwept.map((z) => z.level));
      }
      zones = zones.filter((z) => !highSwept.includes(z) && !lowSwept.includes(z));
    }
    for (const side of ['high', 'low'] as const) {
      const idx = num(swing, `${side}_idx`, n);
      if (idx === before(swing, `${side}_idx`, n, -1) || idx < 0) continue;
      const level = num(swing, `${side}_level`, n);
      let target: LiquidityZone | undefined;
      if (!Number.isNaN(atr)) {
        let bestDist = Number.POSITIVE_INFINITY;
        for (const z of zones) {
          if (z.side !== side) continue;
          const d = Math.abs(level - z.level);
          if (d > tolerance * atr) continue;
          if (d < bestDist || (d === bestDist && target !== undefined && z.lastIdx > target.lastIdx)) {
            target = z;
            bestDist = d;
          }
        }
      }
      if (target !== undefined) {
        target.members.push(level);
        target.level = target.members.reduce((s, x) => s + x, 0) / target.members.length;
        target.lastIdx = idx;
        if (!target.formed && target.members.length >= minTouches) {
          target.formed = true;
          formedNow = true;
        }
      } else {
        const formed = minTouches <= 1;
        zones.push({ side, members: [level], level, lastIdx: idx, formed });
        if (formed) formedNow = true;
      }
      // Caps per side: history, then formed zones; the smallest last pivot idx goes first.
      const dropOldest = (pool: LiquidityZone[]): void => {
        const oldest = pool.reduce((a, b) => (b.lastIdx < a.lastIdx ? b : a));
        zones = zones.filter((z) => z !== oldest);
      };
      while (zones.filter((z) => z.side === side).length > maxHistory)
        dropOldest(zones.filter((z) => z.side === side));
      while (zones.filter((z) => z.side === side && z.formed).length > maxActive)
        dropOldest(zones.filter((z) => z.side === side && z.formed));
    }
    if (formedNow || sweepDir !== 0) version++;
    const close = bars.c[n]!;
    const near = (side: 'high' | 'low'): LiquidityZone | undefined => {
      let best: LiquidityZone | undefined;
      for (const z of zones) {
        if (z.side !== side || !z.formed) continue;
        const d = Math.abs(z.level - close);
        const bd = best === undefined ? Number.POSITIVE_INFINITY : Math.abs(best.level - close);
        if (d < bd || (d === bd && best !== undefined && z.lastIdx > best.lastIdx)) best = z;
      }
      return best;
    };
    const nh = near('high');
    const nl = near('low');
    pushRow(rows, {
      sweep_this_bar: sweepDir !== 0,
      sweep_direction: sweepDir,
      swept_level: sweptLevel,
      new_zone_this_bar: formedNow,
      nearest_high_level: nh?.level ?? Number.NaN,
      nearest_low_level: nl?.level ?? Number.NaN,
      nearest_high_touches: nh?.members.length ?? 0,
      nearest_low_touches: nl?.members.length ?? 0,
      active_high_count: zones.filter((z) => z.side === 'high' && z.formed).length,
      active_low_count: zones.filter((z) => z.side === 'low' && z.formed).length,
      version,
    });
  }
  return rows;
}
