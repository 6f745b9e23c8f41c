import type { InstrumentSpec, PositionSide, RiskTier, Side, TriggerBy } from '@trade/core';
import { hashCanonical } from '@trade/core';
import { BarValidationError, InvariantError, SimConfigError } from './errors';
import {
  add,
  div,
  frac,
  fromUnits,
  mul,
  sub,
  toNumber,
  toUnits,
  unitsToNumber,
  unitsToString,
} from './formulas/exact';
import { fundingCashFlowUnits, realizedPnlUnits, tradingFeeUnits } from './formulas/fees';
import { ceilQty, floorQty, roundPrice } from './formulas/grid';
import { orderCostExact } from './formulas/margin';
import { mmCoreValue, normalizeTierTable, tierIndexFor } from './formulas/tiers';
import { sequentialId } from './ids';
import { Ledger } from './ledger/Ledger';
import { SnapshotStore } from './ledger/SnapshotStore';
import { exitReasonFor, exitReasonForRole, freezeTrade } from './ledger/tradeRecord';
import { FundingSchedule } from './margin/FundingSchedule';
import { OpenPosition, type TradeState } from './margin/OpenPosition';
import { deltaOf, lowFirst, metAt, pointAt } from './matching/path';
import {
  isFinal,
  orderPriority,
  orderView,
  PRIORITY,
  type SimOrder,
  type TpslAttachment,
} from './matching/SimOrder';
import { buildOrder, type SubmissionContext, validateOrderRequest } from './matching/submission';
import { validateBar } from './matching/validateBar';
import { feeRateFor } from './models/fees';
import { slippedPrice, validateSlippage } from './models/slippage';
import { type Ack, type CancelReason, type RejectReason, rejected } from './reason-codes';
import { EMPTY, StepReportView } from './StepReportView';
import type {
  AccountConfig,
  AmendRequest,
  Bar1m,
  BreakEvenConfig,
  ExecType,
  ExitReason,
  Fill,
  FundingRecord,
  LedgerEntry,
  LedgerView,
  LiquidityKind,
  OrderRequest,
  OrderRole,
  OrderView,
  PositionView,
  PriceSource,
  SimEvent,
  SimOptions,
  SimResult,
  Snapshot,
  StepReport,
  StopReason,
  Trade,
  TradingStopRequest,
} from './types';

const MINUTE_MS = 60_000;
const MAX_PARTIAL_TPSL = 20;

/** Limitations stated in every result (§1 right column). */
export const SIM_LIMITATIONS: readonly string[] = Object.freeze([
  'single instrument, isolated margin, one-way mode only (no cross/portfolio margin, hedge mode, inverse/USDC, options, spot)',
  'no order-book depth, queue position or partial fills; no market-order price-protection or price-limit bands; no self-match prevention, iceberg or TWAP',
  'no insurance-fund balance, auto-deleveraging or auto-add-margin',
  'fee rates are configuration (no VIP schedules); no index-price triggers',
  'risk tier chosen by position value only (Bybit also counts open orders)',
]);

type ResolvedAccount = Required<AccountConfig>;

/**
 * Bybit-exact USDT linear perpetual simulator: one instrument, isolated margin, one-way mode, fed 1-minute
 * bars (sim-exchange.md). Commands never throw for business rejections; they return an `Ack` and emit events.
 * Deterministic: identical inputs give identical records, bit for bit.
 */
export class SimExchange {
  readonly instrument: InstrumentSpec;
  readonly account: ResolvedAccount;
  private readonly tiers: readonly RiskTier[];
  private readonly opts: SimOptions;
  private readonly tick: number;
  private readonly marginCallThreshold: number;

  private readonly ledgerBook = new Ledger();
  private readonly initialUnits: bigint;
  private wallet = 0;
  private pmUnitsCache = 0n;
  private omUnits = 0n;

  private leverageSetting: number;
  private pos: OpenPosition | null = null;
  private breakEven: BreakEvenConfig | null = null;

  private readonly allOrders: SimOrder[] = [];
  private readonly orderById = new Map<string, SimOrder>();
  private book: SimOrder[] = [];
  private pending: SimOrder[] = [];
  private readonly fillLog: Fill[] = [];
  private readonly tradeLog: Trade[] = [];
  private readonly eventLog: SimEvent[] = [];
  private readonly fundingLog: FundingRecord[] = [];
  private readonly snaps: SnapshotStore;

  private eventSeq = 0;
  private orderSeq = 0;
  private fillSeq = 0;
  private tradeSeq = 0;
  private fundingSeq = 0;
  private ledgerSeq = 0;

  private lastOpenTime = Number.NaN;
  private lastClose = Number.NaN;
  private lastMarkClose = Number.NaN;
  private barsProcessed = 0;
  private dataGaps = 0;
  private markBarsSeen = 0;
  private markFallbackBars = 0;
  private fundingEvents = 0;
  private fundingMissing = 0;
  private starvedAt: number | null = null;
  private equityPeak: number;
  private inMarginCall = false;
  /** A drawdown or equity-floor stop is configured (skips the §14 checks on the hot path otherwise). */
  private readonly hasEquityStops: boolean;
  private readonly invariantChecksOn: boolean;

  private stoppedFlag = false;
  private stopReasonValue: StopReason | null = null;
  private terminal = false;
  private stoppedAt: number | null = null;

  private readonly funding: FundingSchedule;
  private nextFundingTime = Number.POSITIVE_INFINITY;

  private cEntryAttempts = 0;
  private cEntryRejections = 0;
  private cMakerFills = 0;
  private cTakerFills = 0;
  private cLiquidations = 0;
  private cPartialLiquidations = 0;
  private cMarginCalls = 0;

  // Current bar (valid inside stepMinute).
  private bTime = 0;
  private bO = 0;
  private bH = 0;
  private bL = 0;
  private bC = 0;
  private bVol = Number.NaN;
  private mO = 0;
  private mH = 0;
  private mL = 0;
  private mC = 0;
  // Walk state.
  private segA = 0;
  private segB = 0;
  private segMA = 0;
  private segMB = 0;
  private curDelta = 0;
  private curLast = 0;
  private curMark = 0;
  private pathStep = 0;
  private walkEnded = false;
  private openedIntrabar = false;

  private readonly report: StepReportView;
  private closedNetUnits = 0n;
  private closedFeeUnits = 0n;
  private fundingSumUnits = 0n;

  constructor(instrument: InstrumentSpec, account: AccountConfig = {}, options: SimOptions = {}) {
    this.tiers = normalizeTierTable(instrument.riskTiers);
    for (const key of [
      'tickSize',
      'qtyStep',
      'minOrderQty',
      'maxOrderQty',
      'maxMktOrderQty',
      'minPrice',
      'maxPrice',
    ] as const) {
      if (!(instrument[key] > 0)) {
        throw new SimConfigError(
          `instrument.${key} must be > 0, got ${instrument[key]}`,
          `instrument.${key}`,
          'use the instrument filters of Bybit GET /v5/market/instruments-info',
        );
      }
    }
    this.instrument = Object.freeze({ ...instrument, riskTiers: this.tiers });
    this.tick = instrument.tickSize;
    this.account = Object.freeze({
      initialWalletUsdt: account.initialWalletUsdt ?? 10_000,
      takerFeeRate: account.takerFeeRate ?? 0.00055,
      makerFeeRate: account.makerFeeRate ?? 0.0002,
      leverage: account.leverage ?? 1,
      slippage: account.slippage ?? ({ kind: 'fixed_bps', bps: 2 } as const),
    });
    const a = this.account;
    if (!(a.initialWalletUsdt > 0))
      throw new SimConfigError(
        'initialWalletUsdt must be > 0',
        'account.initialWalletUsdt',
        'pass a positive USDT amount',
      );
    if (!(a.takerFeeRate >= 0))
      throw new SimConfigError('takerFeeRate must be >= 0', 'account.takerFeeRate', 'e.g. 0.00055');
    if (!Number.isFinite(a.makerFeeRate))
      throw new SimConfigError('makerFeeRate must be finite', 'account.makerFeeRate', 'e.g. 0.0002');
    const slipError = validateSlippage(a.slippage);
    if (slipError !== undefined)
      throw new SimConfigError(`slippage: ${slipError}`, 'account.slippage', 'see sim-exchange.md §10.4');
    if (this.leverageProblem(a.leverage) !== undefined) {
      throw new SimConfigError(
        `leverage ${a.leverage} is invalid: ${this.leverageProblem(a.leverage)}`,
        'account.leverage',
        `use a multiple of ${instrument.leverageStep} in [${instrument.minLeverage}, ${this.tiers[0]!.maxLeverage}]`,
      );
    }
    this.leverageSetting = a.leverage;
    this.opts = options;
    if (
      options.maxDrawdownPct !== undefined &&
      !(options.maxDrawdownPct > 0 && options.maxDrawdownPct <= 100)
    ) {
      throw new SimConfigError(
        `maxDrawdownPct must be a percent in (0, 100], got ${options.maxDrawdownPct}`,
        'options.maxDrawdownPct',
        'pass 20 for 20 %',
      );
    }
    const mmRate = options.marginCallMmRate ?? 0.8;
    if (!(mmRate > 0 && mmRate <= 1)) {
      throw new SimConfigError(
        `marginCallMmRate must be in (0, 1], got ${mmRate}`,
        'options.marginCallMmRate',
        'the margin-call counter fires when MM / margin reaches this rate (default 0.8)',
      );
    }
    this.marginCallThreshold = 1 / mmRate;
    this.invariantChecksOn = options.invariantChecks === 'every_step';
    this.hasEquityStops = options.maxDrawdownPct !== undefined || options.equityFloorUsdt !== undefined;
    const funding = options.funding ?? { source: 'none' };
    if (
      funding.source === 'constant' &&
      !(funding.rate >= instrument.lowerFundingRate && funding.rate <= instrument.upperFundingRate)
    ) {
      throw new SimConfigError(
        `constant funding rate ${funding.rate} is outside [${instrument.lowerFundingRate}, ${instrument.upperFundingRate}]`,
        'options.funding.rate',
        'use a rate within the instrument bounds',
      );
    }
    this.funding = new FundingSchedule(funding, instrument.fundingIntervalMin);

    // A funding source forces the first bar through the full path, which schedules the next funding time.
    if (funding.source !== 'none') this.nextFundingTime = Number.NEGATIVE_INFINITY;
    this.snaps = new SnapshotStore(
      this.tiers,
      options.expectedBars ?? 1024,
      (options.snapshots ?? 'every_bar') === 'every_bar',
    );
    this.initialUnits = toUnits(frac(a.initialWalletUsdt));
    this.ledgerBook.book(++this.ledgerSeq, 0, 'DEPOSIT', this.initialUnits, null);
    this.wallet = unitsToNumber(this.ledgerBook.walletUnits);
    this.equityPeak = a.initialWalletUsdt;
    this.report = new StepReportView(this.snaps, {
      closeTime: 0,
      walletBalance: a.initialWalletUsdt,
      upnl: 0,
      equity: a.initialWalletUsdt,
      markPrice: Number.NaN,
      positionSide: null,
      positionQty: 0,
      positionValue: 0,
      liqPrice: null,
      worstCoverage: null,
      worstLiqDistancePct: null,
    });
    this.checkInvariants();
  }

  // ---------------------------------------------------------------- queries

  /** The open position, or null when flat (a fresh copy). */
  get position(): PositionView | null {
    const p = this.pos;
    if (p === null) return null;
    const mark = Number.isNaN(this.lastMarkClose) ? p.avgEntry : this.lastMarkClose;
    const value = p.qty * mark;
    const ti = tierIndexFor(value, this.tiers);
    const t = this.tiers[ti]!;
    const mmCore = mmCoreValue(value, this.tiers);
    const tp = this.positionStop('take_profit');
    const sl = this.positionStop('stop_loss');
    const hasPartial = this.book
      .concat(this.pending)
      .some((o) => (o.role === 'take_profit' || o.role === 'stop_loss') && !o.closeWhole);
    return {
      side: p.side,
      qty: p.qty,
      avgEntryPrice: p.avgEntry,
      leverage: p.leverage,
      markPrice: mark,
      positionValue: value,
      unrealisedPnl: p.sign * p.qty * (mark - p.avgEntry),
      positionIM: p.pm,
      imCore: p.imCore,
      feeToClose: p.ftc,
      extraMargin: unitsToNumber(p.extraUnits),
      positionMM: mmCore + p.ftc,
      tier: ti + 1,
      mmr: t.maintenanceMarginRate,
      mmDeduction: t.mmDeduction,
      liqPrice: Number.isNaN(p.liqPrice) ? null : p.liqPrice,
      liqPriceExact: p.liqPriceExact,
      bustPrice: p.bustPrice,
      takeProfit: tp === undefined ? null : tp.triggerPrice,
      stopLoss: sl === undefined ? null : sl.triggerPrice,
      trailingStop: p.trailing === null ? null : p.trailing.distance,
      tpslMode: hasPartial ? 'Partial' : 'Full',
      openedAt: p.trade.openTime,
      tradeId: p.trade.tradeId,
    };
  }

  /** Wallet, equity, margins and available balance (§3.4). */
  get ledger(): LedgerView {
    const upnl = this.upnlAt(this.currentMark());
    const pm = unitsToNumber(this.pmUnitsCache);
    const om = unitsToNumber(this.omUnits);
    return {
      walletBalance: this.wallet,
      equity: this.wallet + upnl,
      availableBalance: unitsToNumber(this.availableUnits()),
      positionIM: pm,
      orderIM: om,
      unrealisedPnl: upnl,
    };
  }

  /** Live orders (`New`, `Untriggered`, `Triggered`), including those waiting for the next bar open. */
  get openOrders(): readonly OrderView[] {
    return this.book
      .concat(this.pending)
      .sort((a, b) => a.seq - b.seq)
      .map(orderView);
  }

  /** Every order including final states. */
  orders(): readonly OrderView[] {
    return this.allOrders.map(orderView);
  }

  get fills(): readonly Fill[] {
    return this.fillLog;
  }

  /** Closed trades (flat → flat lifecycles); the open one is `openTrade()`. */
  get trades(): readonly Trade[] {
    return this.tradeLog;
  }

  get events(): readonly SimEvent[] {
    return this.eventLog;
  }

  /** The lifecycle of the open position so far, or null when flat. */
  openTrade(): Trade | null {
    return this.pos === null ? null : freezeTrade(this.pos.trade, null);
  }

  fundingRecords(): readonly FundingRecord[] {
    return this.fundingLog;
  }

  ledgerEntries(): readonly LedgerEntry[] {
    return this.ledgerBook.all();
  }

  snapshots(): Snapshot[] {
    return this.snaps.toArray();
  }

  /** Equity at every 1m close. */
  equityCurve(): Float64Array {
    return this.snaps.equity();
  }

  get stopped(): boolean {
    return this.stoppedFlag;
  }

  result(): SimResult {
    const fundingSource = (this.opts.funding ?? { source: 'none' }).source;
    return {
      stopReason: this.stopReasonValue,
      isTerminal: this.terminal,
      stoppedAt: this.stoppedAt,
      barsProcessed: this.barsProcessed,
      dataGaps: this.dataGaps,
      markPriceSource:
        this.markBarsSeen === 0
          ? 'last'
          : this.markFallbackBars === 0 && this.markBarsSeen === this.barsProcessed
            ? 'mark'
            : 'mixed',
      markFallbackBars: this.markFallbackBars,
      fundingSource,
      fundingEvents: this.fundingEvents,
      fundingMissing: this.fundingMissing,
      starvedAt: this.starvedAt,
      tierTableHash: hashCanonical(this.tiers),
      instrument: this.instrument,
      account: this.account,
      counters: {
        entryAttempts: this.cEntryAttempts,
        entryRejections: this.cEntryRejections,
        fills: this.fillLog.length,
        makerFills: this.cMakerFills,
        takerFills: this.cTakerFills,
        liquidations: this.cLiquidations,
        partialLiquidations: this.cPartialLiquidations,
        marginCalls: this.cMarginCalls,
      },
      finalWallet: this.wallet,
      finalWalletString: unitsToString(this.ledgerBook.walletUnits),
      finalEquity: this.wallet + this.upnlAt(this.currentMark()),
      limitations: SIM_LIMITATIONS,
    };
  }

  // ---------------------------------------------------------------- commands

  submitOrder(req: OrderRequest): Ack {
    const time = this.nowTime();
    const entry = this.wouldOpen(req);
    if (entry) this.cEntryAttempts++;
    const reason = validateOrderRequest(req, this.submissionContext());
    if (reason !== undefined) {
      if (entry) this.cEntryRejections++;
      const ack = rejected(reason);
      const orderId = this.recordRejected(req, reason, time);
      this.emit(time, 'ORDER_REJECTED', {
        orderId,
        reason,
        retCode: ack.retCode ?? null,
        orderLinkId: req.orderLinkId ?? null,
      });
      return ack;
    }
    const order = buildOrder(req, this.submissionContext(), ++this.orderSeq, time, entry);
    // Resting limit that can open/increase reserves its order cost now (§9.4).
    if (order.orderType === 'Limit' && order.triggerDirection === 0) {
      const om = this.orderMarginUnits(order);
      if (om > this.availableUnits()) {
        if (entry) this.cEntryRejections++;
        order.status = 'Rejected';
        order.rejectReason = 'INSUFFICIENT_AVAILABLE_BALANCE';
        this.remember(order);
        this.emit(time, 'ORDER_REJECTED', {
          orderId: order.orderId,
          reason: 'INSUFFICIENT_AVAILABLE_BALANCE',
          retCode: 110007,
        });
        return rejected('INSUFFICIENT_AVAILABLE_BALANCE');
      }
      order.omUnits = om;
      this.omUnits += om;
    }
    this.remember(order);
    this.pending.push(order);
    this.emit(time, 'ORDER_ACCEPTED', {
      orderId: order.orderId,
      side: order.side,
      orderType: order.orderType,
      qty: order.qty,
    });
    this.checkInvariants();
    return { ok: true, id: order.orderId };
  }

  cancelOrder(orderId: string, reason: 'USER' | 'EXPIRED' | 'REPLACED' = 'USER'): Ack {
    if (this.stoppedFlag) return rejected('SIM_STOPPED');
    const o = this.orderById.get(orderId);
    if (o === undefined) return rejected('ORDER_NOT_FOUND');
    if (isFinal(o)) return rejected('ORDER_ALREADY_FINAL');
    this.cancel(o, reason, this.nowTime());
    this.checkInvariants();
    return { ok: true, id: orderId };
  }

  cancelAllOrders(): Ack {
    if (this.stoppedFlag) return rejected('SIM_STOPPED');
    for (const o of this.book.concat(this.pending)) {
      if (!isFinal(o) && o.role === 'order') this.cancel(o, 'USER', this.nowTime());
    }
    return { ok: true };
  }

  amendOrder(req: AmendRequest): Ack {
    if (this.stoppedFlag) return rejected('SIM_STOPPED');
    const o = this.orderById.get(req.orderId);
    if (o === undefined) return rejected('ORDER_NOT_FOUND');
    if (isFinal(o)) return rejected('ORDER_ALREADY_FINAL');
    const time = this.nowTime();
    let qty = o.qty;
    if (req.qty !== undefined) {
      if (!(req.qty > 0) || o.closeWhole) return this.rejectAmend(o, 'INVALID_PARAMS', time);
      qty = floorQty(req.qty, this.instrument.qtyStep);
      if (qty === 0) return this.rejectAmend(o, 'QTY_TRUNCATED_TO_ZERO', time);
      if (qty < this.instrument.minOrderQty) return this.rejectAmend(o, 'QTY_BELOW_MIN', time);
      const max = o.orderType === 'Limit' ? this.instrument.maxOrderQty : this.instrument.maxMktOrderQty;
      if (qty > max) return this.rejectAmend(o, 'QTY_ABOVE_MAX', time);
    }
    let price = o.price;
    if (req.price !== undefined) {
      if (o.orderType !== 'Limit' || !(req.price > 0)) return this.rejectAmend(o, 'INVALID_PARAMS', time);
      price = roundPrice(req.price, this.tick, o.buy ? 'down' : 'up');
      if (this.outOfRange(price)) return this.rejectAmend(o, 'PRICE_OUT_OF_RANGE', time);
    }
    let trigger = o.triggerPrice;
    if (req.triggerPrice !== undefined) {
      if (o.triggerDirection === 0 || !(req.triggerPrice > 0))
        return this.rejectAmend(o, 'INVALID_PARAMS', time);
      trigger = roundPrice(req.triggerPrice, this.tick, 'nearest');
      if (this.outOfRange(trigger)) return this.rejectAmend(o, 'PRICE_OUT_OF_RANGE', time);
      const last = this.lastClose;
      if (!Number.isNaN(last) && o.status === 'Untriggered') {
        if (o.triggerDirection === 1 && trigger <= last)
          return this.rejectAmend(o, 'TRIGGER_ALREADY_MET_RISING', time);
        if (o.triggerDirection === 2 && trigger >= last)
          return this.rejectAmend(o, 'TRIGGER_ALREADY_MET_FALLING', time);
      }
    }
    const before = { qty: o.qty, price: o.price, trigger: o.triggerPrice, om: o.omUnits };
    o.qty = qty;
    o.price = price;
    o.triggerPrice = trigger;
    if (o.omUnits > 0n || (o.orderType === 'Limit' && o.triggerDirection === 0 && !o.reduceOnly)) {
      this.omUnits -= o.omUnits;
      o.omUnits = 0n;
      const om = this.orderMarginUnits(o);
      if (om > this.availableUnits()) {
        o.qty = before.qty;
        o.price = before.price;
        o.triggerPrice = before.trigger;
        o.omUnits = before.om;
        this.omUnits += before.om;
        return this.rejectAmend(o, 'INSUFFICIENT_AVAILABLE_BALANCE', time);
      }
      o.omUnits = om;
      this.omUnits += om;
    }
    if (o.attach !== null && (req.takeProfit !== undefined || req.stopLoss !== undefined)) {
      o.attach = {
        ...o.attach,
        takeProfit: req.takeProfit ?? o.attach.takeProfit,
        stopLoss: req.stopLoss ?? o.attach.stopLoss,
      };
    }
    o.qtyAdjusted = o.qtyAdjusted || (req.qty !== undefined && qty !== req.qty);
    o.updatedTime = time;
    // The amended order re-arrives at the next bar open (§9.6).
    if (o.live && o.role === 'order') {
      o.live = false;
      this.book = this.book.filter((x) => x !== o);
      this.pending.push(o);
    }
    this.emit(time, 'ORDER_AMENDED', {
      orderId: o.orderId,
      qty: o.qty,
      price: nn(o.price),
      triggerPrice: nn(o.triggerPrice),
    });
    this.checkInvariants();
    return { ok: true, id: o.orderId };
  }

  /** Position TP/SL and trailing stop (§12.1, §12.3); `0` cancels a level. */
  setTradingStop(req: TradingStopRequest): Ack {
    if (this.stoppedFlag) return rejected('SIM_STOPPED');
    const p = this.pos;
    const time = this.nowTime();
    if (p === null) return this.rejectCommand('NO_POSITION', 'setTradingStop', time);
    const last = Number.isNaN(this.lastClose) ? p.avgEntry : this.lastClose;
    const mode = req.tpslMode ?? 'Full';
    const tp = req.takeProfit === undefined ? undefined : roundPrice(req.takeProfit, this.tick, 'nearest');
    const sl = req.stopLoss === undefined ? undefined : roundPrice(req.stopLoss, this.tick, 'nearest');
    const wrongSide = (level: number | undefined, kind: 'tp' | 'sl'): boolean => {
      if (level === undefined || level === 0) return false;
      const above = level > last;
      return kind === 'tp' ? above !== p.sign > 0 : above !== p.sign < 0;
    };
    if (
      (tp !== undefined && tp < 0) ||
      (sl !== undefined && sl < 0) ||
      (req.trailingStop !== undefined && req.trailingStop < 0)
    ) {
      return this.rejectCommand('INVALID_PARAMS', 'setTradingStop', time);
    }
    if (wrongSide(tp, 'tp') || wrongSide(sl, 'sl'))
      return this.rejectCommand('TPSL_INVALID', 'setTradingStop', time);
    if (mode === 'Partial') {
      const count = this.book
        .concat(this.pending)
        .filter((o) => (o.role === 'take_profit' || o.role === 'stop_loss') && !o.closeWhole).length;
      const adding = (tp !== undefined && tp > 0 ? 1 : 0) + (sl !== undefined && sl > 0 ? 1 : 0);
      if (count + adding > MAX_PARTIAL_TPSL)
        return this.rejectCommand('TOO_MANY_PARTIAL_TPSL', 'setTradingStop', time);
      if (tp !== undefined && tp > 0) {
        this.addPositionStop(
          'take_profit',
          tp,
          req.tpTriggerBy ?? 'LastPrice',
          req.tpSize ?? p.qty,
          req.tpOrderType ?? 'Market',
          req.tpLimitPrice,
          time,
          false,
        );
      }
      if (sl !== undefined && sl > 0) {
        this.addPositionStop(
          'stop_loss',
          sl,
          req.slTriggerBy ?? 'LastPrice',
          req.slSize ?? p.qty,
          req.slOrderType ?? 'Market',
          req.slLimitPrice,
          time,
          false,
        );
      }
    } else {
      if (tp !== undefined) this.setFullStop('take_profit', tp, req.tpTriggerBy ?? 'LastPrice', time);
      if (sl !== undefined) this.setFullStop('stop_loss', sl, req.slTriggerBy ?? 'LastPrice', time);
    }
    if (req.trailingStop !== undefined) {
      const existing = this.book.find((o) => o.role === 'trailing_stop' && !isFinal(o));
      if (existing !== undefined) this.finalize(existing, 'Cancelled', 'USER', time);
      p.trailing = null;
      if (req.trailingStop > 0) {
        const distance = roundPrice(req.trailingStop, this.tick, 'nearest');
        if (distance <= 0) return this.rejectCommand('INVALID_PARAMS', 'setTradingStop', time);
        const activePrice =
          req.activePrice === undefined ? Number.NaN : roundPrice(req.activePrice, this.tick, 'nearest');
        const active = Number.isNaN(activePrice);
        p.trailing = { distance, activePrice, active, peak: active ? last : activePrice };
        const level = active ? this.trailingLevel(p) : Number.NaN;
        const order = this.newStopOrder(
          'trailing_stop',
          level,
          'LastPrice',
          p.qty,
          'Market',
          Number.NaN,
          time,
          true,
        );
        order.live = true;
        this.book.push(order);
        this.emit(time, active ? 'TRAILING_ACTIVATED' : 'TPSL_SET', {
          orderId: order.orderId,
          distance,
          level: nn(level),
          activePrice: nn(activePrice),
        });
      }
    }
    this.emit(time, 'TPSL_SET', {
      takeProfit: tp ?? null,
      stopLoss: sl ?? null,
      trailingStop: req.trailingStop ?? null,
      mode,
    });
    this.checkInvariants();
    return { ok: true };
  }

  /** Break-even stop (§12.4): a standing setting applied to every position until cleared with null. */
  setBreakEven(config: BreakEvenConfig | null): Ack {
    if (this.stoppedFlag) return rejected('SIM_STOPPED');
    if (config !== null && !(config.activationPct > 0 && config.offsetPct >= 0)) {
      return this.rejectCommand('INVALID_PARAMS', 'setBreakEven', this.nowTime());
    }
    this.breakEven = config;
    return { ok: true };
  }

  setLeverage(leverage: number): Ack {
    if (this.stoppedFlag) return rejected('SIM_STOPPED');
    const time = this.nowTime();
    if (this.leverageProblem(leverage) !== undefined)
      return this.rejectCommand('LEVERAGE_INVALID', 'setLeverage', time);
    if (leverage === this.leverageSetting)
      return this.rejectCommand('LEVERAGE_NOT_MODIFIED', 'setLeverage', time);
    const p = this.pos;
    const mark = this.currentMark();
    // Recompute resting order margins at L' (§8.2).
    const newOms = this.book
      .concat(this.pending)
      .map((o) => (o.omUnits > 0n ? this.orderMarginUnits(o, leverage) : 0n));
    let newOm = 0n;
    for (const x of newOms) newOm += x;
    if (p === null) {
      if (this.ledgerBook.walletUnits - newOm < 0n)
        return this.rejectCommand('INSUFFICIENT_AVAILABLE_BALANCE', 'setLeverage', time, 110012);
    } else {
      const ti = tierIndexFor(p.qty * mark, this.tiers);
      if (leverage > this.tiers[ti]!.maxLeverage)
        return this.rejectCommand('LEVERAGE_EXCEEDS_TIER', 'setLeverage', time, 110013);
      const q = frac(p.qty);
      const lev = frac(leverage);
      const cost = orderCostExact(p.side, q, p.entry, lev, frac(this.account.takerFeeRate));
      const newPm = toUnits(sub(cost.orderCost, cost.feeToOpen));
      const available = this.ledgerBook.walletUnits - newPm - newOm;
      if (available < 0n)
        return this.rejectCommand('INSUFFICIENT_AVAILABLE_BALANCE', 'setLeverage', time, 110012);
      const saved = { pm: p.pmUnits, x: p.extraUnits, lev: p.leverage };
      p.pmUnits = newPm;
      p.extraUnits = 0n;
      p.leverage = leverage;
      p.refresh(this.tiers, this.account.takerFeeRate, this.tick);
      if (p.coverageAt(mark, this.tiers) <= 1) {
        p.pmUnits = saved.pm;
        p.extraUnits = saved.x;
        p.leverage = saved.lev;
        p.refresh(this.tiers, this.account.takerFeeRate, this.tick);
        return this.rejectCommand('WOULD_LIQUIDATE', 'setLeverage', time, 110011);
      }
      p.fundingDrainUnits = 0n;
      this.pmUnitsCache = p.pmUnits;
    }
    const all = this.book.concat(this.pending);
    all.forEach((o, i) => {
      o.omUnits = newOms[i]!;
    });
    this.omUnits = newOm;
    this.leverageSetting = leverage;
    this.emit(time, 'LEVERAGE_SET', { leverage, liqPrice: p === null ? null : nn(p.liqPrice) });
    this.checkInvariants();
    return { ok: true };
  }

  addMargin(usdt: number): Ack {
    if (this.stoppedFlag) return rejected('SIM_STOPPED');
    const time = this.nowTime();
    const p = this.pos;
    if (!(usdt > 0)) return this.rejectCommand('INVALID_PARAMS', 'addMargin', time);
    if (p === null) return this.rejectCommand('NO_POSITION', 'addMargin', time);
    const x = toUnits(frac(usdt));
    if (this.availableUnits() < x)
      return this.rejectCommand('INSUFFICIENT_AVAILABLE_BALANCE', 'addMargin', time, 110014);
    p.pmUnits += x;
    p.extraUnits += x;
    this.afterMarginChange(p);
    this.emit(time, 'MARGIN_ADDED', { amount: unitsToNumber(x), liqPrice: nn(p.liqPrice) });
    this.checkInvariants();
    return { ok: true };
  }

  reduceMargin(usdt: number): Ack {
    if (this.stoppedFlag) return rejected('SIM_STOPPED');
    const time = this.nowTime();
    const p = this.pos;
    if (!(usdt > 0)) return this.rejectCommand('INVALID_PARAMS', 'reduceMargin', time);
    if (p === null) return this.rejectCommand('NO_POSITION', 'reduceMargin', time, 10001);
    const x = toUnits(frac(usdt));
    if (x > p.extraUnits) return this.rejectCommand('MARGIN_REDUCE_TOO_MUCH', 'reduceMargin', time);
    p.pmUnits -= x;
    p.extraUnits -= x;
    this.afterMarginChange(p);
    if (p.coverageAt(this.currentMark(), this.tiers) <= 1) {
      p.pmUnits += x;
      p.extraUnits += x;
      this.afterMarginChange(p);
      return this.rejectCommand('WOULD_LIQUIDATE', 'reduceMargin', time);
    }
    this.emit(time, 'MARGIN_REDUCED', { amount: unitsToNumber(x), liqPrice: nn(p.liqPrice) });
    this.checkInvariants();
    return { ok: true };
  }

  /** Market reduce-only close of the whole position, executed now at `slip(last close)` (§14.2). */
  closePosition(args: { reason?: string; tag?: string } = {}): Ack {
    if (this.stoppedFlag) return rejected('SIM_STOPPED');
    if (this.pos === null) return this.rejectCommand('NO_POSITION', 'closePosition', this.nowTime());
    const reason = args.reason ?? 'order';
    this.forcedClose(exitReasonFor(reason), args.tag ?? null, reason);
    this.checkInvariants();
    return { ok: true };
  }

  /** Ends the run (§14.1): closes the position when asked, cancels every order, emits `RUN_STOPPED`. */
  stop(
    reason: 'end_of_data' | 'user_stopped' | 'max_drawdown_hit' | 'equity_floor_hit',
    options: { closePosition?: boolean } = {},
  ): Ack {
    if (this.stoppedFlag) return rejected('SIM_STOPPED');
    const close = options.closePosition ?? true;
    if (close && this.pos !== null && !Number.isNaN(this.lastClose)) {
      const exit: ExitReason =
        reason === 'max_drawdown_hit'
          ? 'max_drawdown'
          : reason === 'equity_floor_hit'
            ? 'equity_floor'
            : reason === 'end_of_data'
              ? 'end_of_data'
              : 'order';
      this.forcedClose(exit, null, reason);
    }
    this.halt(reason, reason === 'max_drawdown_hit' || reason === 'equity_floor_hit', this.nowTime());
    this.checkInvariants();
    return { ok: true };
  }

  // ---------------------------------------------------------------- stepping

  /**
   * Processes one 1m bar (§11.1). The returned report is owned by the simulator and overwritten by the next
   * call (its arrays are fresh when non-empty); copy what you keep. Throws `BarValidationError` for an invalid
   * bar (nothing processed).
   */
  stepMinute(bar: Bar1m, inputs?: { mark?: Bar1m; fundingRate?: number }): StepReport {
    const r = this.report;
    if (this.stoppedFlag) {
      r.openTime = bar.openTime;
      r.fills = EMPTY;
      r.closedTrades = EMPTY;
      r.funding = EMPTY;
      r.events = EMPTY;
      r.stopped = true;
      return r;
    }
    const t = bar.openTime;
    validateBar(bar, 'bar');
    if (t <= this.lastOpenTime) {
      throw new BarValidationError(
        `bar openTime ${t} is not after the previous bar ${this.lastOpenTime}`,
        'feed bars in strictly increasing openTime order',
      );
    }
    let mark = bar;
    if (inputs !== undefined && inputs.mark !== undefined) {
      validateBar(inputs.mark, 'mark');
      if (inputs.mark.openTime !== t) {
        throw new BarValidationError(
          `mark bar openTime ${inputs.mark.openTime} differs from bar openTime ${t}`,
          'pass the mark bar of the same minute',
        );
      }
      mark = inputs.mark;
    }
    const fundingRate = inputs === undefined ? undefined : inputs.fundingRate;
    this.bTime = t;
    this.bO = bar.open;
    this.bH = bar.high;
    this.bL = bar.low;
    this.bC = bar.close;
    this.bVol = bar.volume ?? Number.NaN;
    this.mO = mark.open;
    this.mH = mark.high;
    this.mL = mark.low;
    this.mC = mark.close;

    const fillStart = this.fillLog.length;
    const tradeStart = this.tradeLog.length;
    const fundingStart = this.fundingLog.length;
    const eventStart = this.eventLog.length;

    if (mark !== bar) this.markBarsSeen++;
    else if (this.markBarsSeen > 0) {
      this.markFallbackBars++;
      this.emit(t, 'MARK_FALLBACK', {});
    }
    if (!Number.isNaN(this.lastOpenTime) && t > this.lastOpenTime + MINUTE_MS) {
      this.dataGaps++;
      this.emit(t, 'DATA_GAP', { from: this.lastOpenTime + MINUTE_MS, to: t });
    }

    if (this.isQuiet(t, fundingRate)) {
      this.closePoint(this.pos !== null);
    } else {
      this.processBar(t, fundingRate);
    }
    this.lastOpenTime = t;
    this.barsProcessed++;

    r.openTime = t;
    r.fills = this.fillLog.length === fillStart ? EMPTY : this.fillLog.slice(fillStart);
    r.closedTrades = this.tradeLog.length === tradeStart ? EMPTY : this.tradeLog.slice(tradeStart);
    r.funding = this.fundingLog.length === fundingStart ? EMPTY : this.fundingLog.slice(fundingStart);
    r.events = this.eventLog.length === eventStart ? EMPTY : this.eventLog.slice(eventStart);
    r.stopped = this.stoppedFlag;
    this.checkInvariants();
    return r;
  }

  /** Nothing can happen in this bar: no arrivals, funding, and no live level within the bar's range. */
  private isQuiet(t: number, fundingRate: number | undefined): boolean {
    if (this.pending.length > 0 || fundingRate !== undefined || t >= this.nextFundingTime) return false;
    const p = this.pos;
    if (p !== null) {
      const liq = p.liqPrice;
      if (p.sign > 0 ? this.mL <= liq : this.mH >= liq) return false;
    }
    const book = this.book;
    for (let i = 0; i < book.length; i++) {
      const o = book[i]!;
      if (o.status === 'New') {
        if (o.buy ? this.bL < o.price : this.bH > o.price) return false;
      } else {
        const level = o.triggerPrice;
        if (Number.isNaN(level)) continue; // inactive trailing stop
        const mark = o.triggerBy === 'MarkPrice';
        const hi = mark ? this.mH : this.bH;
        const lo = mark ? this.mL : this.bL;
        if (o.triggerDirection === 1 ? hi >= level : lo <= level) return false;
      }
    }
    return true;
  }

  private processBar(t: number, fundingRate: number | undefined): void {
    // P1 funding.
    this.settleFunding(t, fundingRate);
    if (this.stoppedFlag) {
      this.closePoint(false);
      return;
    }
    // P2 arrivals.
    for (const o of this.book) o.liveAtBarStart = true;
    const arrivals = this.pending;
    this.pending = [];
    for (const o of arrivals) {
      o.live = true;
      o.liveAtBarStart = false;
      this.emit(t, 'ORDER_ARRIVED', { orderId: o.orderId });
    }
    // P3 open point.
    this.pathStep = 0;
    this.curDelta = 0;
    this.curLast = this.bO;
    this.curMark = this.mO;
    this.walkEnded = false;
    this.openedIntrabar = false;
    this.liquidateWhileBeyond(this.mO);
    if (!this.stoppedFlag) this.openSweep(true);
    if (!this.stoppedFlag) {
      for (const o of arrivals) {
        if (this.stoppedFlag) break;
        if (!isFinal(o)) this.arrive(o);
      }
    }
    if (!this.stoppedFlag) this.openSweep(false);
    // P4 path; P5 walk.
    if (!this.stoppedFlag) {
      const sign = this.pos === null ? 0 : this.pos.sign;
      const lowFirstLast = lowFirst(sign, this.bO, this.bH, this.bL);
      const lowFirstMark = lowFirst(sign === 0 ? (lowFirstLast ? 1 : -1) : sign, this.mO, this.mH, this.mL);
      const lx1 = lowFirstLast ? this.bL : this.bH;
      const lx2 = lowFirstLast ? this.bH : this.bL;
      const mx1 = lowFirstMark ? this.mL : this.mH;
      const mx2 = lowFirstMark ? this.mH : this.mL;
      this.walkSegment(1, this.bO, lx1, this.mO, mx1);
      this.walkSegment(2, lx1, lx2, mx1, mx2);
      this.walkSegment(3, lx2, this.bC, mx2, this.mC);
    }
    // P6 close point.
    this.closePoint(this.pos !== null);
  }

  // ---------------------------------------------------------------- funding (P1, §13)

  private settleFunding(t: number, inputRate: number | undefined): void {
    const from = Number.isNaN(this.lastOpenTime) ? t - 1 : this.lastOpenTime;
    for (const T of this.funding.timesIn(from, t, inputRate !== undefined)) {
      if (this.stoppedFlag) break;
      const scheduled = this.funding.rateAt(T, inputRate);
      if (scheduled === undefined) {
        this.fundingMissing++;
        this.emit(t, 'FUNDING_RATE_MISSING', { time: T });
        continue;
      }
      const { rate, source: recordSource } = scheduled;
      const p = this.pos;
      if (p === null || Number.isNaN(this.lastMarkClose)) continue;
      const markT = this.lastMarkClose;
      const cash = fundingCashFlowUnits(p.side, p.qty, markT, rate);
      const fundingId = `FU-${++this.fundingSeq}`;
      if (cash < 0n) {
        const availableBefore = this.availableUnits();
        const shortfall = -cash - (availableBefore > 0n ? availableBefore : 0n);
        if (shortfall > 0n) {
          p.pmUnits -= shortfall;
          p.fundingDrainUnits += shortfall;
        }
      }
      this.ledgerBook.book(++this.ledgerSeq, T, 'FUNDING', cash, fundingId);
      this.wallet = unitsToNumber(this.ledgerBook.walletUnits);
      p.trade.fundingUnits += cash;
      this.afterMarginChange(p);
      this.fundingEvents++;
      const payment = p.sign > 0 ? -cash : cash;
      const rec: FundingRecord = {
        fundingId,
        time: T,
        rate,
        markPrice: markT,
        qty: p.qty,
        side: p.side,
        payment: unitsToNumber(payment),
        cashFlow: unitsToNumber(cash),
        cashFlowString: unitsToString(cash),
        source: recordSource,
        tradeId: p.trade.tradeId,
      };
      this.fundingLog.push(rec);
      this.fundingSumUnits += cash;
      this.emit(t, 'FUNDING_SETTLED', { fundingId, rate, markPrice: markT, payment: rec.payment });
      this.enforceAvailable(t);
      this.liquidateWhileBeyond(markT);
    }
    this.updateNextFundingTime(t);
  }

  private updateNextFundingTime(t: number): void {
    this.nextFundingTime = this.funding.nextAfter(t);
  }

  // ---------------------------------------------------------------- open point (P3)

  /** Conditional orders met at the open (gap) and resting limits traded through at the open, by priority. */
  private openSweep(previouslyLiveOnly: boolean): void {
    for (;;) {
      if (this.stoppedFlag) return;
      let best: SimOrder | undefined;
      let bestPriority = 99;
      for (const o of this.book) {
        if (isFinal(o) || !o.live || (previouslyLiveOnly && !o.liveAtBarStart)) continue;
        let met = false;
        if (o.status === 'New') {
          if (!previouslyLiveOnly) continue;
          met = o.buy ? this.bO < o.price : this.bO > o.price;
        } else if (o.status === 'Untriggered' && !Number.isNaN(o.triggerPrice)) {
          const p = o.triggerBy === 'MarkPrice' ? this.mO : this.bO;
          met = metAt(p, o.triggerPrice, o.triggerDirection === 1, false);
        }
        if (!met) continue;
        const pr = orderPriority(o);
        if (best === undefined || pr < bestPriority || (pr === bestPriority && o.seq < best.seq)) {
          best = o;
          bestPriority = pr;
        }
      }
      if (best === undefined) return;
      if (best.status === 'New') this.fillRestingLimit(best);
      else this.trigger(best, this.bO, true);
    }
  }

  /** An order becomes live at the bar open (P3 d). */
  private arrive(o: SimOrder): void {
    const t = this.bTime;
    if (o.triggerDirection !== 0 && o.status === 'Untriggered') {
      // Inferred direction / checks skipped before the first bar are made now.
      const p = o.triggerBy === 'MarkPrice' ? this.mO : this.bO;
      this.book.push(o);
      if (metAt(p, o.triggerPrice, o.triggerDirection === 1, false)) this.trigger(o, this.bO, true);
      return;
    }
    if (o.orderType === 'Market') {
      if (!o.reduceOnly && o.qty * this.bO < this.instrument.minNotionalValue && this.isOpeningFor(o)) {
        this.cancelBeforeFill(o, 'NOTIONAL_BELOW_MIN', t);
        return;
      }
      const price = this.slip(this.bO, o.buy, o.qty);
      this.executeOrderFill(o, price, 'taker', 'open', this.bO);
      return;
    }
    // Limit.
    const marketable = o.buy ? o.price >= this.bO : o.price <= this.bO;
    if (marketable) {
      if (o.timeInForce === 'PostOnly') {
        this.cancelBeforeFill(o, 'POST_ONLY_WOULD_TAKE', t);
        return;
      }
      const slipped = this.slip(this.bO, o.buy, o.qty);
      const price = o.buy ? Math.min(o.price, slipped) : Math.max(o.price, slipped);
      this.executeOrderFill(o, price, 'taker', 'open', this.bO);
      return;
    }
    if (o.timeInForce === 'IOC' || o.timeInForce === 'FOK') {
      this.cancelBeforeFill(o, o.timeInForce === 'IOC' ? 'IOC_NOT_FILLED' : 'FOK_NOT_FILLED', t);
      return;
    }
    this.book.push(o);
  }

  // ---------------------------------------------------------------- path walk (P5)

  private walkSegment(step: number, a: number, b: number, ma: number, mb: number): void {
    if (this.walkEnded || this.stoppedFlag) return;
    this.pathStep = step;
    this.segA = a;
    this.segB = b;
    this.segMA = ma;
    this.segMB = mb;
    this.curDelta = 0;
    this.curLast = a;
    this.curMark = ma;
    for (let guard = 0; guard < 10_000; guard++) {
      if (this.walkEnded || this.stoppedFlag) return;
      // Find the next event: smallest δ, then priority, then acceptance sequence.
      let bestDelta = Number.POSITIVE_INFINITY;
      let bestPriority = 99;
      let bestSeq = Number.MAX_SAFE_INTEGER;
      let bestOrder: SimOrder | null = null;
      let bestIsLiq = false;
      let bestAtCurrent = false;
      const p = this.pos;
      if (p !== null && !Number.isNaN(p.liqPrice)) {
        const up = p.sign < 0;
        const d = this.crossing(p.liqPrice, up, false, true);
        if (d >= 0) {
          bestDelta = d;
          bestPriority = PRIORITY.liquidation;
          bestSeq = -1;
          bestIsLiq = true;
          bestAtCurrent = d === this.curDelta && metAt(this.curMark, p.liqPrice, up, false);
        }
      }
      for (const o of this.book) {
        if (isFinal(o) || !o.live) continue;
        let d: number;
        let atCurrent: boolean;
        if (o.status === 'New') {
          d = this.crossing(o.price, !o.buy, true, false);
          atCurrent = d >= 0 && metAt(this.curLast, o.price, !o.buy, true);
        } else if (o.status === 'Untriggered' && !Number.isNaN(o.triggerPrice)) {
          const viaMark = o.triggerBy === 'MarkPrice';
          const up = o.triggerDirection === 1;
          d = this.crossing(o.triggerPrice, up, false, viaMark);
          atCurrent = d >= 0 && metAt(viaMark ? this.curMark : this.curLast, o.triggerPrice, up, false);
        } else continue;
        if (d < 0) continue;
        const pr = orderPriority(o);
        if (
          d < bestDelta ||
          (d === bestDelta && (pr < bestPriority || (pr === bestPriority && o.seq < bestSeq)))
        ) {
          bestDelta = d;
          bestPriority = pr;
          bestSeq = o.seq;
          bestOrder = o;
          bestIsLiq = false;
          bestAtCurrent = atCurrent;
        }
      }
      if (bestDelta === Number.POSITIVE_INFINITY) return;
      // Advance the path to the event point.
      if (bestDelta > this.curDelta) {
        this.curDelta = bestDelta;
        this.curLast = pointAt(this.segA, this.segB, bestDelta);
        this.curMark = pointAt(this.segMA, this.segMB, bestDelta);
      }
      if (bestIsLiq) {
        const pos = this.pos!;
        const mStar = bestAtCurrent ? this.curMark : pos.liqPrice;
        this.curMark = mStar;
        this.liquidate(mStar);
        continue;
      }
      const o = bestOrder!;
      if (o.status === 'New') {
        this.curLast = o.price;
        this.fillRestingLimit(o);
      } else {
        const viaMark = o.triggerBy === 'MarkPrice';
        if (!bestAtCurrent && !viaMark) this.curLast = o.triggerPrice;
        if (!bestAtCurrent && viaMark) this.curMark = o.triggerPrice;
        const ref = bestAtCurrent || viaMark ? this.curLast : o.triggerPrice;
        this.trigger(o, ref, false);
      }
      if (this.openedIntrabar) {
        this.walkEnded = true;
        this.stopExitsAfterIntrabarEntry();
        return;
      }
    }
  }

  /**
   * First δ ≥ current at which `price met level` on this segment (last or mark series), or −1. Met at the
   * current point → the current δ.
   */
  private crossing(level: number, up: boolean, strict: boolean, viaMark: boolean): number {
    const a = viaMark ? this.segMA : this.segA;
    const b = viaMark ? this.segMB : this.segB;
    const cur = viaMark ? this.curMark : this.curLast;
    if (metAt(cur, level, up, strict)) return this.curDelta;
    if (!metAt(b, level, up, strict)) return -1;
    const d = deltaOf(a, level);
    return Math.max(d, this.curDelta);
  }

  /** §11.4: after an intrabar opening fill, stop-type exits are tested once against the whole bar's extremes. */
  private stopExitsAfterIntrabarEntry(): void {
    const p = this.pos;
    if (p === null) return;
    const long = p.sign > 0;
    let best: SimOrder | null = null;
    let bestDist = Number.POSITIVE_INFINITY;
    let bestPriority = 99;
    for (const o of this.book) {
      if (isFinal(o) || !o.live || o.status !== 'Untriggered' || Number.isNaN(o.triggerPrice)) continue;
      const stopType =
        o.role === 'stop_loss' || o.role === 'trailing_stop' || (o.role === 'order' && o.reduceOnly);
      if (!stopType) continue;
      const adverseDirection = long ? 2 : 1;
      if (o.triggerDirection !== adverseDirection) continue;
      const reached = long ? this.bL <= o.triggerPrice : this.bH >= o.triggerPrice;
      if (!reached) continue;
      const dist = Math.abs(o.triggerPrice - this.bO) / this.bO;
      const pr = orderPriority(o);
      if (dist < bestDist || (dist === bestDist && pr < bestPriority)) {
        best = o;
        bestDist = dist;
        bestPriority = pr;
      }
    }
    let liqDist = Number.POSITIVE_INFINITY;
    if (!Number.isNaN(p.liqPrice) && (long ? this.mL <= p.liqPrice : this.mH >= p.liqPrice)) {
      liqDist = Math.abs(p.liqPrice - this.mO) / this.mO;
    }
    if (liqDist <= bestDist && liqDist !== Number.POSITIVE_INFINITY) {
      this.liquidate(p.liqPrice);
      return;
    }
    if (best !== null) {
      // Fills at slip(level), never at a gap price.
      this.curLast = best.triggerPrice;
      this.trigger(best, best.triggerPrice, false);
    }
  }

  // ---------------------------------------------------------------- order execution

  /** A conditional order's trigger is met at `ref` (last-price point): fill or convert to a limit (§10.1). */
  private trigger(o: SimOrder, ref: number, atOpen: boolean): void {
    const t = this.bTime;
    o.status = 'Triggered';
    o.updatedTime = t;
    this.emit(t, 'ORDER_TRIGGERED', {
      orderId: o.orderId,
      price: o.role === 'order' ? o.triggerPrice : ref,
      by: o.triggerBy,
    });
    if (o.role === 'take_profit' || o.role === 'stop_loss' || o.role === 'trailing_stop') {
      this.emit(t, 'TPSL_TRIGGERED', { orderId: o.orderId, kind: o.role });
    }
    const source: PriceSource = atOpen
      ? 'open_gap'
      : o.triggerBy === 'MarkPrice'
        ? 'mark_trigger'
        : 'trigger';
    if (o.orderType === 'Market') {
      this.executeOrderFill(o, this.slip(ref, o.buy, o.qty), 'taker', source, ref);
      return;
    }
    // Stop-limit: becomes a limit at Plim; marketable vs the trigger-point price → taker, else rests (maker).
    const marketable = o.buy ? o.price >= ref : o.price <= ref;
    if (marketable) {
      if (o.timeInForce === 'PostOnly') {
        this.cancelBeforeFill(o, 'POST_ONLY_WOULD_TAKE', t);
        return;
      }
      const slipped = this.slip(ref, o.buy, o.qty);
      this.executeOrderFill(
        o,
        o.buy ? Math.min(o.price, slipped) : Math.max(o.price, slipped),
        'taker',
        source,
        ref,
      );
      return;
    }
    if (o.timeInForce === 'IOC' || o.timeInForce === 'FOK') {
      this.cancelBeforeFill(o, o.timeInForce === 'IOC' ? 'IOC_NOT_FILLED' : 'FOK_NOT_FILLED', t);
      return;
    }
    o.status = 'New';
    // Resting opening limit now holds order margin.
    if (!o.reduceOnly) {
      const om = this.orderMarginUnits(o);
      if (om > this.availableUnits()) {
        this.cancelBeforeFill(o, 'INSUFFICIENT_AVAILABLE_BALANCE', t);
        return;
      }
      o.omUnits = om;
      this.omUnits += om;
    }
  }

  private fillRestingLimit(o: SimOrder): void {
    this.executeOrderFill(o, o.price, 'maker', 'limit', o.price);
  }

  /**
   * Fills an order at `price` with one-way netting (§9.5): reduce-only clamps to the position, the opening
   * part must pass the margin and risk-limit checks at fill (§6.2, §9.4) or the order is cancelled.
   */
  private executeOrderFill(
    o: SimOrder,
    price: number,
    liquidity: LiquidityKind,
    source: PriceSource,
    reference: number,
  ): void {
    const t = this.bTime;
    const p = this.pos;
    const sign = o.buy ? 1 : -1;
    const opposite = p !== null && p.sign !== sign;
    let qty = o.closeWhole ? (p === null ? 0 : p.qty) : o.qty;
    if (o.reduceOnly) {
      if (!opposite) {
        this.cancelBeforeFill(o, 'REDUCE_ONLY_NO_POSITION', t);
        return;
      }
      qty = Math.min(qty, p!.qty);
    }
    if (qty <= 0) {
      this.cancelBeforeFill(o, 'REDUCE_ONLY_NO_POSITION', t);
      return;
    }
    const closingQty = opposite ? Math.min(qty, p!.qty) : 0;
    let openingQty = o.reduceOnly ? 0 : floorQty(qty - closingQty, this.instrument.qtyStep);
    if (openingQty > 0) {
      const problem = this.openingProblem(o.buy, openingQty, price, liquidity, o.omUnits);
      if (problem !== undefined) {
        if (closingQty > 0 && o.timeInForce !== 'FOK') {
          openingQty = 0;
          this.emit(t, 'ORDER_CANCELLED', { orderId: o.orderId, reason: problem, part: 'opening' });
        } else {
          this.cancelBeforeFill(o, problem, t);
          return;
        }
      }
    }
    // Release the order margin before booking.
    this.omUnits -= o.omUnits;
    o.omUnits = 0n;
    // Final before booking: a close that flattens the position cancels the position's other orders, never the
    // order that is filling (it would be reported both cancelled and filled).
    o.status = 'Filled';
    o.live = false;
    const at = this.book.indexOf(o);
    if (at >= 0) this.book.splice(at, 1);
    o.avgPrice = price;
    o.updatedTime = t;
    const exit = exitReasonForRole(o.role, openingQty > 0 && closingQty > 0);
    const rate = feeRateFor(this.account, liquidity);
    if (closingQty > 0) {
      this.bookClose(o, o.buy, closingQty, price, rate, liquidity, source, 'Trade', exit, o.tag, reference);
    }
    let opened = false;
    if (openingQty > 0) {
      this.bookOpen(o, o.buy, openingQty, price, rate, liquidity, source, reference);
      opened = true;
    }
    this.emit(t, 'ORDER_FILLED', {
      orderId: o.orderId,
      fillId: this.fillLog[this.fillLog.length - 1]!.fillId,
    });
    if (opened && closingQty > 0) {
      this.emit(t, 'POSITION_FLIPPED', {
        tradeId: this.pos!.trade.tradeId,
        side: this.pos!.side,
        qty: this.pos!.qty,
      });
    }
    if (opened && this.pathStep > 0) this.openedIntrabar = true;
    if (opened && o.attach !== null) this.attachStops(o.attach, openingQty, t);
    this.enforceAvailable(t);
  }

  /** Why the opening part cannot fill (risk limit, tier leverage, margin), or undefined. */
  private openingProblem(
    buy: boolean,
    openingQty: number,
    price: number,
    liquidity: LiquidityKind,
    ownOm: bigint,
  ): RejectReason | undefined {
    const p = this.pos;
    const sign = buy ? 1 : -1;
    const resultingQty = p !== null && p.sign === sign ? p.qty + openingQty : openingQty;
    const lev = p !== null && p.sign === sign ? p.leverage : this.leverageSetting;
    const value = resultingQty * price;
    const last = this.tiers[this.tiers.length - 1]!;
    if (value > last.riskLimitValue) return 'RISK_LIMIT_EXCEEDED';
    if (lev > this.tiers[tierIndexFor(value, this.tiers)]!.maxLeverage) return 'LEVERAGE_EXCEEDS_TIER';
    const side: PositionSide = buy ? 'long' : 'short';
    const q = frac(openingQty);
    const pr = frac(price);
    const c = orderCostExact(side, q, pr, frac(lev), frac(this.account.takerFeeRate));
    // Fee to open at the actual rate of this fill.
    const cost = toUnits(
      sub(c.orderCost, sub(c.feeToOpen, mul(mul(q, pr), frac(feeRateFor(this.account, liquidity))))),
    );
    if (this.availableUnits() + ownOm < cost) return 'INSUFFICIENT_AVAILABLE_BALANCE';
    return undefined;
  }

  private bookOpen(
    o: SimOrder | null,
    buy: boolean,
    qty: number,
    price: number,
    rate: number,
    liquidity: LiquidityKind,
    source: PriceSource,
    reference: number,
  ): void {
    const t = this.bTime;
    const side: PositionSide = buy ? 'long' : 'short';
    let p = this.pos;
    const fee = tradingFeeUnits(qty, price, rate);
    const fillId = sequentialId('F', ++this.fillSeq);
    let newTrade = false;
    if (p === null) {
      newTrade = true;
      const trade: TradeState = {
        tradeId: sequentialId('T', ++this.tradeSeq),
        side,
        openTime: t,
        openBarTime: t,
        openedAtOpen: this.pathStep === 0,
        entryQty: 0,
        maxQty: 0,
        entryNotional: { n: 0n, d: 1n },
        exitQty: 0,
        exitNotional: { n: 0n, d: 1n },
        realizedUnits: 0n,
        entryFeeUnits: 0n,
        exitFeeUnits: 0n,
        fundingUnits: 0n,
        leverage: this.leverageSetting,
        partialCloses: 0,
        partialLiquidations: 0,
        slMovedToBreakEven: false,
        breakEvenArmed: false,
        minPrice: price,
        maxPrice: price,
        fillIds: [],
        exitReason: null,
        exitTag: null,
      };
      p = new OpenPosition(side, qty, price, this.leverageSetting, trade);
      p.qty = 0;
      this.pos = p;
    }
    const q = frac(qty);
    const pr = frac(price);
    const lev = frac(p.leverage);
    const imPlusFtc = orderCostExact(side, q, pr, lev, frac(this.account.takerFeeRate));
    const pmAdd = toUnits(sub(imPlusFtc.orderCost, imPlusFtc.feeToOpen));
    // New average entry: (Q·E + q·P)/(Q + q).
    const newQty = stepCountQty(p.qty + qty, this.instrument.qtyStep);
    p.entry = p.qty === 0 ? pr : div(add(mul(frac(p.qty), p.entry), mul(q, pr)), frac(newQty));
    p.avgEntry = toNumber(p.entry);
    p.qty = newQty;
    p.pmUnits += pmAdd;
    const tr = p.trade;
    tr.entryQty = stepCountQty(tr.entryQty + qty, this.instrument.qtyStep);
    tr.maxQty = Math.max(tr.maxQty, p.qty);
    tr.entryNotional = add(tr.entryNotional, mul(q, pr));
    tr.entryFeeUnits += fee;
    tr.fillIds.push(fillId);
    if (price < tr.minPrice) tr.minPrice = price;
    if (price > tr.maxPrice) tr.maxPrice = price;
    this.ledgerBook.book(++this.ledgerSeq, t, 'FEE', -fee, fillId);
    this.wallet = unitsToNumber(this.ledgerBook.walletUnits);
    this.afterMarginChange(p);
    this.pushFill(
      fillId,
      o,
      buy,
      qty,
      price,
      source,
      rate,
      fee,
      liquidity,
      'Trade',
      0,
      0n,
      tr.tradeId,
      p.qty,
      reference,
    );
    this.emit(t, newTrade ? 'POSITION_OPENED' : 'POSITION_INCREASED', {
      tradeId: tr.tradeId,
      side,
      qty: p.qty,
      avgEntryPrice: p.avgEntry,
      liqPrice: nn(p.liqPrice),
    });
  }

  /** Books a close of `qty` at `price` (taker/maker) and releases margin proportionally (§6.4). */
  private bookClose(
    o: SimOrder | null,
    buy: boolean,
    qty: number,
    price: number,
    rate: number,
    liquidity: LiquidityKind,
    source: PriceSource,
    execType: ExecType,
    exit: ExitReason,
    tag: string | null,
    reference: number,
  ): void {
    const t = this.bTime;
    const p = this.pos!;
    const fillId = sequentialId('F', ++this.fillSeq);
    const fee = tradingFeeUnits(qty, price, rate);
    const realized = realizedPnlUnits(p.side, qty, p.entry, price);
    this.bookRealized(p, qty, price, fee, realized, fillId, t);
    const full = qty >= p.qty;
    if (full) {
      p.pmUnits = 0n;
      p.extraUnits = 0n;
      p.qty = 0;
    } else {
      const remaining = stepCountQty(p.qty - qty, this.instrument.qtyStep);
      const ratio = div(frac(remaining), frac(p.qty));
      p.pmUnits = toUnits(mul(fromUnits(p.pmUnits), ratio));
      p.extraUnits = toUnits(mul(fromUnits(p.extraUnits), ratio));
      p.fundingDrainUnits = toUnits(mul(fromUnits(p.fundingDrainUnits), ratio));
      p.qty = remaining;
      if (execType === 'Trade' || execType === 'ForcedClose') p.trade.partialCloses++;
    }
    this.pushFill(
      fillId,
      o,
      buy,
      qty,
      price,
      source,
      rate,
      fee,
      liquidity,
      execType,
      qty,
      realized,
      p.trade.tradeId,
      p.qty,
      reference,
    );
    if (full) this.closeTrade(exit, tag, t);
    else {
      this.afterMarginChange(p);
      if (o !== null) this.clampPartialStops();
      this.emit(t, 'POSITION_REDUCED', { tradeId: p.trade.tradeId, qty: p.qty, liqPrice: nn(p.liqPrice) });
    }
  }

  private bookRealized(
    p: OpenPosition,
    qty: number,
    price: number,
    fee: bigint,
    realized: bigint,
    fillId: string,
    t: number,
  ): void {
    const tr = p.trade;
    tr.realizedUnits += realized;
    tr.exitFeeUnits += fee;
    tr.exitQty = stepCountQty(tr.exitQty + qty, this.instrument.qtyStep);
    tr.exitNotional = add(tr.exitNotional, mul(frac(qty), frac(price)));
    tr.fillIds.push(fillId);
    if (price < tr.minPrice) tr.minPrice = price;
    if (price > tr.maxPrice) tr.maxPrice = price;
    if (realized !== 0n) this.ledgerBook.book(++this.ledgerSeq, t, 'REALIZED_PNL', realized, fillId);
    if (fee !== 0n) this.ledgerBook.book(++this.ledgerSeq, t, 'FEE', -fee, fillId);
    this.wallet = unitsToNumber(this.ledgerBook.walletUnits);
  }

  private pushFill(
    fillId: string,
    o: SimOrder | null,
    buy: boolean,
    qty: number,
    price: number,
    source: PriceSource,
    rate: number,
    fee: bigint,
    liquidity: LiquidityKind,
    execType: ExecType,
    closedQty: number,
    realized: bigint,
    tradeId: string,
    positionQtyAfter: number,
    reference: number,
  ): void {
    if (liquidity === 'maker') this.cMakerFills++;
    else this.cTakerFills++;
    this.fillLog.push({
      fillId,
      seq: this.fillSeq,
      orderId: o === null ? null : o.orderId,
      orderLinkId: o === null ? null : o.orderLinkId,
      tag: o === null ? null : o.tag,
      time: this.bTime,
      pathStep: this.pathStep,
      side: buy ? 'Buy' : 'Sell',
      qty,
      price,
      referencePrice: reference,
      priceSource: source,
      notional: qty * price,
      feeRate: rate,
      fee: unitsToNumber(fee),
      feeString: unitsToString(fee),
      liquidity,
      execType,
      closedQty,
      realizedPnl: unitsToNumber(realized),
      realizedPnlString: unitsToString(realized),
      tradeId,
      positionQtyAfter,
    });
  }

  /** The position went flat: freeze the trade, deactivate its stops, reset margin (§9.3). */
  private closeTrade(exit: ExitReason, tag: string | null, t: number): void {
    const p = this.pos!;
    p.trade.exitReason = exit;
    p.trade.exitTag = tag;
    const trade = freezeTrade(p.trade, t);
    this.tradeLog.push(trade);
    this.closedFeeUnits += p.trade.entryFeeUnits + p.trade.exitFeeUnits;
    this.closedNetUnits += p.trade.realizedUnits - p.trade.entryFeeUnits - p.trade.exitFeeUnits;
    this.pos = null;
    this.pmUnitsCache = 0n;
    this.inMarginCall = false;
    for (const o of this.book.concat(this.pending)) {
      if (isFinal(o)) continue;
      // Position stops are deactivated; plain reduce-only orders have nothing left to reduce.
      if (o.role !== 'order') this.finalize(o, 'Deactivated', 'POSITION_CLOSED', t);
      else if (o.reduceOnly) this.finalize(o, 'Cancelled', 'POSITION_CLOSED', t);
    }
    this.emit(t, 'POSITION_CLOSED', { tradeId: trade.tradeId, exitReason: exit, netPnl: trade.netPnl });
  }

  // ---------------------------------------------------------------- liquidation (§7.3–7.4)

  /** Mark reached the liquidation price at `mStar` (trigger point): step down a tier or liquidate fully. */
  private liquidate(mStar: number): void {
    const p = this.pos;
    if (p === null) return;
    const t = this.bTime;
    const tierNow = tierIndexFor(p.qty * mStar, this.tiers) + 1;
    this.emit(t, 'LIQUIDATION_TRIGGERED', { mark: mStar, liqPrice: nn(p.liqPrice), tier: tierNow });
    for (const o of this.book.concat(this.pending)) {
      if (!isFinal(o) && !o.reduceOnly) this.finalize(o, 'Cancelled', 'LIQUIDATION', t);
    }
    if (tierNow >= 2) {
      const targetQty = floorQty(this.tiers[tierNow - 2]!.riskLimitValue / mStar, this.instrument.qtyStep);
      if (targetQty >= this.instrument.minOrderQty && targetQty < p.qty) {
        const reduceQty = stepCountQty(p.qty - targetQty, this.instrument.qtyStep);
        this.cPartialLiquidations++;
        p.trade.partialLiquidations++;
        this.bookClose(
          null,
          p.sign < 0,
          reduceQty,
          mStar,
          this.account.takerFeeRate,
          'taker',
          'mark_trigger',
          'PartialLiquidation',
          'liquidation',
          null,
          mStar,
        );
        const after = this.pos!;
        this.emit(t, 'PARTIAL_LIQUIDATION', {
          fromTier: tierNow,
          toTier: tierIndexFor(after.qty * mStar, this.tiers) + 1,
          qty: reduceQty,
          price: mStar,
          liqPrice: nn(after.liqPrice),
        });
        return;
      }
    }
    // Full liquidation at the bankruptcy price; the loss is exactly PM (L6).
    const qty = p.qty;
    const bp = p.bustExact;
    const fee = toUnits(mul(mul(frac(qty), bp), frac(this.account.takerFeeRate)));
    const pmUnits = p.pmUnits;
    const realized = fee - pmUnits;
    const price = toNumber(bp);
    const fillId = sequentialId('F', ++this.fillSeq);
    this.bookRealized(p, qty, price, fee, realized, fillId, t);
    p.qty = 0;
    p.pmUnits = 0n;
    this.cLiquidations++;
    this.pushFill(
      fillId,
      null,
      p.sign < 0,
      qty,
      price,
      'bankruptcy',
      this.account.takerFeeRate,
      fee,
      'taker',
      'Liquidation',
      qty,
      realized,
      p.trade.tradeId,
      0,
      price,
    );
    this.emit(t, 'LIQUIDATED', { bustPrice: price, qty, loss: unitsToNumber(pmUnits) });
    this.closeTrade('liquidation', null, t);
    this.halt('liquidated', true, t);
  }

  /**
   * Liquidation check at a single mark point (open gap, funding boundary): step-downs repeat while the mark is
   * still beyond the recomputed liquidation price, ending in survival or a full liquidation (§7.4 step 2).
   */
  private liquidateWhileBeyond(mark: number): void {
    for (let guard = 0; guard < this.tiers.length + 1; guard++) {
      const p = this.pos;
      if (p === null || this.stoppedFlag) return;
      if (!(p.sign > 0 ? mark <= p.liqPrice : mark >= p.liqPrice)) return;
      this.liquidate(mark);
    }
  }

  // ---------------------------------------------------------------- close point (P6)

  /** P6: mark-to-market at the mark close, snapshot, margin stress, dynamic stops, §14 checks. Hot path. */
  private closePoint(hasPosition: boolean): void {
    const t = this.bTime;
    this.lastClose = this.bC;
    this.lastMarkClose = this.mC;
    const p = this.pos;
    const snaps = this.snaps;
    const o = snaps.claimBar(t + MINUTE_MS);
    const d = snaps.bars;
    d[o] = this.mC;
    if (!hasPosition || p === null) {
      d[o + 1] = Number.NaN;
      snaps.noteState(this.wallet, 0, 0, 0, 0, Number.NaN);
      if (!this.stoppedFlag) this.closeChecks(t, this.wallet);
      return;
    }
    const long = p.sign > 0;
    // MAE/MFE and trailing peaks: the bar of an intrabar opening fill contributes only the fill price.
    const tr = p.trade;
    const wholeBar = tr.openBarTime !== t || tr.openedAtOpen;
    if (wholeBar) {
      if (this.bL < tr.minPrice) tr.minPrice = this.bL;
      if (this.bH > tr.maxPrice) tr.maxPrice = this.bH;
    }
    const qty = p.qty;
    const upnl = p.sign * qty * (this.mC - p.avgEntry);
    // Coverage at the adverse mark vertex (§6.3), tier by mark value; the snapshot derives the same on read.
    const adverse = long ? this.mL : this.mH;
    d[o + 1] = adverse;
    snaps.noteState(this.wallet, p.sign, qty, p.avgEntry, p.pmx, p.liqPrice);
    const mm = mmCoreValue(qty * adverse, this.tiers);
    const coverage = mm > 0 ? (p.pmx + p.sign * qty * (adverse - p.avgEntry)) / mm : Number.POSITIVE_INFINITY;
    if (coverage <= this.marginCallThreshold) {
      if (!this.inMarginCall) {
        this.inMarginCall = true;
        this.cMarginCalls++;
        this.emit(t, 'MARGIN_CALL', { coverage });
      }
    } else this.inMarginCall = false;
    if (p.trailing !== null || this.breakEven !== null) this.updateDynamicStops(p, wholeBar);
    const equity = this.wallet + upnl;
    if (equity > this.equityPeak) this.equityPeak = equity;
    if (this.hasEquityStops && !this.stoppedFlag) this.closeChecks(t, equity);
  }

  private updateDynamicStops(p: OpenPosition, wholeBar: boolean): void {
    const t = this.bTime;
    const long = p.sign > 0;
    const fav = wholeBar ? (long ? this.bH : this.bL) : long ? p.trade.maxPrice : p.trade.minPrice;
    const tr = p.trailing;
    if (tr !== null) {
      const order = this.book.find((o) => o.role === 'trailing_stop' && !isFinal(o));
      if (!tr.active) {
        if (long ? fav >= tr.activePrice : fav <= tr.activePrice) {
          tr.active = true;
          tr.peak = tr.activePrice;
          if (order !== undefined) order.triggerPrice = this.trailingLevel(p);
          this.emit(t, 'TRAILING_ACTIVATED', { level: order === undefined ? null : order.triggerPrice });
        }
      } else if (long ? fav > tr.peak : fav < tr.peak) {
        tr.peak = fav;
        const level = this.trailingLevel(p);
        if (order !== undefined && (long ? level > order.triggerPrice : level < order.triggerPrice)) {
          order.triggerPrice = level;
          this.emit(t, 'TRAILING_STOP_MOVED', { orderId: order.orderId, level });
        }
      }
    }
    const be = this.breakEven;
    if (be !== null && !p.trade.breakEvenArmed) {
      const peak = long ? p.trade.maxPrice : p.trade.minPrice;
      const movePct = (p.sign * (peak - p.avgEntry) * 100) / p.avgEntry;
      if (movePct >= be.activationPct) {
        p.trade.breakEvenArmed = true;
        const level = roundPrice(p.avgEntry * (1 + (p.sign * be.offsetPct) / 100), this.tick, 'nearest');
        const sl = this.positionStop('stop_loss');
        const better = sl === undefined || (long ? level > sl.triggerPrice : level < sl.triggerPrice);
        if (better) {
          this.setFullStop('stop_loss', level, sl === undefined ? 'LastPrice' : sl.triggerBy, t);
          p.trade.slMovedToBreakEven = true;
        }
        this.emit(t, 'BREAK_EVEN_ARMED', { level, moved: better });
      }
    }
  }

  private trailingLevel(p: OpenPosition): number {
    const tr = p.trailing!;
    return roundPrice(tr.peak - p.sign * tr.distance, this.tick, 'nearest');
  }

  /** §14.1 checks at a 1m close: max drawdown, equity floor, starvation. */
  private closeChecks(t: number, equity: number): void {
    if (equity > this.equityPeak) this.equityPeak = equity;
    const ddLimit = this.opts.maxDrawdownPct;
    if (ddLimit !== undefined) {
      const dd = ((this.equityPeak - equity) / this.equityPeak) * 100;
      if (dd >= ddLimit) {
        this.emit(t, 'MAX_DRAWDOWN_HIT', { ddPct: dd, limit: ddLimit });
        if (this.pos !== null) this.forcedClose('max_drawdown', null, 'max_drawdown_hit');
        this.halt('max_drawdown_hit', true, t);
        return;
      }
    }
    const floor = this.opts.equityFloorUsdt;
    if (floor !== undefined && equity <= floor) {
      this.emit(t, 'EQUITY_FLOOR_HIT', { equity, floor });
      if (this.pos !== null) this.forcedClose('equity_floor', null, 'equity_floor_hit');
      this.halt('equity_floor_hit', true, t);
      return;
    }
    if (this.pos === null && this.starvedAt === null && this.book.length === 0 && this.pending.length === 0) {
      const c = this.bC;
      const inst = this.instrument;
      // Flat with no orders: nothing is reserved, available = wallet (no BigInt on the per-bar path).
      const available = this.wallet;
      // A double upper bound of the minimal order cost settles the usual case without any rounding work; the
      // exact order cost decides near the threshold.
      const perValue = 1 / this.leverageSetting + 2 * this.account.takerFeeRate;
      const bound = Math.max(inst.minOrderQty * c, inst.minNotionalValue + inst.qtyStep * c) * perValue;
      const q =
        available < bound * 1.01
          ? Math.max(inst.minOrderQty, ceilQty(inst.minNotionalValue / c, inst.qtyStep))
          : 0;
      if (q > 0 && available < q * c * perValue * 1.01) {
        const cost = toUnits(
          orderCostExact(
            'long',
            frac(q),
            frac(c),
            frac(this.leverageSetting),
            frac(this.account.takerFeeRate),
          ).orderCost,
        );
        if (this.availableUnits() < cost) {
          this.starvedAt = t;
          this.emit(t, 'STRATEGY_STARVED', { available, minimalOrderCost: unitsToNumber(cost) });
          if (this.opts.stopWhenStarved === true) this.halt('strategy_starved', false, t);
        }
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Closes the whole position now at `slip(last close)`, taker (§14.2). */
  private forcedClose(exit: ExitReason, tag: string | null, reason: string): void {
    const p = this.pos;
    if (p === null || Number.isNaN(this.lastClose)) return;
    const t = this.nowTime();
    const savedTime = this.bTime;
    const savedStep = this.pathStep;
    this.pathStep = 4;
    const buy = p.sign < 0;
    const price = this.slip(this.lastClose, buy, p.qty);
    this.emit(t, 'FORCED_CLOSE', { reason });
    this.bookClose(
      null,
      buy,
      p.qty,
      price,
      this.account.takerFeeRate,
      'taker',
      'close',
      'ForcedClose',
      exit,
      tag,
      this.lastClose,
    );
    this.bTime = savedTime;
    this.pathStep = savedStep;
  }

  private halt(reason: StopReason, terminal: boolean, t: number): void {
    if (this.stoppedFlag) return;
    for (const o of this.book.concat(this.pending)) this.finalize(o, 'Cancelled', 'STOPPED', t);
    this.book = [];
    this.pending = [];
    this.stoppedFlag = true;
    this.stopReasonValue = reason;
    this.terminal = terminal;
    this.stoppedAt = t;
    this.emit(t, 'RUN_STOPPED', { stopReason: reason });
  }

  private slip(price: number, buy: boolean, qty: number): number {
    return slippedPrice(
      this.account.slippage,
      price,
      buy,
      qty,
      Number.isNaN(this.bVol) ? undefined : this.bVol,
      this.tick,
    );
  }

  private availableUnits(): bigint {
    return this.ledgerBook.walletUnits - this.pmUnitsCache - this.omUnits;
  }

  private afterMarginChange(p: OpenPosition): void {
    p.refresh(this.tiers, this.account.takerFeeRate, this.tick);
    this.pmUnitsCache = p.pmUnits;
  }

  /** A wallet debit left available < 0 while resting orders hold margin: cancel newest opening orders first. */
  private enforceAvailable(t: number): void {
    if (this.availableUnits() >= 0n || this.omUnits === 0n) return;
    const holders = this.book.concat(this.pending).filter((o) => o.omUnits > 0n && !isFinal(o));
    holders.sort((x, y) => y.seq - x.seq);
    for (const o of holders) {
      if (this.availableUnits() >= 0n) break;
      this.cancelBeforeFill(o, 'INSUFFICIENT_AVAILABLE_BALANCE', t);
    }
  }

  private currentMark(): number {
    if (!Number.isNaN(this.lastMarkClose)) return this.lastMarkClose;
    return this.pos === null ? 0 : this.pos.avgEntry;
  }

  private upnlAt(m: number): number {
    const p = this.pos;
    return p === null ? 0 : p.sign * p.qty * (m - p.avgEntry);
  }

  private nowTime(): number {
    return Number.isNaN(this.lastOpenTime) ? 0 : this.lastOpenTime + MINUTE_MS;
  }

  private emit(time: number, type: string, payload: Record<string, unknown>): void {
    this.eventLog.push({ seq: ++this.eventSeq, time, type, ...payload });
  }

  private cancel(o: SimOrder, reason: CancelReason, t: number): void {
    this.finalize(o, 'Cancelled', reason, t);
    if (o.role === 'trailing_stop' && this.pos !== null) this.pos.trailing = null;
  }

  /** Cancels an order that never filled; counts as an entry rejection for the §14.3 reasons. */
  private cancelBeforeFill(o: SimOrder, reason: CancelReason | RejectReason, t: number): void {
    const counted: readonly string[] = [
      'INSUFFICIENT_AVAILABLE_BALANCE',
      'RISK_LIMIT_EXCEEDED',
      'LEVERAGE_EXCEEDS_TIER',
      'NOTIONAL_BELOW_MIN',
      'POST_ONLY_WOULD_TAKE',
      'IOC_NOT_FILLED',
      'FOK_NOT_FILLED',
    ];
    if (o.isEntry && counted.includes(reason)) this.cEntryRejections++;
    this.finalize(o, 'Cancelled', reason as CancelReason, t);
  }

  private finalize(o: SimOrder, status: 'Cancelled' | 'Deactivated', reason: CancelReason, t: number): void {
    if (isFinal(o)) return;
    o.status = status;
    o.cancelReason = reason;
    o.updatedTime = t;
    this.omUnits -= o.omUnits;
    o.omUnits = 0n;
    o.live = false;
    this.book = this.book.filter((x) => x !== o);
    this.pending = this.pending.filter((x) => x !== o);
    this.emit(t, status === 'Deactivated' ? 'ORDER_DEACTIVATED' : 'ORDER_CANCELLED', {
      orderId: o.orderId,
      reason,
    });
  }

  private rejectCommand(reason: RejectReason, command: string, time: number, retCode?: number): Ack {
    const ack = rejected(reason, retCode);
    this.emit(time, 'COMMAND_REJECTED', { command, reason, retCode: ack.retCode ?? null });
    return ack;
  }

  private rejectAmend(o: SimOrder, reason: RejectReason, time: number): Ack {
    const ack = rejected(reason);
    this.emit(time, 'ORDER_REJECTED', {
      orderId: o.orderId,
      reason,
      retCode: ack.retCode ?? null,
      command: 'amendOrder',
    });
    return ack;
  }

  private leverageProblem(l: number): string | undefined {
    const i = this.instrument;
    if (!Number.isFinite(l)) return 'not a number';
    if (l < i.minLeverage || l > i.maxLeverage) return `outside [${i.minLeverage}, ${i.maxLeverage}]`;
    if (l > this.tiers[0]!.maxLeverage) return `above the tier-1 max leverage ${this.tiers[0]!.maxLeverage}`;
    const steps = (l - i.minLeverage) / i.leverageStep;
    if (Math.abs(steps - Math.round(steps)) > 1e-9) return `not on the leverage step ${i.leverageStep}`;
    return undefined;
  }

  private outOfRange(price: number): boolean {
    return price < this.instrument.minPrice || price > this.instrument.maxPrice;
  }

  private positionStop(role: 'take_profit' | 'stop_loss'): SimOrder | undefined {
    return this.book.find((o) => o.role === role && o.closeWhole && !isFinal(o));
  }

  /** Full-mode TP or SL: replaces the current one; `0` cancels. */
  private setFullStop(
    role: 'take_profit' | 'stop_loss',
    level: number,
    triggerBy: TriggerBy,
    time: number,
  ): void {
    const existing = this.positionStop(role);
    if (existing !== undefined) this.finalize(existing, 'Cancelled', 'USER', time);
    if (level > 0) this.addPositionStop(role, level, triggerBy, 0, 'Market', undefined, time, true);
  }

  private addPositionStop(
    role: 'take_profit' | 'stop_loss',
    level: number,
    triggerBy: TriggerBy,
    qty: number,
    orderType: 'Market' | 'Limit',
    limitPrice: number | undefined,
    time: number,
    full: boolean,
  ): void {
    const p = this.pos!;
    const q = full ? p.qty : Math.min(floorQty(qty, this.instrument.qtyStep), p.qty);
    const price =
      orderType === 'Limit' && limitPrice !== undefined
        ? roundPrice(limitPrice, this.tick, 'nearest')
        : Number.NaN;
    const order = this.newStopOrder(
      role,
      level,
      triggerBy,
      q,
      Number.isNaN(price) ? 'Market' : 'Limit',
      price,
      time,
      full,
    );
    order.live = true;
    this.book.push(order);
  }

  private newStopOrder(
    role: OrderRole,
    level: number,
    triggerBy: TriggerBy,
    qty: number,
    orderType: 'Market' | 'Limit',
    price: number,
    time: number,
    closeWhole: boolean,
  ): SimOrder {
    const p = this.pos!;
    const closeSide: Side = p.sign > 0 ? 'Sell' : 'Buy';
    // TP of a long rises to its level; SL and trailing of a long fall to theirs (mirrored for shorts).
    const rising = role === 'take_profit' ? p.sign > 0 : p.sign < 0;
    const order: SimOrder = {
      orderId: sequentialId('O', ++this.orderSeq),
      seq: this.orderSeq,
      orderLinkId: null,
      tag: null,
      role,
      side: closeSide,
      buy: closeSide === 'Buy',
      orderType,
      qty,
      closeWhole,
      qtyAdjusted: false,
      price,
      timeInForce: 'GTC',
      reduceOnly: true,
      closeOnTrigger: true,
      triggerPrice: level,
      triggerDirection: rising ? 1 : 2,
      triggerBy,
      status: 'Untriggered',
      live: false,
      liveAtBarStart: false,
      omUnits: 0n,
      attach: null,
      isEntry: false,
      createdTime: time,
      updatedTime: time,
      rejectReason: null,
      cancelReason: null,
      avgPrice: Number.NaN,
    };
    this.remember(order);
    return order;
  }

  /** Partial TP/SL orders never exceed the position after a reduction. */
  private clampPartialStops(): void {
    const p = this.pos;
    if (p === null) return;
    for (const o of this.book) if (!o.closeWhole && o.role !== 'order' && o.qty > p.qty) o.qty = p.qty;
  }

  /** TP/SL of an opening order, resolved at the average fill price and live from the fill point (§12.1). */
  private attachStops(a: TpslAttachment, filledQty: number, t: number): void {
    const p = this.pos;
    if (p === null) return;
    const tp =
      a.takeProfit > 0
        ? a.takeProfit
        : a.takeProfitOffset > 0
          ? roundPrice(p.avgEntry + p.sign * a.takeProfitOffset, this.tick, 'nearest')
          : 0;
    const sl =
      a.stopLoss > 0
        ? a.stopLoss
        : a.stopLossOffset > 0
          ? roundPrice(p.avgEntry - p.sign * a.stopLossOffset, this.tick, 'nearest')
          : 0;
    // Partial-mode stops of an opening order cover the quantity that order filled.
    if (a.mode === 'Partial') {
      if (tp > 0)
        this.addPositionStop(
          'take_profit',
          tp,
          a.tpTriggerBy,
          filledQty,
          a.tpOrderType,
          a.tpLimitPrice > 0 ? a.tpLimitPrice : undefined,
          t,
          false,
        );
      if (sl > 0)
        this.addPositionStop(
          'stop_loss',
          sl,
          a.slTriggerBy,
          filledQty,
          a.slOrderType,
          a.slLimitPrice > 0 ? a.slLimitPrice : undefined,
          t,
          false,
        );
    } else {
      if (tp > 0) this.setFullStop('take_profit', tp, a.tpTriggerBy, t);
      if (sl > 0) this.setFullStop('stop_loss', sl, a.slTriggerBy, t);
    }
    if (tp > 0 || sl > 0)
      this.emit(t, 'TPSL_SET', { takeProfit: tp || null, stopLoss: sl || null, mode: a.mode });
  }

  // ---------------------------------------------------------------- submission (§9.2)

  /** Would this request open or increase a position (for `entryAttempts`)? */
  private wouldOpen(req: OrderRequest): boolean {
    if (req.reduceOnly === true) return false;
    const p = this.pos;
    if (p === null) return true;
    const sign = req.side === 'Buy' ? 1 : -1;
    return p.sign === sign || req.qty > p.qty;
  }

  private isOpeningFor(o: SimOrder): boolean {
    const p = this.pos;
    if (o.reduceOnly) return false;
    if (p === null) return true;
    return p.sign === (o.buy ? 1 : -1) || o.qty > p.qty;
  }

  private remember(o: SimOrder): void {
    this.allOrders.push(o);
    this.orderById.set(o.orderId, o);
  }

  private submissionContext(): SubmissionContext {
    const p = this.pos;
    return {
      instrument: this.instrument,
      tiers: this.tiers,
      stopped: this.stoppedFlag,
      lastClose: this.lastClose,
      leverage: this.leverageSetting,
      position: p === null ? null : { sign: p.sign, qty: p.qty, leverage: p.leverage },
      // Non-final orders are exactly those in the book or waiting for arrival (both small).
      hasLiveLinkId: (id: string) =>
        this.book.some((o) => o.orderLinkId === id) || this.pending.some((o) => o.orderLinkId === id),
    };
  }

  /** Keeps a rejected order in `orders()` when the request was well-formed enough to describe one. */
  private recordRejected(req: OrderRequest, reason: RejectReason, time: number): string | null {
    if (reason === 'SIM_STOPPED' || reason === 'INVALID_PARAMS') return null;
    const o = buildOrder(
      { ...req, qty: Math.max(req.qty, 0) },
      this.submissionContext(),
      ++this.orderSeq,
      time,
      false,
    );
    o.status = 'Rejected';
    o.rejectReason = reason;
    this.remember(o);
    return o.orderId;
  }

  /** Order margin of a resting limit that can open/increase: order cost of its opening qty (§9.4). */
  private orderMarginUnits(o: SimOrder, leverage = this.leverageSetting): bigint {
    if (o.reduceOnly || Number.isNaN(o.price)) return 0n;
    const p = this.pos;
    const sign = o.buy ? 1 : -1;
    const openingQty = p !== null && p.sign !== sign ? Math.max(0, o.qty - p.qty) : o.qty;
    if (openingQty <= 0) return 0n;
    const c = orderCostExact(
      o.buy ? 'long' : 'short',
      frac(openingQty),
      frac(o.price),
      frac(leverage),
      frac(this.account.takerFeeRate),
    );
    return toUnits(c.orderCost);
  }

  // ---------------------------------------------------------------- invariants (§5.3)

  private checkInvariants(): void {
    if (!this.invariantChecksOn) return;
    const w = this.ledgerBook.walletUnits;
    if (this.ledgerBook.sumUnits() !== w)
      throw new InvariantError('L1: wallet differs from the sum of ledger entries');
    const tradeSum = this.closedNetUnits;
    const feeSum = this.closedFeeUnits;
    const fundingSum = this.fundingSumUnits;
    const p = this.pos;
    const open = p === null ? 0n : p.trade.realizedUnits - p.trade.entryFeeUnits - p.trade.exitFeeUnits;
    if (w - this.initialUnits !== tradeSum + fundingSum + open) {
      throw new InvariantError(
        `L2: wallet change ${unitsToString(w - this.initialUnits)} differs from trades + funding ${unitsToString(tradeSum + fundingSum + open)}`,
      );
    }
    let feeEntries = 0n;
    for (const e of this.ledgerBook.all()) if (e.kind === 'FEE') feeEntries -= e.units;
    const openFees = p === null ? 0n : p.trade.entryFeeUnits + p.trade.exitFeeUnits;
    if (feeEntries !== feeSum + openFees) throw new InvariantError('L3: fee entries differ from trade fees');
    if (this.availableUnits() < 0n && (p === null || p.fundingDrainUnits === 0n)) {
      throw new InvariantError(`L4: available balance ${unitsToString(this.availableUnits())} < 0`);
    }
    if (p === null && (this.pmUnitsCache !== 0n || w < 0n))
      throw new InvariantError('L5: flat with position margin or negative wallet');
  }
}

function nn(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}

/** Re-snaps a qty sum to the step grid so float noise never accumulates (0.1 + 0.2 → 0.3). */
function stepCountQty(qty: number, step: number): number {
  return roundPrice(qty, step, 'nearest');
}
