import { BTCUSDT_INSTRUMENT } from '@trade/core';
import { type AccountConfig, type Bar1m, SimExchange, type SimOptions } from '../src/index';

export const T0 = 1_704_067_200_000; // 2024-01-01 00:00 UTC

/** Bar `i` minutes after T0. */
export function bar(
  i: number,
  open: number,
  high: number,
  low: number,
  close: number,
  volume?: number,
): Bar1m {
  return volume === undefined
    ? { openTime: T0 + i * 60_000, open, high, low, close }
    : { openTime: T0 + i * 60_000, open, high, low, close, volume };
}

/** A flat bar at `price`. */
export function flat(i: number, price: number): Bar1m {
  return bar(i, price, price, price, price);
}

export function newSim(account: AccountConfig = {}, options: SimOptions = {}): SimExchange {
  return new SimExchange(
    BTCUSDT_INSTRUMENT,
    { initialWalletUsdt: 10_000, leverage: 10, slippage: { kind: 'none' }, ...account },
    { invariantChecks: 'every_step', ...options },
  );
}
