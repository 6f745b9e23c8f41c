import { z } from 'zod';

/**
 * What the exchange tier (`validation.md` §13) requires of each answer: the fields a live instance reads, as
 * Bybit sends them (decimal strings inside `result`). Extra fields pass; a missing or mistyped one fails.
 */

/** A decimal as Bybit writes it (`"43488"`, `"0.0001"`, `"-1.5"`). */
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal string');
/** Epoch ms as a string. */
const epochMs = z.string().regex(/^\d+$/, 'epoch ms');

export const walletSchema = z.object({
  list: z
    .array(
      z.object({
        accountType: z.literal('UNIFIED'),
        totalEquity: decimal,
        totalAvailableBalance: decimal,
        coin: z.array(z.object({ coin: z.string(), walletBalance: decimal })),
      }),
    )
    .min(1),
});

export const positionListSchema = z.object({
  list: z.array(z.object({ symbol: z.string(), side: z.string(), size: decimal, leverage: z.string() })),
});

export const accountInfoSchema = z.object({
  unifiedMarginStatus: z.number().int(),
  marginMode: z.string().min(1),
  updatedTime: epochMs,
});

export const collateralInfoSchema = z.object({
  list: z.array(
    z.object({ currency: z.string(), collateralSwitch: z.boolean(), marginCollateral: z.boolean() }),
  ),
});

export const transactionLogSchema = z.object({
  list: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      currency: z.string(),
      change: z.string(),
      transactionTime: epochMs,
    }),
  ),
  nextPageCursor: z.string(),
});

export const tickersSchema = z.object({
  list: z
    .array(
      z.object({
        symbol: z.string(),
        lastPrice: decimal,
        markPrice: decimal,
        bid1Price: decimal,
        ask1Price: decimal,
        fundingRate: decimal,
      }),
    )
    .length(1),
});

/** Kline rows: exactly 7 fields `[start, open, high, low, close, volume, turnover]`. */
export const klineSchema = z.object({
  list: z.array(z.tuple([epochMs, decimal, decimal, decimal, decimal, decimal, decimal])).min(1),
});

export const fundingSchema = z.object({
  list: z.array(z.object({ symbol: z.string(), fundingRate: decimal, fundingRateTimestamp: epochMs })).min(1),
});

export const openInterestSchema = z.object({
  list: z.array(z.object({ openInterest: decimal, timestamp: epochMs })).min(1),
});

const level = z.tuple([decimal, decimal]);
export const orderbookSchema = z.object({
  s: z.string(),
  b: z.array(level).min(1),
  a: z.array(level).min(1),
  ts: z.number(),
});

export const instrumentSchema = z.object({
  list: z
    .array(
      z.object({
        symbol: z.string(),
        priceFilter: z.object({ tickSize: decimal }),
        lotSizeFilter: z.object({ qtyStep: decimal, minOrderQty: decimal, minNotionalValue: decimal }),
      }),
    )
    .length(1),
});

export const orderCreatedSchema = z.object({ orderId: z.string().min(1), orderLinkId: z.string() });

export const openOrdersSchema = z.object({
  list: z.array(
    z.object({ orderId: z.string(), orderLinkId: z.string(), orderStatus: z.string(), price: decimal }),
  ),
});

/** The first issue of a failed parse as `path: message`. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'does not parse';
  const path = issue.path.length === 0 ? 'result' : `result.${issue.path.join('.')}`;
  return `${path}: ${issue.message}`;
}
