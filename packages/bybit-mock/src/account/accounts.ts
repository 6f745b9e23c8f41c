import { MockBybitError } from '../errors';

/** An open position seeded into a test account (one-way mode, `positionIdx` 0). */
export interface MockPositionSpec {
  readonly symbol: string;
  readonly side: 'Buy' | 'Sell';
  /** Contracts (base coin), > 0. */
  readonly size: number;
  /** Entry price, > 0. */
  readonly avgPrice: number;
  /** Default 10. */
  readonly leverage?: number;
}

/** A keyed test account (`bybit-mock.md` §1 `accounts`). */
export interface MockAccountSpec {
  readonly apiKey: string;
  readonly apiSecret: string;
  /** Default: 100001, 100002, … in creation order. */
  readonly uid?: number;
  /** USDT wallet balance (default 10 000). */
  readonly balanceUsdt?: number;
  readonly positions?: readonly MockPositionSpec[];
}

/** A position as the account holds it (mutable: the order flow of the live work will update it). */
export interface MockPosition {
  readonly symbol: string;
  side: 'Buy' | 'Sell';
  size: number;
  avgPrice: number;
  leverage: number;
  readonly createdTime: number;
  updatedTime: number;
}

/** One account's state. Only USDT collateral exists (linear USDT perpetuals, `bybit-mock.md` scope). */
export interface MockAccount {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly uid: number;
  walletBalance: number;
  cumRealisedPnl: number;
  /** By symbol; flat symbols are absent. */
  readonly positions: Map<string, MockPosition>;
  /** Leverage set per symbol (`set-leverage`, or a seeded position's); unset symbols use `DEFAULT_LEVERAGE`. */
  readonly leverage: Map<string, number>;
  /** Every order of the account, oldest first; active ones rest until cancelled (no matching engine yet). */
  readonly orders: MockOrder[];
}

/** Bybit's leverage of a symbol nobody has set one on (as the position list shows it). */
export const DEFAULT_LEVERAGE = 10;

/** An order as the account keeps it (`bybit-mock.md` §6.4 order object, numbers unformatted). */
export interface MockOrder {
  readonly orderId: string;
  readonly orderLinkId: string;
  readonly symbol: string;
  readonly side: 'Buy' | 'Sell';
  readonly orderType: 'Limit';
  readonly price: number;
  readonly qty: number;
  readonly timeInForce: 'GTC' | 'IOC' | 'FOK' | 'PostOnly';
  readonly reduceOnly: boolean;
  /** The symbol's leverage when the order was placed: its initial margin is `qty × price / leverage`. */
  readonly leverage: number;
  readonly lastPriceOnCreated: number;
  orderStatus: 'New' | 'Cancelled';
  cancelType: string;
  rejectReason: string;
  readonly createdTime: number;
  updatedTime: number;
}

/** Orders that still rest on the book (the mock has no partial fills yet). */
export function isActive(o: MockOrder): boolean {
  return o.orderStatus === 'New';
}

/** Initial margin of a resting order (`totalOrderIM` contribution): `qty × price / leverage`. */
export function orderIM(o: MockOrder): number {
  return (o.qty * o.price) / o.leverage;
}

/**
 * The margin a position locks: `size × avgPrice / leverage`. The mark is the entry price until the trading
 * engine of the live work marks positions (then `@trade/sim-exchange`'s formulas replace this, spec §7.2).
 */
export function positionIM(p: MockPosition): number {
  return (p.size * p.avgPrice) / p.leverage;
}

/** `Σ orderIM` over the account's active orders. */
export function totalOrderIM(a: MockAccount): number {
  let im = 0;
  for (const o of a.orders) if (isActive(o)) im += orderIM(o);
  return im;
}

/** `wallet − Σ positionIM − totalOrderIM` (`bybit-mock.md` §7.2). */
export function availableBalance(a: MockAccount): number {
  let im = 0;
  for (const p of a.positions.values()) im += positionIM(p);
  return a.walletBalance - im - totalOrderIM(a);
}

function invalid(message: string, hint: string): MockBybitError {
  return new MockBybitError('E_MOCK_ACCOUNT_INVALID', message, { hint });
}

function positive(value: number, what: string): number {
  if (!Number.isFinite(value) || value <= 0)
    throw invalid(`${what} must be a number > 0, got ${value}`, 'fix the account spec');
  return value;
}

/** The accounts of one mock, by API key. Checks every spec so a bad fixture fails at start, not mid-test. */
export class AccountStore {
  private readonly byKey = new Map<string, MockAccount>();
  private nextUid = 100_001;

  constructor(
    private readonly isSymbol: (symbol: string) => boolean,
    private readonly now: () => number,
  ) {}

  get(apiKey: string): MockAccount | undefined {
    return this.byKey.get(apiKey);
  }

  get size(): number {
    return this.byKey.size;
  }

  create(spec: MockAccountSpec): MockAccount {
    if (typeof spec.apiKey !== 'string' || spec.apiKey.length === 0)
      throw invalid('account apiKey must be a non-empty string', 'give every account an apiKey');
    if (typeof spec.apiSecret !== 'string' || spec.apiSecret.length === 0)
      throw invalid(
        `account ${spec.apiKey}: apiSecret must be a non-empty string`,
        'give every account an apiSecret',
      );
    if (this.byKey.has(spec.apiKey))
      throw invalid(`account ${spec.apiKey} already exists`, 'API keys are unique per mock');
    const balance = spec.balanceUsdt ?? 10_000;
    if (!Number.isFinite(balance) || balance < 0)
      throw invalid(
        `account ${spec.apiKey}: balanceUsdt must be ≥ 0, got ${balance}`,
        'fix the account spec',
      );
    const now = this.now();
    const positions = new Map<string, MockPosition>();
    for (const p of spec.positions ?? []) {
      if (!this.isSymbol(p.symbol))
        throw invalid(
          `account ${spec.apiKey}: position symbol ${p.symbol} is not served`,
          'seed positions on symbols the mock has data for',
        );
      if (p.side !== 'Buy' && p.side !== 'Sell')
        throw invalid(
          `account ${spec.apiKey}: position side must be Buy or Sell, got ${String(p.side)}`,
          'one-way mode',
        );
      if (positions.has(p.symbol))
        throw invalid(
          `account ${spec.apiKey}: two positions on ${p.symbol}`,
          'one-way mode holds one position per symbol',
        );
      positions.set(p.symbol, {
        symbol: p.symbol,
        side: p.side,
        size: positive(p.size, `account ${spec.apiKey}: ${p.symbol} size`),
        avgPrice: positive(p.avgPrice, `account ${spec.apiKey}: ${p.symbol} avgPrice`),
        leverage: positive(p.leverage ?? 10, `account ${spec.apiKey}: ${p.symbol} leverage`),
        createdTime: now,
        updatedTime: now,
      });
    }
    const uid = spec.uid ?? this.nextUid++;
    const account: MockAccount = {
      apiKey: spec.apiKey,
      apiSecret: spec.apiSecret,
      uid,
      walletBalance: balance,
      cumRealisedPnl: 0,
      positions,
      leverage: new Map([...positions.values()].map((p) => [p.symbol, p.leverage])),
      orders: [],
    };
    this.byKey.set(spec.apiKey, account);
    return account;
  }
}
