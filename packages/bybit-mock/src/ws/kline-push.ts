import {
  BYBIT_INTERVAL,
  floorToTf,
  lowerBoundTs,
  TF_MINUTES,
  type Timeframe,
  tfDurationMs,
} from '@trade/core';
import type { FaultEngine } from '../faults/fault-engine';
import { inMissingRange } from '../faults/fault-engine';
import type { BarValues } from '../market/kline-series';
import { klineCells, seriesBar } from '../routes/market-kline';
import type { MarketView } from '../routes/market-tickers';

/** A subscribed `kline.{interval}.{SYM}` topic. */
export interface KlineTopic {
  readonly topic: string;
  readonly symbol: string;
  readonly tf: Timeframe;
}

/** One push, serialised, with what orders it among the pushes of a step. */
export interface TopicPush {
  readonly topic: string;
  readonly text: string;
}

interface ClosePush extends TopicPush {
  readonly closeMs: number;
  readonly minutes: number;
}

/** `{topic, type: "snapshot", ts, data: [item]}` with Bybit's kline item; the bar printed by REST's `klineCells`. */
function klineMessage(k: KlineTopic, bar: BarValues, confirm: boolean, ts: number): string {
  const [start, open, high, low, close, volume, turnover] = klineCells('last', bar);
  const startMs = Number(start);
  const item = {
    start: startMs,
    end: startMs + tfDurationMs(k.tf) - 1,
    interval: BYBIT_INTERVAL[k.tf],
    open,
    close,
    high,
    low,
    volume,
    turnover,
    confirm,
    timestamp: ts,
  };
  return JSON.stringify({ topic: k.topic, type: 'snapshot', ts, data: [item] });
}

/**
 * The kline pushes of one clock step `(fromMs, toMs]` (`bybit-mock.md` §8.2): a `confirm: true` message for every
 * bar that closed inside the step, chronological, bars closing at the same instant in ascending interval order
 * (`reorderCloses` changes that order); then one `confirm: false` update of each topic's forming bar at `toMs`.
 * Closed bars come from the served series REST reads, so a confirmed bar equals the REST row; a bar the data lacks,
 * or a `missingBars` fault removes, is not confirmed (its forming updates still go out).
 */
export function klineStep(
  view: MarketView,
  faults: FaultEngine,
  topics: readonly KlineTopic[],
  fromMs: number,
  toMs: number,
): TopicPush[] {
  const closes: ClosePush[] = [];
  for (const k of topics) {
    const dur = tfDurationMs(k.tf);
    const series = view.market.served(k.symbol, k.tf, 'last');
    const missing = faults.missingRanges(k.symbol, BYBIT_INTERVAL[k.tf]);
    for (let start = floorToTf(fromMs, k.tf); start + dur <= toMs; start += dur) {
      if (start + dur <= fromMs) continue;
      if (inMissingRange(missing, start)) continue;
      const i = lowerBoundTs(series.candles, start);
      if (i >= series.candles.length || series.candles.ts[i] !== start) continue;
      closes.push({
        topic: k.topic,
        closeMs: start + dur,
        minutes: TF_MINUTES[k.tf],
        text: klineMessage(k, seriesBar(series, i), true, start + dur),
      });
    }
  }
  closes.sort(
    (a, b) =>
      a.closeMs - b.closeMs || a.minutes - b.minutes || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0),
  );
  const mode = faults.closeOrder();
  const ordered = mode === undefined ? closes : reorderInstants(closes, mode, faults);
  const forming: TopicPush[] = [];
  for (const k of [...topics].sort((a, b) => TF_MINUTES[a.tf] - TF_MINUTES[b.tf])) {
    const bar = view.market.forming(k.symbol, 'last', k.tf, toMs);
    if (bar !== undefined) forming.push({ topic: k.topic, text: klineMessage(k, bar, false, toMs) });
  }
  return [...ordered, ...forming];
}

/**
 * `reorderCloses`: within each run of closes at one instant (sorted ascending), `descending` puts the longest
 * interval first (topics of one interval stay alphabetical); `shuffle` permutes the run with the engine's
 * per-instant seeded PRNG. Instants stay chronological.
 */
function reorderInstants(
  closes: readonly ClosePush[],
  mode: 'descending' | 'shuffle',
  faults: FaultEngine,
): ClosePush[] {
  const out: ClosePush[] = [];
  for (let i = 0; i < closes.length; ) {
    let j = i;
    while (j < closes.length && closes[j]!.closeMs === closes[i]!.closeMs) j++;
    const run = closes.slice(i, j);
    if (mode === 'shuffle') out.push(...faults.shuffleCloses(run, closes[i]!.closeMs));
    else
      out.push(
        ...run.sort((a, b) => b.minutes - a.minutes || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0)),
      );
    i = j;
  }
  return out;
}
