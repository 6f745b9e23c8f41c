import { atrAt, dirLabel, pairAnchorHash, pushRow, type RefBars, type RefRows } from './common';

/** swing params (`structures.md` §2.1) after defaults. */
export interface SwingParams {
  readonly mode?: 'fractal' | 'atr_zigzag';
  readonly left?: number;
  readonly right?: number;
  readonly major_threshold?: number;
  readonly min_atr_move?: number;
  readonly min_pct_move?: number;
  readonly strict_alternation?: boolean;
  readonly atr_multiplier?: number;
}

interface Pivot {
  readonly type: 'high' | 'low';
  readonly level: number;
  readonly idx: number;
}

/** Fractal candidates of confirmation bar `n`: the window around P = n − right, scanned in full, high first. */
function fractalCandidates(bars: RefBars, n: number, left: number, right: number): Pivot[] {
  if (n < left + right) return [];
  const p = n - right;
  let high = true;
  let low = true;
  for (let j = p - left; j <= p + right; j++) {
    if (j === p) continue;
    if (!(bars.h[p]! > bars.h[j]!)) high = false;
    if (!(bars.l[p]! < bars.l[j]!)) low = false;
  }
  const out: Pivot[] = [];
  if (high) out.push({ type: 'high', level: bars.h[p]!, idx: p });
  if (low) out.push({ type: 'low', level: bars.l[p]!, idx: p });
  return out;
}

/**
 * ATR-zigzag candidates per bar: the zigzag state of bar n is replayed from bar 0 every time (naive), so no
 * state is carried between bars.
 */
function zigzagCandidates(bars: RefBars, n: number, multiplier: number): Pivot[] {
  let dir = 0;
  let extreme = 0;
  let extremeIdx = -1;
  let found: Pivot[] = [];
  for (let i = 0; i <= n; i++) {
    const atr = atrAt(bars, i);
    found = [];
    if (Number.isNaN(atr)) continue;
    if (dir === 0) {
      dir = 1;
      extreme = bars.h[i]!;
      extremeIdx = i;
    } else if (dir === 1) {
      if (bars.h[i]! > extreme) {
        extreme = bars.h[i]!;
        extremeIdx = i;
      }
      if (bars.l[i]! < extreme - multiplier * atr) {
        found = [{ type: 'high', level: extreme, idx: extremeIdx }];
        dir = -1;
        extreme = bars.l[i]!;
        extremeIdx = i;
      }
    } else {
      if (bars.l[i]! < extreme) {
        extreme = bars.l[i]!;
        extremeIdx = i;
      }
      if (bars.h[i]! > extreme + multiplier * atr) {
        found = [{ type: 'low', level: extreme, idx: extremeIdx }];
        dir = 1;
        extreme = bars.h[i]!;
        extremeIdx = i;
      }
    }
  }
  return found;
}

/** Reference swing: candidates per bar, then the gates and the pairing machine in bar order (§2.1). */
export function refSwing(bars: RefBars, params: SwingParams): RefRows {
  const mode = params.mode ?? 'fractal';
  if (mode === 'fractal' && (params.left === undefined || params.right === undefined))
    throw new Error('refSwing: fractal mode needs left and right');
  const major = params.major_threshold ?? 1.5;
  const strict = params.strict_alternation ?? false;
  const multiplier = params.atr_multiplier ?? 2;
  const rows: RefRows = {};
  // Every accepted pivot in order, and the same split by type (the outputs read their last entries and counts).
  const accepted: Pivot[] = [];
  const highs: Pivot[] = [];
  const lows: Pivot[] = [];
  const pairs: { high: Pivot; low: Pivot; direction: string; hash: string }[] = [];
  let highSig = Number.NaN;
  let lowSig = Number.NaN;
  // The pairing machine's pending pivot (AWAITING = undefined).
  let pending: Pivot | undefined;
  for (let n = 0; n < bars.c.length; n++) {
    const atr = atrAt(bars, n);
    const flags = { highAccepted: false, lowAccepted: false, highReplaced: false, lowReplaced: false };
    const candidates =
      mode === 'fractal'
        ? fractalCandidates(bars, n, params.left!, params.right!)
        : zigzagCandidates(bars, n, multiplier);
    for (const cand of candidates) {
      const previous = (cand.type === 'high' ? highs : lows).at(-1);
      if (
        previous !== undefined &&
        (params.min_atr_move !== undefined || params.min_pct_move !== undefined)
      ) {
        const delta = Math.abs(cand.level - previous.level);
        if (params.min_atr_move !== undefined && !Number.isNaN(atr) && delta < params.min_atr_move * atr)
          continue;
        if (
          params.min_pct_move !== undefined &&
          previous.level !== 0 &&
          (100 * delta) / Math.abs(previous.level) < params.min_pct_move
        )
          continue;
      }
      const last = accepted.at(-1);
      let replaced = false;
      if (strict && last !== undefined && last.type === cand.type) {
        const more = cand.type === 'high' ? cand.level > last.level : cand.level < last.level;
        if (!more) continue;
        replaced = true;
      }
      const significance =
        previous === undefined || Number.isNaN(atr)
          ? Number.NaN
          : Math.abs(cand.level - previous.level) / atr;
      if (cand.type === 'high') {
        highSig = significance;
        flags.highAccepted = true;
        flags.highReplaced ||= replaced;
      } else {
        lowSig = significance;
        flags.lowAccepted = true;
        flags.lowReplaced ||= replaced;
      }
      accepted.push(cand);
      (cand.type === 'high' ? highs : lows).push(cand);
      if (pending === undefined || pending.type === cand.type) pending = cand;
      else {
        const [high, low, direction] =
          cand.type === 'low' ? [pending, cand, 'bearish'] : [cand, pending, 'bullish'];
        // The hash is a function of the pair only: computed once when the pair completes.
        const hash = pairAnchorHash(high.idx, high.level, low.idx, low.level, direction);
        pairs.push({ high, low, direction, hash });
        pending = cand;
      }
    }
    const last = accepted.at(-1);
    const pair = pairs.at(-1);
    pushRow(rows, {
      high_level: highs.at(-1)?.level ?? Number.NaN,
      low_level: lows.at(-1)?.level ?? Number.NaN,
      high_idx: highs.at(-1)?.idx ?? -1,
      low_idx: lows.at(-1)?.idx ?? -1,
      version: accepted.length,
      high_version: highs.length,
      low_version: lows.length,
      last_confirmed_pivot_idx: last?.idx ?? -1,
      last_confirmed_pivot_type: last?.type ?? 'none',
      high_significance: highSig,
      low_significance: lowSig,
      high_is_major: highSig >= major,
      low_is_major: lowSig >= major,
      high_accepted: flags.highAccepted,
      low_accepted: flags.lowAccepted,
      high_replaced_pending: flags.highReplaced,
      low_replaced_pending: flags.lowReplaced,
      pair_high_level: pair?.high.level ?? Number.NaN,
      pair_low_level: pair?.low.level ?? Number.NaN,
      pair_high_idx: pair?.high.idx ?? -1,
      pair_low_idx: pair?.low.idx ?? -1,
      pair_direction: pair?.direction ?? dirLabel(0),
      pair_version: pairs.length,
      pair_anchor_hash: pair?.hash ?? '',
    });
  }
  return rows;
}
