import { compensatedSum } from '@trade/engine';

/**
 * Largest accepted |ledger delta|, in USDT (`validation.md` §10 and §11.4: "holds to 1e-9"). Booking is exact to
 * 1e-8 units and the sums are compensated, so real runs land within about 1e-12.
 */
export const LEDGER_TOLERANCE = 1e-9;

/** The rows a ledger audit reads: a run folder (`readRunFolder`) or an in-memory run (`BacktestResult`) alike. */
export interface LedgerInput {
  readonly result: { readonly initialEquity: number };
  readonly trades: readonly object[];
  readonly equity: readonly object[];
  readonly events: readonly object[];
}

/** What the identity check of `sim-exchange.md` §5.3 reads from one run. */
export interface LedgerAudit {
  readonly initialEquity: number;
  /** `Σ trades.net_pnl_usdt + Σ funding − (W_final − W₀)`; 0 when the ledger identity holds exactly. */
  readonly delta: number;
  /** `wallet_usdt` of the last equity row (written at the stop instant, after every settlement). */
  readonly finalWallet: number;
  /** `position_side` of the last equity row is `flat`. */
  readonly flat: boolean;
}

function field(row: object, key: string): unknown {
  return (row as Readonly<Record<string, unknown>>)[key];
}

function num(row: object, key: string, where: string): number {
  const v = field(row, key);
  if (typeof v !== 'number')
    throw new Error(`${where}: ${key} is ${v === null ? 'empty' : typeof v}, not a number`);
  return v;
}

/**
 * The D1 ledger identity of `sim-exchange.md` §5.3 of a finished run: with no open position,
 * `Σ trade.netPnl + Σ funding = W_final − W₀`. Used by G4b (on the artifact files) and RD1–RD4 (in memory).
 */
export function ledgerAudit(a: LedgerInput): LedgerAudit {
  const last = a.equity[a.equity.length - 1];
  if (last === undefined) throw new Error('equity.csv has no rows');
  const initialEquity = a.result.initialEquity;
  const net = compensatedSum(a.trades.map((t, i) => num(t, 'net_pnl_usdt', `trades.csv row ${i + 1}`)));
  const funding = compensatedSum(
    a.events
      .filter((e) => field(e, 'type') === 'funding')
      .map((e) => num(e, 'amount', `funding event seq ${String(field(e, 'seq'))}`)),
  );
  const finalWallet = num(last, 'wallet_usdt', 'last equity row');
  return {
    initialEquity,
    delta: net + funding - (finalWallet - initialEquity),
    finalWallet,
    flat: field(last, 'position_side') === 'flat',
  };
}
