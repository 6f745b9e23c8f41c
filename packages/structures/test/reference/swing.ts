import { atrAt, DIR, pushRow, type RefBars, type RefRows, refPairHash } from './common';

export interface RefSwingParams {
  mode?: 'fractal' | 'atr_zigzag';
  left?: number;
  right?: number;
  major_threshold?: number;
  min_atr_move?: number;
  min_pct_move?: number;
  strict_alternation?: boolean;
  atr_multiplier?: number;
}

interface Candidate {
  type: 'high' | 'low';
  level: number;
  idx: number;
}

/** Candidates per confirmation bar, found by scanning every full window of the arrays (§2.1). */
function fractalCandidates(bars: RefBars, left: number, right: number): Candidate[][] {
  const n = bars.h.length;
  const out: Candidate[][] = Array.from({ length: n }, () => []);
  for (let p = left; p + right < n; p++) {
    let high = true;
    let low = true;
    for (let j = p - left; j <= p + right; j++) {
      if (j === p) continue;
      if (!(bars.h[p]! > bars.h[j]!)) high = false;
      if (!(bars.l[p]! < bars.l[j]!)) low = false;
    }
    if (high) out[p + right]!.push({ type: 'high', level: bars.h[p]!, idx: p });
    if (low) out[p + right]!.push({ type: 'low', level: bars.l[p]!, idx: p });
  }
  return out;
}

function zigzagCandidates(bars: RefBars, multiplier: number): Candidate[][] {
  const n = bars.h.length;
  const out: Candidate[][] = Array.from({ length: n }, () => []);
  let dir = 0;
  let ext = { level: 0, idx: -1 };
  for (let i = 0; i < n; i++) {
    const atr = atrAt(bars, i);
    if (Number.isNaN(atr)) continue;
    if (dir === 0) {
      dir = 1;
      ext = { level: bars.h[i]!, idx: i };
      continue;
    }
    if (dir === 1) {
      if (bars.h[i]! > ext.level) ext = { level: bars.h[i]!, idx: i };
      if (bars.l[i]! < ext.level - multiplier * atr) {
        out[i]!.push({ type: 'high', level: ext.level, idx: ext.idx });
        dir = -1;
        ext = { level: bars.l[i]!, idx: i };
      }
    } else {
      if (bars.l[i]! < ext.level) ext = { level: bars.l[i]!, idx: i };
      if (bars.h[i]! > ext.level + multiplier * atr) {
        out[i]!.push({ type: 'low', level: ext.level, idx: ext.idx });
        dir = 1;
        ext = { level: bars.h[i]!, idx: i };
      }
    }
  }
  return out;
}

/** Naive swing: candidates, then gates and the pairing machine in bar order (§2.1). */
export function refSwing(bars: RefBars, params: RefSwingParams): RefRows {
  const p = {
    mode: 'fractal',
    major_threshold: 1.5,
    strict_alternation: false,
    atr_multiplier: 2,
    ...params,
  };
  const candidates =
    p.mode === 'fractal'
      ? fractalCandidates(bars, p.left!, p.right!)
      : zigzagCandidates(bars, p.atr_multiplier);
  const rows: RefRows = {};
  const accepted: Candidate[] = [];
  const pairs: {
    hi: number;
    hiIdx: number;
    lo: number;
    loIdx: number;
    dir: 'bullish' | 'bearish';
    hash: string;
  }[] = [];
  const lastOf: Record<'high' | 'low', Candidate | undefined> = { high: undefined, low: undefined };
  const counts = { high: 0, low: 0 };
  const sig = { high: Number.NaN, low: Number.NaN };
  let pending: Candidate | undefined;
  for (let n = 0; n < bars.h.length; n++) {
    const flags = { high_accepted: 0, low_accepted: 0, high_replaced_pending: 0, low_replaced_pending: 0 };
    const atr = atrAt(bars, n);
    for (const cand of candidates[n]!) {
      const previous = lastOf[cand.type];
      if (previous !== undefined) {
        const delta = Math.abs(cand.level - previous.level);
        if (p.min_atr_move !== undefined && !Number.isNaN(atr) && delta < p.min_atr_move * atr) continue;
        if (
          p.min_pct_move !== undefined &&
          previous.level !== 0 &&
          (100 * delta) / Math.abs(previous.level) < p.min_pct_move
        ) {
          continue;
        }
      }
      const last = accepted[accepted.length - 1];
      let replaced = false;
      if (p.strict_alternation && last !== undefined && last.type === cand.type) {
        const better = cand.type === 'high' ? cand.level > last.level : cand.level < last.level;
        if (!better) continue;
        replaced = true;
      }
      sig[cand.type] =
        previous !== undefined && !Number.isNaN(atr)
          ? Math.abs(cand.level - previous.level) / atr
          : Number.NaN;
      accepted.push(cand);
      lastOf[cand.type] = cand;
      counts[cand.type]++;
      flags[`${cand.type}_accepted`] = 1;
      if (replaced) flags[`${cand.type}_replaced_pending`] = 1;
      if (pending !== undefined && pending.type !== cand.type) {
        const hi = cand.type === 'high' ? cand : pending;
        const lo = cand.type === 'low' ? cand : pending;
        const dir = cand.type === 'high' ? 'bullish' : 'bearish';
        pairs.push({
          hi: hi.level,
          hiIdx: hi.idx,
          lo: lo.level,
          loIdx: lo.idx,
          dir,
          hash: refPairHash(hi.level, hi.idx, lo.level, lo.idx, dir),
        });
      }
      pending = cand;
    }
    const lastHigh = lastOf.high;
    const lastLow = lastOf.low;
    const last = accepted[accepted.length - 1];
    const pair = pairs[pairs.length - 1];
    pushRow(rows, {
      high_level: lastHigh?.level ?? Number.NaN,
      low_level: lastLow?.level ?? Number.NaN,
      high_idx: lastHigh?.idx ?? -1,
      low_idx: lastLow?.idx ?? -1,
      version: accepted.length,
      high_version: counts.high,
      low_version: counts.low,
      last_confirmed_pivot_idx: last?.idx ?? -1,
      last_confirmed_pivot_type: last === undefined ? 0 : last.type === 'high' ? 1 : 2,
      high_significance: sig.high,
      low_significance: sig.low,
      high_is_major: sig.high >= p.major_threshold ? 1 : 0,
      low_is_major: sig.low >= p.major_threshold ? 1 : 0,
      ...flags,
      pair_high_level: pair?.hi ?? Number.NaN,
      pair_low_level: pair?.lo ?? Number.NaN,
      pair_high_idx: pair?.hiIdx ?? -1,
      pair_low_idx: pair?.loIdx ?? -1,
      pair_direction: pair === undefined ? DIR.none : DIR[pair.dir],
      pair_version: pairs.length,
      pair_anchor_hash: pair?.hash ?? '',
    });
  }
  return rows;
}
