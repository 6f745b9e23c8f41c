import { allocateCandles, type Candles, createPrng, MINUTE_MS, rollup } from '@trade/core';
import { TfBarBuilder, TfSeries } from '@trade/engine';

/**
 * The synthetic rollup audit of `validation.md` §6.4: 10 exec intervals × 15 synthetic 1m quotes (random walk,
 * σ 0.5 absolute from 100, 1m spacing from 2024-01-01T00:00Z, seed 1337), rolled up by the engine and compared
 * with a manual recomputation from the raw quotes.
 *
 * The engine's `px.rollup` values are its exec-TF bars (decision in the package README): the accumulator is
 * `TfBarBuilder` (first = open, max = high, min = low, last = close; fed volume 1 per quote its volume is the
 * count, fed volume = quote it is the sum), the freeze is the bar it completes, and the snapshot accessors are the
 * `TfSeries` columns and `closeAt(offset)` that conditions read. Compared per interval and value: (a) the batch
 * accumulator (`@trade/core` `rollup`) vs the freeze, (b) the snapshot accessors vs the freeze, (c) the freeze vs
 * the manual recomputation.
 */

export const PX_ROLLUP_INTERVALS = 10;
export const PX_ROLLUP_QUOTES = 15;
const START_MS = Date.UTC(2024, 0, 1);
const EXEC_TF = '15m';
const TOLERANCE = 1e-10;

export interface Quote {
  readonly ts: number;
  readonly price: number;
}

/** §6.4 quotes: q₋₁ = 100, qₖ = qₖ₋₁ + 0.5·z (PRNG stream 0 of seed 1337, `synthetic-data.md` §4). */
export function pxRollupQuotes(seed = 1337): Quote[] {
  const rng = createPrng(seed);
  const quotes: Quote[] = [];
  let p = 100;
  for (let k = 0; k < PX_ROLLUP_INTERVALS * PX_ROLLUP_QUOTES; k++) {
    p += 0.5 * rng.normal();
    quotes.push({ ts: START_MS + k * MINUTE_MS, price: p });
  }
  return quotes;
}

/** One value of one interval: name, engine value, manual value. */
interface Comparison {
  readonly interval: number;
  readonly accessor: string;
  readonly got: number;
  readonly ref: number;
}

export interface PxRollupAudit {
  readonly comparisons: number;
  readonly failed: number;
  /** `<interval> <accessor> ref=<v> got=<v>` of the first failure. */
  readonly first: string | undefined;
}

type Values = Readonly<Record<(typeof ACCESSORS)[number], number>>;
const ACCESSORS = ['first', 'max', 'min', 'last', 'count', 'sum'] as const;

/** 1m candles of the quotes (O = H = L = C = quote) with `volume(q)` as volume. */
function quoteCandles(quotes: readonly Quote[], volume: (q: Quote) => number): Candles {
  const c = allocateCandles(quotes.length);
  quotes.forEach((q, i) => {
    c.ts[i] = q.ts;
    c.open[i] = q.price;
    c.high[i] = q.price;
    c.low[i] = q.price;
    c.close[i] = q.price;
    c.volume[i] = volume(q);
  });
  return c;
}

/** The engine's incremental path: builders (count and sum) freezing into a `TfSeries`, bar by bar. */
function engineRollup(quotes: readonly Quote[]): {
  frozen: Map<number, Values>;
  series: TfSeries;
  sums: TfSeries;
} {
  const counts = new TfBarBuilder(EXEC_TF);
  const weighted = new TfBarBuilder(EXEC_TF);
  const series = new TfSeries(EXEC_TF, 16);
  const sums = new TfSeries(EXEC_TF, 16);
  const frozen = new Map<number, Values>();
  for (const q of quotes) {
    const closed = counts.push(q.ts, q.price, q.price, q.price, q.price, 1);
    weighted.push(q.ts, q.price, q.price, q.price, q.price, q.price);
    if (!closed) continue;
    const b = counts.bar;
    frozen.set(b.ts, {
      first: b.open,
      max: b.high,
      min: b.low,
      last: b.close,
      count: b.volume,
      sum: weighted.bar.volume,
    });
    series.append(b, counts.formingClose);
    sums.append(weighted.bar, weighted.formingClose);
  }
  return { frozen, series, sums };
}

/**
 * Rolls `engineQuotes` (default: the quotes) up through the engine and compares every interval's values three
 * ways (see above) with `quotes`. `engineQuotes` exists so a test can feed the engine a perturbed list.
 */
export function auditPxRollup(
  quotes: readonly Quote[] = pxRollupQuotes(),
  engineQuotes: readonly Quote[] = quotes,
): PxRollupAudit {
  const { frozen, series, sums } = engineRollup(engineQuotes);
  const batchCount = rollup(
    quoteCandles(engineQuotes, () => 1),
    EXEC_TF,
  );
  const batchSum = rollup(
    quoteCandles(engineQuotes, (q) => q.price),
    EXEC_TF,
  );
  const comparisons: Comparison[] = [];
  const span = PX_ROLLUP_QUOTES * MINUTE_MS;
  for (let k = 0; k < PX_ROLLUP_INTERVALS; k++) {
    const from = START_MS + k * span;
    // Manual recomputation: plain scans of the raw quotes of the interval.
    const raw = quotes.filter((q) => q.ts >= from && q.ts < from + span).map((q) => q.price);
    const manual: Values = {
      first: raw[0] ?? Number.NaN,
      max: Math.max(...raw),
      min: Math.min(...raw),
      last: raw[raw.length - 1] ?? Number.NaN,
      count: raw.length,
      sum: raw.reduce((a, x) => a + x, 0),
    };
    const freeze = frozen.get(from);
    const at = (c: Candles): number => {
      for (let i = 0; i < c.length; i++) if (c.ts[i] === from) return i;
      return -1;
    };
    const bi = at(batchCount);
    const batch: Values | undefined =
      bi < 0
        ? undefined
        : {
            first: batchCount.open[bi]!,
            max: batchCount.high[bi]!,
            min: batchCount.low[bi]!,
            last: batchCount.close[bi]!,
            count: batchCount.volume[bi]!,
            sum: batchSum.volume[at(batchSum)] ?? Number.NaN,
          };
    const si = at(series);
    const snapshot: Values | undefined =
      si < 0
        ? undefined
        : {
            first: series.open[si]!,
            max: series.high[si]!,
            min: series.low[si]!,
            last: series.closeAt(series.length - 1 - si),
            count: series.volume[si]!,
            sum: sums.volume[si]!,
          };
    for (const accessor of ACCESSORS) {
      const frozenValue = freeze?.[accessor] ?? Number.NaN;
      const name = `px.rollup.${accessor}`;
      comparisons.push({
        interval: from,
        accessor: `${name} (freeze vs manual)`,
        got: frozenValue,
        ref: manual[accessor],
      });
      comparisons.push({
        interval: from,
        accessor: `${name} (accumulator vs freeze)`,
        got: batch?.[accessor] ?? Number.NaN,
        ref: frozenValue,
      });
      comparisons.push({
        interval: from,
        accessor: `${name} (snapshot vs freeze)`,
        got: snapshot?.[accessor] ?? Number.NaN,
        ref: frozenValue,
      });
    }
  }
  const bad = comparisons.filter(
    (c) => !(Math.abs(c.got - c.ref) <= TOLERANCE * Math.max(1, Math.abs(c.ref))),
  );
  const f = bad[0];
  return {
    comparisons: comparisons.length,
    failed: bad.length,
    first:
      f === undefined
        ? undefined
        : `${new Date(f.interval).toISOString()} ${f.accessor} ref=${f.ref} got=${f.got}`,
  };
}
