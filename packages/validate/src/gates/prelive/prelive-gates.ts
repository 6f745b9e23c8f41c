import type { GateContext, GateDef, GateOutcome } from '../../runner/types';
import type { WalletAccount } from './bybit-client';
import { describeError } from './connection';
import { call, clockCheck, fail, withExchange } from './exchange-gate';
import {
  accountValueGiven,
  type RawPlayConfig,
  REQUIRED_ACCOUNT_KEYS,
  readRawPlay,
  startingEquity,
} from './play-config';

/** The play of the run (`--play`), read raw; a missing or unreadable play is the gate's failure. */
function playOf(ctx: GateContext): RawPlayConfig | GateOutcome {
  if (ctx.play === undefined) return fail(0, 'no play', ['pre-live needs --play']);
  try {
    return readRawPlay(ctx.play);
  } catch (e) {
    return fail(0, 'no play', [describeError(e)]);
  }
}

const isOutcome = (v: RawPlayConfig | GateOutcome): v is GateOutcome => 'passed' in v;

/** PL4: the raw YAML spells out every account setting live trading depends on. */
export const explicitConfigGate: GateDef = {
  id: 'PL4',
  name: 'Explicit Config (No Defaults)',
  module: null,
  async run(ctx) {
    const play = playOf(ctx);
    if (isOutcome(play)) return play;
    const missing = REQUIRED_ACCOUNT_KEYS.filter((k) => !accountValueGiven(k, play.account?.[k]));
    return {
      passed: missing.length === 0,
      checked: REQUIRED_ACCOUNT_KEYS.length,
      detail: `Play: ${play.id}`,
      failures: missing.map((k) => ({ play: play.id, message: `missing account.${k}` })),
    };
  },
};

/** PL1: server time (offset against the request midpoint) and a signed wallet-balance call. */
export const apiConnectivityGate: GateDef = {
  id: 'PL1',
  name: 'API Connectivity',
  module: null,
  run: (ctx) =>
    withExchange(ctx, async (conn) => {
      const { detail, failures, answered } = await clockCheck(conn);
      if (!answered) return fail(1, detail, failures);
      const wallet = await call('wallet-balance', () =>
        conn.client.getWalletBalance({ accountType: 'UNIFIED' }),
      );
      if (typeof wallet === 'string') failures.push(wallet);
      return failures.length > 0
        ? fail(2, detail, failures)
        : { passed: true, checked: 2, detail, failures: [] };
    }),
};

/** `totalAvailableBalance`, else the USDT coin's `walletBalance − totalPositionIM − totalOrderIM` (§12). */
export function availableUsdt(account: WalletAccount | undefined): number | undefined {
  if (account === undefined) return undefined;
  const total = account.totalAvailableBalance;
  if (total !== undefined && total !== '' && Number.isFinite(Number(total))) return Number(total);
  const usdt = account.coin.find((c) => c.coin === 'USDT');
  if (usdt === undefined || usdt.walletBalance === undefined || usdt.walletBalance === '') return undefined;
  const n = (s: string | undefined): number => (s === undefined || s === '' ? 0 : Number(s));
  const v = n(usdt.walletBalance) - n(usdt.totalPositionIM) - n(usdt.totalOrderIM);
  return Number.isFinite(v) ? v : undefined;
}

/** PL2: the account can fund the play's starting equity. */
export const accountBalanceGate: GateDef = {
  id: 'PL2',
  name: 'Account Balance',
  module: null,
  async run(ctx) {
    const play = playOf(ctx);
    if (isOutcome(play)) return play;
    const required = startingEquity(play);
    if (required === undefined)
      return fail(0, 'required=?', ['missing account.starting_equity_usdt (the required balance)']);
    return withExchange(ctx, async (conn) => {
      const wallet = await call('wallet-balance', () =>
        conn.client.getWalletBalance({ accountType: 'UNIFIED' }),
      );
      if (typeof wallet === 'string') return fail(1, `available=? required=${required}`, [wallet]);
      const available = availableUsdt(wallet.list.find((a) => a.accountType === 'UNIFIED') ?? wallet.list[0]);
      if (available === undefined)
        return fail(1, `available=? required=${required}`, ['wallet-balance has no USDT balance']);
      const detail = `available=${available} required=${required}`;
      return available >= required
        ? { passed: true, checked: 1, detail, failures: [] }
        : fail(1, detail, [`Insufficient balance: ${available} < ${required} USDT`]);
    });
  },
};

/** PL3: nothing is already open on the play's symbol (the live instance would inherit it). */
export const positionConflictGate: GateDef = {
  id: 'PL3',
  name: 'No Position Conflicts',
  module: null,
  async run(ctx) {
    const play = playOf(ctx);
    if (isOutcome(play)) return play;
    const symbol = play.symbol;
    if (symbol === undefined) return fail(0, 'no symbol', ['the play has no symbol']);
    return withExchange(ctx, async (conn) => {
      const positions = await call('position list', () =>
        conn.client.getPositionInfo({ category: 'linear', symbol }),
      );
      if (typeof positions === 'string') return fail(1, symbol, [positions]);
      const open = positions.list.some((p) => p.symbol === symbol && Number(p.size) > 0);
      return open
        ? fail(1, symbol, [`Open position exists for ${symbol}`])
        : { passed: true, checked: 1, detail: `${symbol} flat`, failures: [] };
    });
  },
};
