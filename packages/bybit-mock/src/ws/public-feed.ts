import type { FaultEngine } from '../faults/fault-engine';
import { type BookSide, bookLevels } from '../routes/market-orderbook';
import { type MarketView, type TickerRow, tickerRow } from '../routes/market-tickers';
import { type KlineTopic, klineStep, type TopicPush } from './kline-push';
import { parsePublicTopic } from './topics';

/** A public connection as the feed sees it: its topics and a way to push to it (faults apply there). */
export interface PushTarget {
  readonly topics: ReadonlySet<string>;
  push(topic: string, text: string): void;
}

interface TickerState {
  row: TickerRow;
}

interface BookState {
  readonly symbol: string;
  readonly depth: number;
  u: number;
  b: BookSide;
  a: BookSide;
  /** The `resetOrderbook` tokens this book has answered (or that were set before it existed). */
  readonly resetsDone: WeakSet<object>;
}

/** Changed and removed levels of one side, best first (`size "0"` deletes a level). */
function sideDelta(before: BookSide, after: BookSide, bestFirst: (x: number, y: number) => number): BookSide {
  const old = new Map(before);
  const now = new Map(after);
  const out: BookSide = [];
  for (const [price, size] of after) if (old.get(price) !== size) out.push([price, size]);
  for (const [price] of before) if (!now.has(price)) out.push([price, '0']);
  return out.sort((x, y) => bestFirst(Number(x[0]), Number(y[0])));
}

/**
 * The public streams (`bybit-mock.md` §8.2), computed once per topic and fanned out to every connection
 * subscribed to it. Tickers and order books keep one shared state per topic (the last row or book sent, `u`), so
 * a new subscriber's snapshot is exactly the state the following deltas are computed against.
 */
export class PublicFeed {
  private readonly targets = new Set<PushTarget>();
  private readonly tickers = new Map<string, TickerState>();
  private readonly books = new Map<string, BookState>();
  /** Bybit's cross sequence (`cs` of tickers, `seq` of books): increases with every message. */
  private sequence = 1;

  constructor(
    private readonly view: MarketView,
    private readonly faults: FaultEngine,
  ) {}

  attach(target: PushTarget): void {
    this.targets.add(target);
  }

  detach(target: PushTarget): void {
    this.targets.delete(target);
  }

  isTopic(topic: string): boolean {
    return parsePublicTopic(topic, (s) => this.view.market.hasSymbol(s)) !== undefined;
  }

  /** The snapshot a new subscriber of `topic` gets (tickers, order books); undefined for klines. */
  snapshot(topic: string): string | undefined {
    const t = parsePublicTopic(topic, (s) => this.view.market.hasSymbol(s));
    const now = this.view.clock.now();
    if (t?.kind === 'tickers') {
      let state = this.tickers.get(topic);
      if (state === undefined) {
        state = { row: tickerRow(this.view, t.symbol) };
        this.tickers.set(topic, state);
      }
      return JSON.stringify({ topic, type: 'snapshot', data: state.row, cs: this.sequence++, ts: now });
    }
    if (t?.kind === 'orderbook') {
      let state = this.books.get(topic);
      if (state === undefined) {
        const levels = bookLevels(this.view, t.symbol, now, t.depth);
        // A book born under a `resetOrderbook` rule already starts at `u: 1`: the rule is answered.
        const resetsDone = new WeakSet(this.faults.orderbookResets(t.symbol));
        state = { symbol: t.symbol, depth: t.depth, u: 1, ...levels, resetsDone };
        this.books.set(topic, state);
      }
      return this.bookMessage(topic, 'snapshot', state, state.b, state.a, now);
    }
    return undefined;
  }

  /** Pushes what the step `(fromMs, toMs]` changed on every subscribed topic, in the order of §8.2. */
  step(fromMs: number, toMs: number): void {
    const subscribed = new Set<string>();
    for (const t of this.targets) for (const topic of t.topics) subscribed.add(topic);
    for (const topic of this.tickers.keys()) if (!subscribed.has(topic)) this.tickers.delete(topic);
    for (const topic of this.books.keys()) if (!subscribed.has(topic)) this.books.delete(topic);
    const klines: KlineTopic[] = [];
    const pushes: TopicPush[] = [];
    for (const topic of subscribed) {
      const t = parsePublicTopic(topic, (s) => this.view.market.hasSymbol(s));
      if (t?.kind === 'kline') klines.push(t);
    }
    pushes.push(...klineStep(this.view, this.faults, klines, fromMs, toMs));
    for (const [topic, state] of this.tickers) {
      const text = this.tickerDelta(topic, state, toMs);
      if (text !== undefined) pushes.push({ topic, text });
    }
    for (const [topic, state] of this.books) {
      const text = this.bookDelta(topic, state, toMs);
      if (text !== undefined) pushes.push({ topic, text });
    }
    for (const target of this.targets) {
      for (const p of pushes) if (target.topics.has(p.topic)) target.push(p.topic, p.text);
    }
  }

  /** Only the fields that changed since the last row sent, plus `symbol`; undefined when nothing changed. */
  private tickerDelta(topic: string, state: TickerState, now: number): string | undefined {
    const row = tickerRow(this.view, state.row.symbol);
    const changed: Record<string, string> = { symbol: row.symbol };
    let any = false;
    for (const [k, v] of Object.entries(row)) {
      if (state.row[k] === v) continue;
      changed[k] = v;
      any = true;
    }
    state.row = row;
    return any
      ? JSON.stringify({ topic, type: 'delta', data: changed, cs: this.sequence++, ts: now })
      : undefined;
  }

  /**
   * The book's next push: a `delta` of the changed levels (none when nothing changed), or, when a `resetOrderbook`
   * rule of its symbol is pending for it, a full `snapshot` with `u: 1` (whether or not levels changed), after
   * which deltas count on from 1 as after a subscribe.
   */
  private bookDelta(topic: string, state: BookState, now: number): string | undefined {
    const next = bookLevels(this.view, state.symbol, now, state.depth);
    const pending = this.faults.orderbookResets(state.symbol).filter((r) => !state.resetsDone.has(r));
    if (pending.length > 0) {
      for (const r of pending) state.resetsDone.add(r);
      state.b = next.b;
      state.a = next.a;
      state.u = 1;
      return this.bookMessage(topic, 'snapshot', state, state.b, state.a, now);
    }
    const b = sideDelta(state.b, next.b, (x, y) => y - x);
    const a = sideDelta(state.a, next.a, (x, y) => x - y);
    state.b = next.b;
    state.a = next.a;
    if (b.length === 0 && a.length === 0) return undefined;
    state.u++;
    return this.bookMessage(topic, 'delta', state, b, a, now);
  }

  private bookMessage(
    topic: string,
    type: 'snapshot' | 'delta',
    state: BookState,
    b: BookSide,
    a: BookSide,
    now: number,
  ): string {
    const data = { s: state.symbol, b, a, u: state.u, seq: this.sequence++ };
    return JSON.stringify({ topic, type, ts: now, data, cts: now });
  }
}
