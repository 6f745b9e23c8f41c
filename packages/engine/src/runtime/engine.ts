import { type InstrumentSpec, MINUTE_MS, tfDurationMs } from '@trade/core';
import { type CompiledIntent, type CompiledPlay, TRUE } from '@trade/play';
import {
  type Fill,
  floorQty,
  liquidationPrice,
  roundPrice,
  type SimEvent,
  type Snapshot,
  type StepReport,
  type Trade,
} from '@trade/sim-exchange';
import { isoTime } from '../artifacts/format';
import { TfSeries } from '../timeframes/tf-series';
import { EngineEvalContext, type FundingSeries, PositionFields } from './eval-context';
import type { ExchangePort } from './exchange-port';
import { decideAction, type IntentState } from './intent-resolution';
import { entryPrices } from './order-prices';
import { breakEvenRule, type PlannedTp, planRisk, trailingRule } from './risk-plan';
import { RunRecorder } from './run-recorder';
import { sizeEntry } from './sizing';
import {
  type BreakEvenRule,
  maintainStops,
  type StopCause,
  type StopState,
  type TrailingRule,
} from './stop-maintenance';
import { TimeframeBank } from './timeframe-bank';
import { type TradeContext, tradeRow } from './trade-rows';

export type StopReason = 'end_of_data' | 'liquidated' | 'max_drawdown_hit';

export interface EngineConfig {
  readonly compiled: CompiledPlay;
  readonly instrument: InstrumentSpec;
  readonly exchange: ExchangePort;
  readonly symbol: string;
  /** First simulated instant (an exec boundary). */
  readonly simStart: number;
  /** Last instant (an exec boundary); end-of-data close happens here. */
  readonly simEnd: number;
  readonly leverage: number;
  readonly takerFeeRate: number;
  readonly makerFeeRate: number;
  /**
   * Expected adverse slippage of a taker fill as a fraction (2 bps → 0.0002): the affordability cap prices the
   * entry at the fill it expects, not at the reference, so a capped entry is not cancelled at fill for the
   * slippage alone (decision in the README).
   */
  readonly slippageRate: number;
  readonly initialEquity: number;
  readonly maxDrawdownPct: number;
  /** Settlements visible to `funding_rate` references. */
  readonly funding: FundingSeries;
  /** Expected number of 1m bars (preallocation only). */
  readonly expectedMinutes: number;
}

/** One closed 1m bar as the engine receives it (backtest: from storage; live: a confirmed kline). */
export interface MinuteBar {
  readonly ts: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** Close of the mark-price bar of the same minute (NaN: fall back to the last price). */
  readonly markClose: number;
}

interface PendingEntry {
  readonly orderId: string;
  readonly dir: 1 | -1;
  readonly orderType: TradeContext['entryOrderType'];
  readonly signal: string;
  readonly metadata: string | null;
  readonly tps: readonly PlannedTp[];
  readonly slDistance: number;
  readonly slPrice: number;
  /** Exec closes seen since creation (the close ending the creation bar counts as 1). */
  execCloses: number;
  readonly expireAfter: number;
}

/** The fields of `order_created` / `order_triggered` besides `order_id` (`engine.md` §11.6). */
interface OrderFields {
  readonly role: 'entry' | 'exit' | 'tp' | 'sl';
  readonly side: 'Buy' | 'Sell';
  readonly order_type: string;
  readonly qty: number;
  readonly price: number;
  readonly trigger: number;
  readonly tif: string;
  readonly reduce_only: boolean;
  readonly position_id: string | null;
}

/** Simulator events after which an order no longer works. */
const FINAL_ORDER_EVENTS: ReadonlySet<string> = new Set([
  'ORDER_FILLED',
  'ORDER_CANCELLED',
  'ORDER_DEACTIVATED',
  'ORDER_REJECTED',
]);

interface OpenPosition {
  readonly tradeId: string;
  readonly dir: 1 | -1;
  readonly entryBarIndex: number;
  readonly context: Omit<
    TradeContext,
    | 'tpLegsFilled'
    | 'finalSl'
    | 'lastStopCause'
    | 'exitBarIndex'
    | 'exitSignal'
    | 'exitMetadata'
    | 'exitFills'
    | 'durationBars'
    | 'exitTsMs'
  >;
  readonly stops: StopState;
  lastStopCause: StopCause | null;
  barsInTrade: number;
  exitSignal: string | null;
  exitMetadata: string | null;
  exitFills: number;
  /** Ids of the position's TP orders that triggered (their fills are TP legs, `tp_legs_filled`). */
  readonly tpOrderIds: Set<string>;
  /** The bar of the opening fill contributes only the fill price to the peak (`engine.md` §8.4). */
  openedInBar: number;
  readonly entryFillPrice: number;
  readonly initialMargin: number;
  qty: number;
}

/** Cancellations that are housekeeping, not failures: they do not count in `rejections_by_reason`. */
const ROUTINE_CANCELS: ReadonlySet<string> = new Set([
  'POSITION_CLOSED',
  'STOPPED',
  'USER',
  'REPLACED',
  'EXPIRED',
]);

const ORDER_TYPE_NAMES = {
  MARKET: 'market',
  LIMIT: 'limit',
  STOP: 'stop',
  STOP_LIMIT: 'stop_limit',
} as const;

/**
 * The one engine (`engine.md` §4): stepped minute by minute, it never learns where bars come from. For every
 * closed 1m bar it runs the close-side phases C1–C6 between two exchange steps: collect the exchange's report,
 * step every timeframe whose bar closed, maintain stops, mark to market, run exec-close tasks (equity row,
 * expiry, drawdown stop, end of data) and evaluate the play. Orders it submits act at the next 1m open.
 */
export class Engine {
  readonly recorder = new RunRecorder();
  readonly banks: readonly TimeframeBank[];
  private readonly minute: TfSeries;
  private readonly markMinute: TfSeries;
  private readonly readsMark: boolean;
  private readonly ctx: EngineEvalContext;
  private readonly positionFields = new PositionFields();
  private readonly execMs: number;
  private readonly trailing: TrailingRule | null;
  private readonly breakEven: BreakEvenRule | null;
  private pending: PendingEntry | null = null;
  private readonly intentStateScratch: { -readonly [K in keyof IntentState]: IntentState[K] };
  private open: OpenPosition | null = null;
  private fillCursor = 0;
  private tradeCursor = 0;
  private eventCursor = 0;
  private fundingCursor = 0;
  private feesCum = 0;
  private fundingCum = 0;
  /** Fields of the orders still working, as `order_created` reported them (`order_triggered` repeats them). */
  private readonly liveOrders = new Map<string, OrderFields>();
  /** The liquidation trigger (mark, liq_price) the `liquidation` event reports. */
  private readonly liquidationTrigger = { mark: Number.NaN, liqPrice: Number.NaN };
  private peakEquity: number;
  private lastSnapshot: Snapshot | null = null;
  private stopReasonValue: StopReason | null = null;
  private stopTs = Number.NaN;
  private lastClose = Number.NaN;
  private lastMark = Number.NaN;

  constructor(private readonly config: EngineConfig) {
    const { compiled } = config;
    this.execMs = tfDurationMs(compiled.execTf);
    const perMinute = config.expectedMinutes;
    this.banks = compiled.timeframes.map(
      (layout) => new TimeframeBank(layout, Math.ceil(perMinute / (tfDurationMs(layout.tf) / MINUTE_MS)) + 2),
    );
    this.minute = new TfSeries('1m', perMinute + 2);
    // The mark series exists for `mark_price` references only; without one it stays empty (no memory, no work).
    this.readsMark = compiled.slots.some((s) => s.source === 'mark_price');
    this.markMinute = new TfSeries('1m', this.readsMark ? perMinute + 2 : 0);
    const byTf = new Map(this.banks.map((b) => [b.layout.tf as string, b]));
    this.ctx = new EngineEvalContext(
      compiled,
      byTf,
      this.minute,
      this.markMinute,
      config.funding,
      this.positionFields,
    );
    this.trailing = trailingRule(compiled);
    this.breakEven = breakEvenRule(compiled);
    this.peakEquity = config.initialEquity;
    this.positionFields.setFlat(false);
    const policy = compiled.play.position_policy;
    this.intentStateScratch = {
      position: 0,
      pendingEntry: 0,
      mode: policy.mode,
      allowFlip: policy.allow_flip,
    };
  }

  get stopReason(): StopReason | null {
    return this.stopReasonValue;
  }

  get stopInstant(): number {
    return this.stopTs;
  }

  get stopped(): boolean {
    return this.stopReasonValue !== null;
  }

  /** Emits `run_start`; call once before the first bar. */
  start(payload: Readonly<Record<string, unknown>>): void {
    this.recorder.event(this.config.simStart, 'run_start', payload);
  }

  /**
   * Close side of the minute that just ended at T = bar.ts + 1m (`engine.md` §4.1). `report` is the exchange's
   * report of this bar when it was simulated (from sim_start on), null during warmup.
   */
  onMinuteClose(bar: MinuteBar, report: StepReport | null): void {
    if (this.stopReasonValue !== null) return;
    const T = bar.ts + MINUTE_MS;
    const { simStart, simEnd } = this.config;
    // C1: collect the exchange's records of bar k−1.
    if (report !== null) this.collect(report, bar);
    // C2: bar closes, ascending TF duration.
    // The 1m series serve `last_price`/`mark_price` references, which read closes only (`EngineEvalContext`).
    this.minute.appendClose(bar.close, T);
    const markClose = Number.isFinite(bar.markClose) ? bar.markClose : bar.close;
    if (this.readsMark) this.markMinute.appendClose(markClose, T);
    for (const bank of this.banks)
      bank.pushMinute(bar.ts, bar.open, bar.high, bar.low, bar.close, bar.volume);
    this.lastClose = bar.close;
    this.lastMark = markClose;
    if (T < simStart) return;
    if (T === simStart) {
      this.equityRow(T, 'start');
      return;
    }
    if (this.stopReasonValue !== null) return;
    if (this.config.exchange.stopped) {
      this.terminal(T, 'liquidated');
      return;
    }
    // C3: trailing and break-even from the closed bar, effective from the next bar; none at sim_end, where
    // the end-of-data close follows and no bar remains for a moved stop.
    if (T < simEnd) this.maintainStops(T, bar);
    const execClose = (T - simStart) % this.execMs === 0;
    // C5's bars_in_trade += 1 happens before C4's refresh so that C6 conditions read this bar's count.
    if (execClose && this.open !== null) this.open.barsInTrade += 1;
    // C4: mark to market happened in the exchange's close point; refresh position fields.
    this.refreshPositionFields();
    // C5: exec-close tasks.
    if (execClose) {
      this.expireEntry(T);
      if (T >= simEnd) {
        this.finish(T, 'end_of_data');
        return;
      }
      const equity = this.currentEquity();
      if (equity > this.peakEquity) this.peakEquity = equity;
      const dd = ((this.peakEquity - equity) / this.peakEquity) * 100;
      if (dd >= this.config.maxDrawdownPct) {
        this.recorder.event(T, 'drawdown_stop', {
          equity,
          peak: this.peakEquity,
          drawdown_pct: dd,
          limit: this.config.maxDrawdownPct,
        });
        this.finish(T, 'max_drawdown_hit');
        return;
      }
      this.equityRow(T, 'bar');
      if (this.open !== null && this.lastSnapshot !== null) {
        this.recorder.exposureSamples.push({
          positionValue: this.lastSnapshot.positionValue,
          equity: this.lastSnapshot.equity,
        });
      }
    }
    // C6: evaluate at ticks.
    const tick = this.config.compiled.evalClock === '1m' || execClose;
    if (tick && T < simEnd) this.evaluate(T);
  }

  // ------------------------------------------------------------------ C1

  private collect(report: StepReport, bar: MinuteBar): void {
    // The report materialises its snapshot on every read: read it once, and not at all on a quiet minute while
    // flat (no position, no fill, event or funding), where nothing the engine reads from it (equity = wallet)
    // can have changed. That is most minutes of most runs.
    const quietFlat =
      this.lastSnapshot !== null &&
      this.lastSnapshot.positionSide === null &&
      report.fills.length === 0 &&
      report.events.length === 0 &&
      report.funding.length === 0 &&
      this.config.exchange.position === null;
    if (quietFlat) {
      this.drainExchange(bar.ts);
      return;
    }
    const snap = report.snapshot;
    this.lastSnapshot = snap;
    if (snap.positionSide !== null && snap.worstCoverage !== null && this.open !== null) {
      this.recorder.marginSamples.push({ tradeId: this.open.tradeId, coverage: snap.worstCoverage });
    }
    if (snap.positionSide !== null && snap.worstLiqDistancePct !== null)
      this.recorder.liqDistanceSamples.push(snap.worstLiqDistancePct);
    this.drainExchange(bar.ts);
  }

  /**
   * Reads everything the exchange appended since the last call: events in order, each fill written where the
   * event that reports it (`ORDER_FILLED`) stands, then funding records and closed trades.
   */
  private drainExchange(barTs: number): void {
    const ex = this.config.exchange;
    const events = ex.events;
    const fills = ex.fills;
    for (; this.eventCursor < events.length; this.eventCursor++) {
      const e = events[this.eventCursor]!;
      if (e.type === 'POSITION_REDUCED') {
        // The simulator reports the reduction before the ORDER_FILLED of the fill that caused it: that fill is the
        // next closing fill of the trade, written first so the artifact reads fill → position_reduced.
        this.positionReduced(e, this.writeFillsThroughClose(e.tradeId as string, barTs));
        continue;
      }
      if (typeof e.fillId === 'string') this.writeFillsThrough(e.fillId, barTs);
      this.onSimEvent(e);
    }
    for (; this.fillCursor < fills.length; this.fillCursor++) this.onFill(fills[this.fillCursor]!, barTs);
    const funding = ex.fundingRecords();
    for (; this.fundingCursor < funding.length; this.fundingCursor++) {
      const r = funding[this.fundingCursor]!;
      this.fundingCum += r.cashFlow;
      this.recorder.counters.funding_settlements += 1;
      this.recorder.event(r.time, 'funding', {
        position_id: r.tradeId,
        rate: r.rate,
        mark: r.markPrice,
        amount: r.cashFlow,
      });
    }
    const trades = ex.trades;
    for (; this.tradeCursor < trades.length; this.tradeCursor++)
      this.onTradeClosed(trades[this.tradeCursor]!);
  }

  /** Writes the unwritten fills up to `fillId` (nothing when it is the last one written). */
  private writeFillsThrough(fillId: string, barTs: number): void {
    const fills = this.config.exchange.fills;
    if (this.fillCursor > 0 && fills[this.fillCursor - 1]!.fillId === fillId) return;
    while (this.fillCursor < fills.length) {
      const f = fills[this.fillCursor++]!;
      this.onFill(f, barTs);
      if (f.fillId === fillId) return;
    }
  }

  /** Writes the unwritten fills up to the next one that closes part of `tradeId`; returns that fill. */
  private writeFillsThroughClose(tradeId: string, barTs: number): Fill | undefined {
    const fills = this.config.exchange.fills;
    while (this.fillCursor < fills.length) {
      const f = fills[this.fillCursor++]!;
      this.onFill(f, barTs);
      if (f.closedQty > 0 && f.tradeId === tradeId) return f;
    }
    return undefined;
  }

  private positionReduced(e: SimEvent, fill: Fill | undefined): void {
    this.recorder.counters.partial_exits += 1;
    this.recorder.event(e.time, 'position_reduced', {
      position_id: e.tradeId,
      qty_closed: fill?.closedQty ?? null,
      qty_left: e.qty,
      realized: fill?.realizedPnl ?? null,
    });
  }

  private onFill(f: Fill, barTs: number): void {
    this.feesCum += f.fee;
    this.recorder.event(fillInstant(f), 'fill', {
      fill_id: f.fillId,
      order_id: f.orderId,
      position_id: f.tradeId,
      side: f.side,
      qty: f.qty,
      price: f.price,
      reference_price: f.referencePrice,
      liquidity: f.liquidity,
      fee: f.fee,
      reason: f.execType,
    });
    if (this.open !== null && f.tradeId === this.open.tradeId && f.closedQty > 0) {
      this.open.exitFills += 1;
      // A TP leg is a resting limit the engine tagged `tp`, or a triggered TP order of the position.
      if (f.tag === 'tp' || (f.orderId !== null && this.open.tpOrderIds.has(f.orderId)))
        this.open.stops.tpLegsFilled += 1;
    }
    if (this.pending !== null && f.orderId === this.pending.orderId)
      this.onEntryFill(f.time, f.price, f.liquidity, barTs);
  }

  private onSimEvent(e: SimEvent): void {
    const rec = this.recorder;
    if (FINAL_ORDER_EVENTS.has(e.type)) this.liveOrders.delete(e.orderId as string);
    switch (e.type) {
      case 'ORDER_REJECTED':
        rec.rejection(String(e.reason));
        rec.event(e.time, 'order_rejected', { order_id: e.orderId ?? null, reason: e.reason });
        if (this.pending !== null && e.orderId === this.pending.orderId) this.pending = null;
        break;
      case 'ORDER_CANCELLED':
      case 'ORDER_DEACTIVATED':
        if (!ROUTINE_CANCELS.has(String(e.reason))) rec.rejection(String(e.reason));
        rec.event(e.time, e.reason === 'EXPIRED' ? 'order_expired' : 'order_cancelled', {
          order_id: e.orderId,
          reason: e.reason,
        });
        if (this.pending !== null && e.orderId === this.pending.orderId) this.pending = null;
        break;
      case 'ORDER_TRIGGERED':
        // engine.md §11.6: the order's fields as created (the trigger moved by trailing/break-even is the current one).
        rec.event(e.time, 'order_triggered', {
          order_id: e.orderId,
          ...this.liveOrders.get(e.orderId as string),
          ...(typeof e.price === 'number' ? { trigger: e.price } : {}),
        });
        break;
      case 'TPSL_TRIGGERED':
        // Triggered TP orders fill at once (market) or become limits; their fills count as TP legs.
        if (e.kind === 'take_profit' && this.open !== null) this.open.tpOrderIds.add(e.orderId as string);
        break;
      case 'LIQUIDATION_TRIGGERED':
        this.liquidationTrigger.mark = e.mark as number;
        this.liquidationTrigger.liqPrice = e.liqPrice as number;
        break;
      case 'PARTIAL_LIQUIDATION':
        rec.event(e.time, 'partial_liquidation', { ...payloadOf(e) });
        break;
      case 'LIQUIDATED':
        rec.event(e.time, 'liquidation', {
          position_id: this.open?.tradeId ?? null,
          mark: this.liquidationTrigger.mark,
          liq_price: this.liquidationTrigger.liqPrice,
          bankruptcy_price: e.bustPrice,
          loss: e.loss,
        });
        break;
      case 'DATA_GAP':
        rec.event(e.time, 'data_gap', {
          from_ts: e.from,
          minutes: ((e.to as number) - (e.from as number)) / MINUTE_MS,
        });
        break;
      default:
        break;
    }
  }

  private onEntryFill(time: number, price: number, liquidity: 'maker' | 'taker', barTs: number): void {
    const pend = this.pending!;
    this.pending = null;
    const pos = this.config.exchange.position;
    if (pos === null) return;
    this.recorder.counters.entry_fills += 1;
    const entryBarIndex = this.execBarIndex(time);
    const tpLegs = this.postFillTpLegs(pend, pos.avgEntryPrice, pos.qty, pos.stopLoss);
    // A position TP when attached; a single resting Limit TP is the trade's TP as well.
    const tpPrice = pos.takeProfit ?? (tpLegs.length === 1 ? tpLegs[0]!.price : null);
    this.open = {
      tradeId: pos.tradeId,
      dir: pend.dir,
      entryBarIndex,
      context: {
        symbol: this.config.symbol,
        entryOrderType: pend.orderType,
        entryLiquidity: liquidity,
        entryBarIndex,
        initialMarginUsdt: pos.positionIM,
        liquidationPrice: pos.liqPrice,
        initialSl: pos.stopLoss,
        initialTp: tpPrice,
        entrySignal: pend.signal,
        entryMetadata: pend.metadata,
      },
      stops: {
        dir: pend.dir,
        entryPrice: pos.avgEntryPrice,
        peak: price,
        stopLoss: pos.stopLoss ?? Number.NaN,
        breakEvenDone: false,
        tpLegsFilled: 0,
      },
      lastStopCause: null,
      barsInTrade: 0,
      exitSignal: null,
      exitMetadata: null,
      exitFills: 0,
      tpOrderIds: new Set(),
      openedInBar: barTs,
      entryFillPrice: price,
      initialMargin: pos.positionIM,
      qty: pos.qty,
    };
    this.recorder.event(time, 'position_opened', {
      position_id: pos.tradeId,
      side: pos.side,
      qty: pos.qty,
      entry_price: pos.avgEntryPrice,
      leverage: pos.leverage,
      initial_margin: pos.positionIM,
      liq_price: pos.liqPrice,
      bankruptcy_price: pos.bustPrice,
      sl: pos.stopLoss,
      tp_legs: pend.tps.length,
    });
    this.recorder.exposureSamples.push({
      positionValue: pos.positionValue,
      equity: this.config.exchange.ledger.equity,
    });
    this.placeTpLegs(tpLegs, pend.dir, time);
    this.recordAttachedStops(time);
  }

  /**
   * The TP legs placed once the position exists, on the tick grid: ladders, `rr_ratio` legs (they need the fill
   * and the SL), and every leg of `tp_order_type: Limit` (resting reduce-only limits, `engine.md` §8.2). Empty when
   * the play's single Market TP was attached to the entry order.
   */
  private postFillTpLegs(
    pend: PendingEntry,
    fill: number,
    qty: number,
    stopLoss: number | null,
  ): { price: number; qty: number }[] {
    if (pend.tps.length === 0 || attachesSingleTp(pend.tps, this.config.compiled.risk.model.tp_order_type))
      return [];
    const { instrument } = this.config;
    const step = instrument.qtyStep;
    const legs = pend.tps.map((leg) => {
      const slDist = stopLoss === null ? Number.NaN : Math.abs(fill - stopLoss);
      const dist = Number.isNaN(leg.rrOfFillDistance) ? leg.distance : leg.rrOfFillDistance * slDist;
      const price = Number.isNaN(leg.price) ? fill + pend.dir * dist : leg.price;
      return { price, qty: floorQty((qty * leg.sizePct) / 100, step) };
    });
    const total = pend.tps.reduce((s, l) => s + l.sizePct, 0);
    if (total >= 100 && legs.length > 0) {
      const others = legs.slice(0, -1).reduce((s, l) => s + l.qty, 0);
      legs[legs.length - 1]!.qty = floorQty(qty - others, step);
    }
    for (let i = 0; i < legs.length; i++) {
      const leg = legs[i]!;
      if (leg.qty < instrument.minOrderQty) {
        const into = i + 1 < legs.length ? legs[i + 1] : legs[i - 1];
        if (into !== undefined) into.qty += leg.qty;
        leg.qty = 0;
      }
    }
    return legs
      .filter((leg) => leg.qty > 0 && Number.isFinite(leg.price) && leg.price > 0)
      .map((leg) => ({ price: roundPrice(leg.price, instrument.tickSize, 'nearest'), qty: leg.qty }));
  }

  /**
   * Limit legs are resting reduce-only GTC limits tagged `tp`: they fill at their price, maker, when a 1m bar
   * trades through them (`engine.md` §8.2 rank 3). Market legs are the position's Partial TP orders: triggered on
   * touch, filled at TP ± slippage, taker.
   */
  private placeTpLegs(legs: readonly { price: number; qty: number }[], dir: 1 | -1, T: number): void {
    const limit = this.config.compiled.risk.model.tp_order_type === 'Limit';
    const side = dir === 1 ? 'Sell' : 'Buy';
    for (const leg of legs) {
      const ack = limit
        ? this.config.exchange.submitOrder({
            side,
            orderType: 'Limit',
            qty: leg.qty,
            price: leg.price,
            timeInForce: 'GTC',
            reduceOnly: true,
            tag: 'tp',
          })
        : this.config.exchange.setTradingStop({
            tpslMode: 'Partial',
            takeProfit: leg.price,
            tpSize: leg.qty,
            tpOrderType: 'Market',
          });
      if (!ack.ok) {
        if (ack.reason !== undefined) this.recorder.rejection(ack.reason);
        continue;
      }
      this.orderCreated(
        T,
        ack.id!,
        'tp',
        side,
        limit ? 'limit' : 'market',
        leg.qty,
        limit ? leg.price : Number.NaN,
        limit ? Number.NaN : leg.price,
        true,
        'GTC',
      );
    }
  }

  private onTradeClosed(trade: Trade): void {
    const open = this.open;
    const exitBarIndex =
      trade.closeTime === null ? this.execBarIndex(this.stopTs) : this.execBarIndex(trade.closeTime);
    // Forced closes (end of data, drawdown stop) fill at the close of their bar, the instant the run stopped.
    const forced =
      trade.exitReason === 'end_of_data' ||
      trade.exitReason === 'max_drawdown' ||
      trade.exitReason === 'equity_floor';
    const exitTsMs = trade.closeTime === null ? null : forced ? trade.closeTime + MINUTE_MS : trade.closeTime;
    const context: TradeContext =
      open !== null && open.tradeId === trade.tradeId
        ? {
            ...open.context,
            tpLegsFilled: open.stops.tpLegsFilled,
            finalSl: Number.isNaN(open.stops.stopLoss) ? null : open.stops.stopLoss,
            lastStopCause: open.lastStopCause,
            exitBarIndex,
            exitSignal: open.exitSignal,
            exitMetadata: open.exitMetadata,
            exitFills: Math.max(1, open.exitFills),
            durationBars: exitBarIndex - open.entryBarIndex,
            exitTsMs,
          }
        : {
            symbol: this.config.symbol,
            entryOrderType: 'market',
            entryLiquidity: 'taker',
            entryBarIndex: this.execBarIndex(trade.openTime),
            initialMarginUsdt: null,
            liquidationPrice: null,
            initialSl: null,
            initialTp: null,
            entrySignal: null,
            entryMetadata: null,
            tpLegsFilled: 0,
            finalSl: null,
            lastStopCause: null,
            exitBarIndex,
            exitSignal: null,
            exitMetadata: null,
            exitFills: 1,
            durationBars: exitBarIndex - this.execBarIndex(trade.openTime),
            exitTsMs,
          };
    const row = tradeRow(trade, context);
    this.recorder.trades.push(row);
    this.recorder.tradeBars.push({ entryBarIndex: context.entryBarIndex, exitBarIndex });
    this.recorder.event(exitTsMs ?? this.stopTs, 'position_closed', {
      position_id: trade.tradeId,
      trade_id: trade.tradeId,
      exit_reason: row.exit_reason,
      net_pnl: trade.netPnl,
    });
    if (open !== null && open.tradeId === trade.tradeId) this.open = null;
  }

  // ------------------------------------------------------------------ C3–C5

  private maintainStops(T: number, bar: MinuteBar): void {
    const open = this.open;
    if (open === null || (this.trailing === null && this.breakEven === null)) return;
    if (this.config.exchange.position === null) return;
    const fav = open.openedInBar === bar.ts ? open.entryFillPrice : open.dir === 1 ? bar.high : bar.low;
    const atrReader =
      this.config.compiled.risk.trailingAtr ?? this.config.compiled.risk.stopLoss?.atr ?? null;
    const atr = atrReader === null ? Number.NaN : atrReader(this.ctx, T);
    const move = maintainStops(open.stops, fav, this.trailing, this.breakEven, atr);
    if (move === null) return;
    const to = roundPrice(move.to, this.config.instrument.tickSize, 'nearest');
    if (!Number.isNaN(move.from) && open.dir * (to - move.from) <= 0) return;
    open.stops.stopLoss = to;
    const ack = this.config.exchange.setTradingStop({ stopLoss: to, tpslMode: 'Full' });
    if (!ack.ok) {
      if (ack.reason !== undefined) this.recorder.rejection(ack.reason);
      return;
    }
    open.lastStopCause = move.cause;
    this.recorder.event(T, 'sl_moved', { position_id: open.tradeId, from: move.from, to, cause: move.cause });
  }

  private refreshPositionFields(): void {
    const f = this.positionFields.values;
    const open = this.open;
    const snap = this.lastSnapshot;
    if (open === null || snap === null || snap.positionSide === null) {
      this.positionFields.setFlat(this.pending !== null);
      return;
    }
    const entry = open.stops.entryPrice;
    f[0] = open.dir === 1 ? 1 : 2;
    f[1] = 1;
    f[2] = this.pending !== null ? 1 : 0;
    f[3] = entry;
    f[4] = open.barsInTrade;
    f[5] = (open.dir * (snap.markPrice - entry) * 100) / entry;
    f[6] = snap.upnl;
    f[7] = (snap.upnl / open.initialMargin) * 100;
    f[8] = open.stops.tpLegsFilled;
  }

  private expireEntry(T: number): void {
    const p = this.pending;
    if (p === null) return;
    p.execCloses += 1;
    if (p.expireAfter > 0 && p.execCloses >= p.expireAfter) {
      this.config.exchange.cancelOrder(p.orderId, 'EXPIRED');
      this.drainExchange(T);
      this.pending = null;
    }
  }

  private currentEquity(): number {
    return this.lastSnapshot?.equity ?? this.config.initialEquity;
  }

  private equityRow(T: number, kind: 'start' | 'bar' | 'partial'): void {
    const snap = this.lastSnapshot;
    const ledger = snap === null ? null : this.config.exchange.ledger;
    const equity = kind === 'start' || ledger === null ? this.config.initialEquity : ledger.equity;
    if (equity > this.peakEquity) this.peakEquity = equity;
    const pos = this.config.exchange.position;
    const rows = this.recorder.equity;
    rows.push({
      row: rows.length,
      ts_ms: T,
      time: isoTime(T),
      kind,
      close: this.lastClose,
      mark: this.lastMark,
      position_side: pos === null ? 'flat' : pos.side,
      position_qty: pos === null ? 0 : pos.qty,
      wallet_usdt: ledger === null ? this.config.initialEquity : ledger.walletBalance,
      upnl_usdt: ledger === null ? 0 : ledger.unrealisedPnl,
      equity_usdt: equity,
      peak_equity_usdt: this.peakEquity,
      drawdown_pct: ((this.peakEquity - equity) / this.peakEquity) * 100,
      fees_cum_usdt: this.feesCum,
      funding_cum_usdt: this.fundingCum,
    });
  }

  /** End of data or max drawdown at an exec close: the exchange closes and stops, then the last equity row. */
  private finish(T: number, reason: 'end_of_data' | 'max_drawdown_hit'): void {
    this.config.exchange.stop(reason, { closePosition: true });
    this.drainExchange(T);
    this.stopReasonValue = reason;
    this.stopTs = T;
    this.equityRow(T, 'bar');
    this.recorder.event(T, 'run_end', this.runEndPayload());
  }

  private terminal(T: number, reason: StopReason): void {
    this.stopReasonValue = reason;
    this.stopTs = T;
    const execClose = (T - this.config.simStart) % this.execMs === 0;
    this.equityRow(T, execClose ? 'bar' : 'partial');
    this.recorder.event(T, 'run_end', this.runEndPayload());
  }

  private runEndPayload() {
    return {
      stop_reason: this.stopReasonValue,
      final_equity:
        this.recorder.equity[this.recorder.equity.length - 1]?.equity_usdt ?? this.config.initialEquity,
      total_trades: this.recorder.trades.length,
    };
  }

  /** Exec bar (0 = the first after sim_start) containing the 1m bar that opens at `ts`. */
  private execBarIndex(ts: number): number {
    return Math.floor((ts - this.config.simStart) / this.execMs);
  }

  // ------------------------------------------------------------------ C6

  private evaluate(T: number): void {
    const { blocks } = this.config.compiled;
    let fired: { block: string; caseIndex: number; intents: readonly CompiledIntent[] }[] | null = null;
    const state = this.intentState();
    for (const block of blocks) {
      let chosen: readonly CompiledIntent[] | null = null;
      let caseIndex = -1;
      for (let c = 0; c < block.cases.length; c++) {
        const cs = block.cases[c]!;
        if (cs.when(this.ctx, T) !== TRUE) continue;
        const onlyNoAction = cs.intents.every((i) => i.action === 'no_action');
        if (onlyNoAction || cs.intents.some((i) => decideAction(i.action, state).kind !== 'not_actionable')) {
          chosen = cs.intents;
          caseIndex = c;
          break;
        }
      }
      if (chosen === null && block.else !== null) chosen = block.else;
      if (chosen !== null) {
        fired ??= [];
        fired.push({ block: block.id, caseIndex, intents: chosen });
      }
    }
    if (fired === null) return;
    let executed = false;
    for (const f of fired) {
      const signal = `${f.block}#${f.caseIndex < 0 ? 'else' : f.caseIndex}`;
      this.recorder.counters.signals += 1;
      this.recorder.event(T, 'signal', {
        block: f.block,
        case: f.caseIndex < 0 ? 'else' : f.caseIndex,
        intents: f.intents.map((i) => i.action),
      });
      for (const intent of f.intents) {
        if (intent.action === 'no_action') continue;
        const decision = decideAction(intent.action, this.intentState());
        if (executed || decision.kind === 'not_actionable') {
          this.recorder.counters.intents_dropped += 1;
          this.recorder.event(T, 'intent_dropped', {
            action: intent.action,
            reason: executed ? 'lower_priority' : this.pending !== null ? 'entry_pending' : 'not_actionable',
          });
          continue;
        }
        executed = true;
        const metadata = this.metadataText(intent, T);
        if (decision.kind === 'exit') this.exit(T, intent, signal, metadata);
        else this.enter(T, decision.side, decision.replacePending, decision.flip, signal, metadata);
      }
    }
    this.drainCommandEvents();
  }

  /** The state intent resolution reads, refreshed in place (one object per run, not per tick). */
  private intentState(): IntentState {
    const s = this.intentStateScratch;
    s.position = this.open === null ? 0 : this.open.dir;
    s.pendingEntry = this.pending === null ? 0 : this.pending.dir;
    return s;
  }

  private metadataText(intent: CompiledIntent, T: number): string | null {
    if (intent.metadata.length === 0) return null;
    const out: Record<string, unknown> = {};
    for (const m of intent.metadata) {
      if (m.kind === 'literal') out[m.key] = m.value;
      else {
        const v = m.read(this.ctx, T);
        out[m.key] = Number.isNaN(v)
          ? null
          : m.domain !== null
            ? (m.domain[v] ?? null)
            : m.type === 'BOOL'
              ? v === 1
              : v;
      }
    }
    return JSON.stringify(out);
  }

  private exit(T: number, intent: CompiledIntent, signal: string, metadata: string | null): void {
    const open = this.open!;
    const pos = this.config.exchange.position;
    if (pos === null) return;
    const { qtyStep, minOrderQty } = this.config.instrument;
    let qty = intent.percent >= 100 ? pos.qty : floorQty((pos.qty * intent.percent) / 100, qtyStep);
    if (qty <= 0) {
      this.recorder.rejection('QTY_TRUNCATED_TO_ZERO');
      this.recorder.event(T, 'order_rejected', { order_id: null, reason: 'QTY_TRUNCATED_TO_ZERO' });
      return;
    }
    if (pos.qty - qty < minOrderQty) qty = pos.qty;
    open.exitSignal = signal;
    open.exitMetadata = metadata;
    const ack = this.config.exchange.submitOrder({
      side: open.dir === 1 ? 'Sell' : 'Buy',
      orderType: 'Market',
      qty,
      reduceOnly: true,
      tag: 'signal',
    });
    if (ack.ok)
      this.orderCreated(
        T,
        ack.id!,
        'exit',
        open.dir === 1 ? 'Sell' : 'Buy',
        'market',
        qty,
        Number.NaN,
        Number.NaN,
        true,
        'GTC',
      );
  }

  private enter(
    T: number,
    dir: 1 | -1,
    replacePending: boolean,
    flip: boolean,
    signal: string,
    metadata: string | null,
  ): void {
    const { compiled, instrument, exchange } = this.config;
    const entry = compiled.entry;
    if (replacePending && this.pending !== null) {
      exchange.cancelOrder(this.pending.orderId, 'REPLACED');
      this.pending = null;
    }
    const ref = entry.priceRef(this.ctx, T);
    if (!Number.isFinite(ref) || ref <= 0) {
      this.reject(T, 'PRICE_UNAVAILABLE');
      return;
    }
    const prices = entryPrices(
      entry.order_type,
      dir,
      ref,
      entry.limit_offset_pct,
      entry.stop_offset_pct,
      instrument,
    );
    const L = this.config.leverage;
    const risk = planRisk(compiled, this.ctx, T, dir, prices.reference, L);
    if (!risk.ok) {
      this.reject(T, risk.reason);
      return;
    }
    const plan = risk.plan;
    const ledger = exchange.ledger;
    // A flip closes first; the released margin funds the new entry.
    const available = flip ? ledger.equity : ledger.availableBalance;
    const account = compiled.play.account;
    const side = dir === 1 ? 'long' : 'short';
    const restingLimit =
      entry.order_type === 'LIMIT' && entry.time_in_force !== 'IOC' && entry.time_in_force !== 'FOK';
    const sizing = sizeEntry({
      model: compiled.risk.model.sizing.model,
      value: compiled.risk.model.sizing.value,
      side,
      equity: ledger.equity,
      available,
      refPrice: prices.reference,
      costPrice: restingLimit
        ? prices.reference
        : prices.reference * (1 + (dir === 1 ? 1 : -1) * this.config.slippageRate),
      leverage: L,
      stopLossPrice: Number.isNaN(plan.slAtReference) ? null : plan.slAtReference,
      entryFeeRate: restingLimit ? this.config.makerFeeRate : this.config.takerFeeRate,
      takerFeeRate: this.config.takerFeeRate,
      maxNotionalUsdt: account.max_notional_usdt,
      maxMarginUsdt: account.max_margin_usdt,
      minTradeNotionalUsdt: account.min_trade_notional_usdt,
      instrument,
    });
    for (const cap of sizing.caps) {
      this.recorder.event(T, 'size_capped', {
        reason: cap.reason,
        requested_qty: cap.requestedQty,
        qty: cap.qty,
      });
    }
    if (!sizing.ok) {
      this.reject(T, sizing.reason);
      return;
    }
    if (!Number.isNaN(plan.slAtReference)) {
      const liq = liquidationPrice({
        side,
        qty: sizing.qty,
        entryPrice: prices.reference,
        marginExFeeToClose: (sizing.qty * prices.reference) / L,
        tiers: instrument.riskTiers,
        tickSize: instrument.tickSize,
      }).liqPriceExact;
      if (liq !== null && dir * (plan.slAtReference - liq) <= 0) {
        this.reject(T, 'SL_BEYOND_LIQ');
        return;
      }
    }
    if (flip) {
      const ack = exchange.submitOrder({
        side: dir === 1 ? 'Buy' : 'Sell',
        orderType: 'Market',
        qty: 0,
        reduceOnly: true,
        closeOnTrigger: true,
        tag: 'flip',
      });
      if (ack.ok && this.open !== null) {
        this.open.exitSignal = signal;
        this.open.exitMetadata = metadata;
      }
    }
    const singleTp = attachesSingleTp(plan.tps, compiled.risk.model.tp_order_type) ? plan.tps[0]! : null;
    const isLimit = entry.order_type === 'LIMIT' || entry.order_type === 'STOP_LIMIT';
    const ack = exchange.submitOrder({
      side: dir === 1 ? 'Buy' : 'Sell',
      orderType: isLimit ? 'Limit' : 'Market',
      qty: sizing.qty,
      ...(isLimit ? { price: prices.limit, timeInForce: entry.time_in_force } : {}),
      ...(Number.isNaN(prices.trigger)
        ? {}
        : { triggerPrice: prices.trigger, triggerDirection: dir === 1 ? 1 : 2 }),
      ...(Number.isNaN(plan.slDistance) ? {} : { stopLossOffset: plan.slDistance }),
      ...(Number.isNaN(plan.slPrice)
        ? {}
        : { stopLoss: roundPrice(plan.slPrice, instrument.tickSize, 'nearest') }),
      ...(singleTp !== null && !Number.isNaN(singleTp.distance)
        ? { takeProfitOffset: singleTp.distance }
        : {}),
      ...(singleTp !== null && !Number.isNaN(singleTp.price)
        ? { takeProfit: roundPrice(singleTp.price, instrument.tickSize, 'nearest') }
        : {}),
      tag: 'signal',
    });
    this.recorder.counters.entry_orders += 1;
    if (!ack.ok) {
      this.drainCommandEvents();
      return;
    }
    const orderType = ORDER_TYPE_NAMES[entry.order_type];
    this.pending = {
      orderId: ack.id!,
      dir,
      orderType,
      signal,
      metadata,
      tps: plan.tps,
      slDistance: plan.slDistance,
      slPrice: plan.slPrice,
      execCloses: 0,
      expireAfter: entry.expire_after_bars,
    };
    this.orderCreated(
      T,
      ack.id!,
      'entry',
      dir === 1 ? 'Buy' : 'Sell',
      orderType,
      sizing.qty,
      prices.limit,
      prices.trigger,
      false,
      entry.time_in_force,
    );
  }

  private orderCreated(
    T: number,
    orderId: string,
    role: 'entry' | 'exit' | 'tp',
    side: 'Buy' | 'Sell',
    type: string,
    qty: number,
    price: number,
    trigger: number,
    reduceOnly: boolean,
    tif: string,
  ): void {
    const order: OrderFields = {
      role,
      side,
      order_type: type,
      qty,
      price,
      trigger,
      tif,
      reduce_only: reduceOnly,
      position_id: this.open?.tradeId ?? null,
    };
    this.liveOrders.set(orderId, order);
    this.recorder.event(T, 'order_created', { order_id: orderId, ...order });
  }

  /**
   * `order_created` for the position's TP/SL orders the exchange attached at the entry fill (the engine did not
   * submit them, so it reads them from the open orders once).
   */
  private recordAttachedStops(T: number): void {
    for (const o of this.config.exchange.openOrders) {
      if (o.role === 'order' || this.liveOrders.has(o.orderId)) continue;
      const order: OrderFields = {
        role: o.role === 'take_profit' ? 'tp' : 'sl',
        side: o.side,
        order_type: o.orderType === 'Limit' ? 'limit' : 'market',
        qty: o.qty,
        price: o.price ?? Number.NaN,
        trigger: o.triggerPrice ?? Number.NaN,
        tif: o.timeInForce,
        reduce_only: true,
        position_id: this.open?.tradeId ?? null,
      };
      this.liveOrders.set(o.orderId, order);
      this.recorder.event(T, 'order_created', { order_id: o.orderId, ...order });
    }
  }

  private reject(T: number, reason: string): void {
    this.recorder.rejection(reason);
    this.recorder.event(T, 'order_rejected', { order_id: null, reason });
  }

  /** Commands issued at a tick may emit exchange events at once (rejections); record them in order. */
  private drainCommandEvents(): void {
    const events = this.config.exchange.events;
    for (; this.eventCursor < events.length; this.eventCursor++) this.onSimEvent(events[this.eventCursor]!);
  }
}

/**
 * The instant a fill happened: fills inside a bar carry its open time; forced closes (close point, `pathStep`
 * 4: end of data, drawdown stop) happen at the bar's close, the instant the engine stopped (`engine.md` §9).
 */
export function fillInstant(f: Fill): number {
  return f.pathStep === 4 ? f.time + MINUTE_MS : f.time;
}

function payloadOf(e: SimEvent): Record<string, unknown> {
  const { seq: _seq, time: _time, type: _type, ...rest } = e;
  return rest;
}

/**
 * The entry order carries the TP itself only for a single full-size Market TP at a price or distance known at the
 * tick; every other TP (ladders, `rr_ratio`, any Limit TP) is placed after the fill.
 */
function attachesSingleTp(tps: readonly PlannedTp[], tpOrderType: 'Market' | 'Limit'): boolean {
  return (
    tpOrderType === 'Market' &&
    tps.length === 1 &&
    tps[0]!.sizePct >= 100 &&
    Number.isNaN(tps[0]!.rrOfFillDistance)
  );
}
