import type { FundingRecord, FundingSource } from '../types';

const MINUTE_MS = 60_000;

/**
 * When funding settles and at which rate (§13): the instrument grid (multiples of the funding interval since
 * 00:00 UTC) for constant rates and for a rate passed to `stepMinute`; the stored timestamps plus the grid (to
 * detect missing rows) for history. Pure schedule: booking is the simulator's.
 */
export class FundingSchedule {
  private readonly gridMs: number;
  private readonly historyTimes: Float64Array;
  private readonly historyRates: Map<number, number>;
  private cursor = 0;

  constructor(
    readonly source: FundingSource,
    fundingIntervalMin: number,
  ) {
    this.gridMs = fundingIntervalMin * MINUTE_MS;
    const rows =
      source.source === 'history' ? [...source.rates].sort((x, y) => x.fundingTime - y.fundingTime) : [];
    this.historyTimes = Float64Array.from(rows.map((r) => r.fundingTime));
    this.historyRates = new Map(rows.map((r) => [r.fundingTime, r.rate]));
  }

  /** Funding times `T` with `from < T ≤ to`, ascending. */
  timesIn(from: number, to: number, inputRateGiven: boolean): number[] {
    const times: number[] = [];
    if ((inputRateGiven || this.source.source !== 'none') && this.gridMs > 0) {
      for (let T = (Math.floor(from / this.gridMs) + 1) * this.gridMs; T <= to; T += this.gridMs)
        times.push(T);
    }
    if (this.source.source === 'history') {
      while (this.cursor < this.historyTimes.length && this.historyTimes[this.cursor]! <= from) this.cursor++;
      for (let k = this.cursor; k < this.historyTimes.length && this.historyTimes[k]! <= to; k++) {
        const T = this.historyTimes[k]!;
        if (!times.includes(T)) times.push(T);
      }
      times.sort((x, y) => x - y);
    }
    return times;
  }

  /** The rate for funding time `T`, or undefined when a history row is missing. */
  rateAt(
    T: number,
    inputRate: number | undefined,
  ): { rate: number; source: FundingRecord['source'] } | undefined {
    if (inputRate !== undefined) return { rate: inputRate, source: 'input' };
    if (this.source.source === 'constant') return { rate: this.source.rate, source: 'constant' };
    const rate = this.historyRates.get(T);
    return rate === undefined ? undefined : { rate, source: 'history' };
  }

  /** The first scheduled funding time after `t` (Infinity when none is configured). */
  nextAfter(t: number): number {
    let next = Number.POSITIVE_INFINITY;
    if (this.source.source !== 'none' && this.gridMs > 0)
      next = (Math.floor(t / this.gridMs) + 1) * this.gridMs;
    if (this.source.source === 'history') {
      let k = this.cursor;
      while (k < this.historyTimes.length && this.historyTimes[k]! <= t) k++;
      if (k < this.historyTimes.length) next = Math.min(next, this.historyTimes[k]!);
    }
    return next;
  }
}
