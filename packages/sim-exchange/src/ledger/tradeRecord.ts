import { div, frac, toNumber, unitsToNumber, unitsToString } from '../formulas/exact';
import type { TradeState } from '../margin/OpenPosition';
import type { ExitReason, OrderRole, Trade } from '../types';

/** Frozen `Trade` record of a lifecycle (§15); `closeTime` null while it is still open. */
export function freezeTrade(tr: TradeState, closeTime: number | null): Trade {
  const entryQty = tr.entryQty;
  const avgEntry = entryQty > 0 ? toNumber(div(tr.entryNotional, frac(entryQty))) : 0;
  const fees = tr.entryFeeUnits + tr.exitFeeUnits;
  const net = tr.realizedUnits - fees;
  const entryNotional = toNumber(tr.entryNotional);
  const long = tr.side === 'long';
  const lo = tr.minPrice;
  const hi = tr.maxPrice;
  return Object.freeze({
    tradeId: tr.tradeId,
    side: tr.side,
    openTime: tr.openTime,
    closeTime,
    openBarTime: tr.openBarTime,
    closeBarTime: closeTime,
    entryQty,
    maxQty: tr.maxQty,
    avgEntryPrice: avgEntry,
    avgExitPrice: tr.exitQty > 0 ? toNumber(div(tr.exitNotional, frac(tr.exitQty))) : null,
    entryNotional,
    realizedPnl: unitsToNumber(tr.realizedUnits),
    entryFees: unitsToNumber(tr.entryFeeUnits),
    exitFees: unitsToNumber(tr.exitFeeUnits),
    fees: unitsToNumber(fees),
    netPnl: unitsToNumber(net),
    netPnlString: unitsToString(net),
    realizedPnlString: unitsToString(tr.realizedUnits),
    feesString: unitsToString(fees),
    pnlPct: entryNotional > 0 ? (unitsToNumber(net) / entryNotional) * 100 : 0,
    fundingPnl: unitsToNumber(tr.fundingUnits),
    leverage: tr.leverage,
    exitReason: tr.exitReason,
    exitTag: tr.exitTag,
    partialCloses: tr.partialCloses,
    partialLiquidations: tr.partialLiquidations,
    slMovedToBreakEven: tr.slMovedToBreakEven,
    maePct: Math.max(0, long ? ((avgEntry - lo) / avgEntry) * 100 : ((hi - avgEntry) / avgEntry) * 100),
    mfePct: Math.max(0, long ? ((hi - avgEntry) / avgEntry) * 100 : ((avgEntry - lo) / avgEntry) * 100),
    fillIds: Object.freeze(tr.fillIds.slice()),
  });
}

/** Exit reason of a close caused by an order of this role (§15). */
export function exitReasonForRole(role: OrderRole, flip: boolean): ExitReason {
  if (flip) return 'flip';
  switch (role) {
    case 'take_profit':
      return 'tp';
    case 'stop_loss':
      return 'sl';
    case 'trailing_stop':
      return 'trailing';
    default:
      return 'order';
  }
}

const EXIT_REASONS: readonly string[] = [
  'tp',
  'sl',
  'trailing',
  'order',
  'liquidation',
  'max_drawdown',
  'equity_floor',
  'end_of_data',
  'flip',
];

export function exitReasonFor(reason: string): ExitReason {
  if (reason === 'max_drawdown_hit') return 'max_drawdown';
  if (reason === 'equity_floor_hit') return 'equity_floor';
  return EXIT_REASONS.includes(reason) ? (reason as ExitReason) : 'order';
}
