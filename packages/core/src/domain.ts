/**
 * Domain enumerations shared by every package (`as const` objects with a same-named type).
 * Values follow Bybit V5 spelling where Bybit has one.
 */

export const Side = { Buy: 'Buy', Sell: 'Sell' } as const;
export type Side = (typeof Side)[keyof typeof Side];

export const PositionSide = { Long: 'long', Short: 'short' } as const;
export type PositionSide = (typeof PositionSide)[keyof typeof PositionSide];

export const OrderType = { Market: 'Market', Limit: 'Limit' } as const;
export type OrderType = (typeof OrderType)[keyof typeof OrderType];

export const TimeInForce = { GTC: 'GTC', IOC: 'IOC', FOK: 'FOK', PostOnly: 'PostOnly' } as const;
export type TimeInForce = (typeof TimeInForce)[keyof typeof TimeInForce];

export const TriggerBy = { LastPrice: 'LastPrice', MarkPrice: 'MarkPrice' } as const;
export type TriggerBy = (typeof TriggerBy)[keyof typeof TriggerBy];

/** The side that opens a position of `side`. */
export function entrySide(side: PositionSide): Side {
  return side === PositionSide.Long ? Side.Buy : Side.Sell;
}

/** +1 for long, -1 for short: the sign of PnL per unit price move. */
export function sideSign(side: PositionSide): 1 | -1 {
  return side === PositionSide.Long ? 1 : -1;
}
