import type { PositionSide, RiskTier } from '@trade/core';
import { mmCoreValue } from '../formulas/tiers';
import type { Snapshot } from '../types';

/** Per-bar row: mark close, adverse mark vertex (low for a long, high for a short; NaN when flat). */
const BAR_STRIDE = 2;
/** Close times are logged only where the minute sequence breaks (the first bar and after a data gap). */
const TIME_STRIDE = 2;
const MINUTE_MS = 60_000;
/** Position/wallet state row: fromBar, wallet, sign, qty, avgEntry, pmx (PM − FTC), liqPrice. */
const STATE_STRIDE = 7;

/**
 * One snapshot per 1m close (§15) in 16 bytes per bar: the two mark prices are written in place every bar;
 * close times only where the minute sequence breaks, the position and wallet state only when it changed; every
 * `Snapshot` field is derived on read with the same formulas the simulator uses at the close. Nothing allocates per bar (growth
 * doubles); `keepHistory: false` keeps only the latest bar (`SimOptions.snapshots: "latest"`).
 */
export class SnapshotStore {
  /** Bar rows; hot-path writers call `claimBar()` and write the BAR_STRIDE fields in place. */
  bars: Float64Array;
  length = 0;
  private states: Float64Array;
  private stateCount = 0;
  private times = new Float64Array(16 * TIME_STRIDE);
  private timeCount = 0;
  private lastCloseTime = Number.NaN;
  // Last logged state (compared every bar; a change appends a state row).
  private wallet = Number.NaN;
  private sign = Number.NaN;
  private qty = Number.NaN;
  private avgEntry = Number.NaN;
  private pmx = Number.NaN;
  private liq = Number.NaN;

  constructor(
    private readonly tiers: readonly RiskTier[],
    initialCapacity = 1024,
    readonly keepHistory = true,
  ) {
    this.bars = new Float64Array((keepHistory ? Math.max(16, initialCapacity) : 1) * BAR_STRIDE);
    this.states = new Float64Array(64 * STATE_STRIDE);
  }

  /** Appends a bar row closing at `closeTime` and returns its offset in `bars`. */
  claimBar(closeTime: number): number {
    const consecutive = closeTime === this.lastCloseTime + MINUTE_MS;
    this.lastCloseTime = closeTime;
    if (!this.keepHistory) {
      this.length = 1;
      this.times[0] = 0;
      this.times[1] = closeTime;
      this.timeCount = 1;
      return 0;
    }
    if (!consecutive) this.logTime(this.length, closeTime);
    const o = this.length * BAR_STRIDE;
    if (o + BAR_STRIDE > this.bars.length) {
      const next = new Float64Array(this.bars.length * 2);
      next.set(this.bars);
      this.bars = next;
    }
    this.length++;
    return o;
  }

  private logTime(bar: number, closeTime: number): void {
    const o = this.timeCount * TIME_STRIDE;
    if (o + TIME_STRIDE > this.times.length) {
      const next = new Float64Array(this.times.length * 2);
      next.set(this.times);
      this.times = next;
    }
    this.times[o] = bar;
    this.times[o + 1] = closeTime;
    this.timeCount++;
  }

  private closeTimeAt(i: number): number {
    let lo = 0;
    let hi = this.timeCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.times[mid * TIME_STRIDE]! <= i) lo = mid;
      else hi = mid - 1;
    }
    const o = lo * TIME_STRIDE;
    return this.times[o + 1]! + (i - this.times[o]!) * MINUTE_MS;
  }

  /** Records the state of the bar just claimed when it differs from the last logged one (NaN-aware). */
  noteState(wallet: number, sign: number, qty: number, avgEntry: number, pmx: number, liq: number): void {
    if (
      wallet === this.wallet &&
      sign === this.sign &&
      qty === this.qty &&
      avgEntry === this.avgEntry &&
      pmx === this.pmx &&
      (liq === this.liq || (Number.isNaN(liq) && Number.isNaN(this.liq))) &&
      this.stateCount > 0
    ) {
      return;
    }
    this.logState(wallet, sign, qty, avgEntry, pmx, liq);
  }

  private logState(
    wallet: number,
    sign: number,
    qty: number,
    avgEntry: number,
    pmx: number,
    liq: number,
  ): void {
    if (!this.keepHistory) this.stateCount = 0;
    let o = this.stateCount * STATE_STRIDE;
    if (o + STATE_STRIDE > this.states.length) {
      const next = new Float64Array(this.states.length * 2);
      next.set(this.states);
      this.states = next;
    }
    const s = this.states;
    s[o++] = this.length - 1;
    s[o++] = wallet;
    s[o++] = sign;
    s[o++] = qty;
    s[o++] = avgEntry;
    s[o++] = pmx;
    s[o] = liq;
    this.stateCount++;
    this.wallet = wallet;
    this.sign = sign;
    this.qty = qty;
    this.avgEntry = avgEntry;
    this.pmx = pmx;
    this.liq = liq;
  }

  /** Offset of the state row in force at bar `i` (binary search on fromBar). */
  private stateAt(i: number): number {
    let lo = 0;
    let hi = this.stateCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.states[mid * STATE_STRIDE]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo * STATE_STRIDE;
  }

  at(i: number): Snapshot {
    const b = i * BAR_STRIDE;
    const closeTime = this.closeTimeAt(i);
    const mark = this.bars[b]!;
    const adverse = this.bars[b + 1]!;
    const s = this.stateAt(i);
    const st = this.states;
    const wallet = st[s + 1]!;
    const sign = st[s + 2]!;
    const qty = st[s + 3]!;
    if (sign === 0) {
      return {
        closeTime,
        walletBalance: wallet,
        upnl: 0,
        equity: wallet,
        markPrice: mark,
        positionSide: null,
        positionQty: 0,
        positionValue: 0,
        liqPrice: null,
        worstCoverage: null,
        worstLiqDistancePct: null,
      };
    }
    const avgEntry = st[s + 4]!;
    const pmx = st[s + 5]!;
    const liq = st[s + 6]!;
    const upnl = sign * qty * (mark - avgEntry);
    const mm = mmCoreValue(qty * adverse, this.tiers);
    const coverage = mm > 0 ? (pmx + sign * qty * (adverse - avgEntry)) / mm : Number.POSITIVE_INFINITY;
    let liqDist: number | null = null;
    if (!Number.isNaN(liq)) {
      liqDist = sign > 0 ? ((adverse - liq) / adverse) * 100 : ((liq - adverse) / adverse) * 100;
      if (liqDist < 0) liqDist = 0;
    }
    const side: PositionSide = sign > 0 ? 'long' : 'short';
    return {
      closeTime,
      walletBalance: wallet,
      upnl,
      equity: wallet + upnl,
      markPrice: mark,
      positionSide: side,
      positionQty: qty,
      positionValue: qty * mark,
      liqPrice: Number.isNaN(liq) ? null : liq,
      worstCoverage: coverage,
      worstLiqDistancePct: liqDist,
    };
  }

  /** Equity at every stored 1m close. */
  equity(): Float64Array {
    const out = new Float64Array(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.at(i).equity;
    return out;
  }

  toArray(): Snapshot[] {
    const out: Snapshot[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.at(i));
    return out;
  }
}
