import { BTCUSDT_INSTRUMENT } from '@trade/core';
import { orderCost } from '@trade/sim-exchange';
import { describe, expect, it } from 'vitest';
import { type SizingInput, sizeEntry } from '../src/runtime/sizing';

const base: SizingInput = {
  model: 'percent_equity',
  value: 10,
  side: 'long',
  equity: 10_000,
  available: 10_000,
  refPrice: 50_000,
  costPrice: 50_000,
  leverage: 2,
  stopLossPrice: null,
  entryFeeRate: 0.00055,
  takerFeeRate: 0.00055,
  maxNotionalUsdt: null,
  maxMarginUsdt: null,
  minTradeNotionalUsdt: 10,
  instrument: BTCUSDT_INSTRUMENT,
};

describe('sizeEntry (play-dsl.md §15.6)', () => {
  it('percent_equity uses v % of equity as initial margin: qty = E·v/100·L / ref, floored to the step', () => {
    const r = sizeEntry(base);
    expect(r).toEqual({ ok: true, qty: 0.04, caps: [] });
  });

  it('fixed_usdt: qty = v·L / ref', () => {
    expect(sizeEntry({ ...base, model: 'fixed_usdt', value: 500, leverage: 3 })).toMatchObject({
      ok: true,
      qty: 0.03,
    });
  });

  it('risk_based loses v % of equity at the stop including both fees', () => {
    const r = sizeEntry({ ...base, model: 'risk_based', value: 1, stopLossPrice: 49_000, leverage: 10 });
    const perUnit = 1000 + 50_000 * 0.00055 + 49_000 * 0.00055;
    expect(r).toMatchObject({ ok: true, qty: Math.floor((100 / perUnit) * 1000) / 1000 });
    expect(sizeEntry({ ...base, model: 'risk_based', value: 1 })).toMatchObject({
      ok: false,
      reason: 'SL_UNAVAILABLE',
    });
  });

  it('records each binding cap in order and keeps the minimum', () => {
    const r = sizeEntry({ ...base, value: 100, leverage: 10, maxNotionalUsdt: 20_000, maxMarginUsdt: 1_000 });
    expect(r.ok).toBe(true);
    expect(r.caps.map((c) => c.reason)).toEqual(['max_notional', 'max_margin']);
    expect(r.ok && r.qty).toBe(0.2);
  });

  it('caps by affordability with the simulator orderCost so the order always fits', () => {
    const r = sizeEntry({ ...base, value: 100, leverage: 1 });
    expect(r.ok).toBe(true);
    expect(r.caps.map((c) => c.reason)).toEqual(['affordability']);
    const qty = r.ok ? r.qty : 0;
    const cost = (q: number) =>
      orderCost({ side: 'long', qty: q, price: 50_000, leverage: 1, takerFeeRate: 0.00055 }).orderCost;
    expect(cost(qty)).toBeLessThanOrEqual(10_000);
    expect(cost(qty + 0.001)).toBeGreaterThan(10_000);
  });

  it('prices affordability at the expected fill, so slippage cannot push a capped entry over the balance', () => {
    // 2 bps adverse slippage on a long: the order is priced at ref · 1.0002, as the simulator will fill it.
    const fill = 50_000 * 1.0002;
    const r = sizeEntry({ ...base, value: 100, leverage: 50, costPrice: fill });
    expect(r.caps.map((c) => c.reason)).toContain('affordability');
    const qty = r.ok ? r.qty : 0;
    const cost = (q: number, price: number) =>
      orderCost({ side: 'long', qty: q, price, leverage: 50, takerFeeRate: 0.00055 }).orderCost;
    expect(cost(qty, fill)).toBeLessThanOrEqual(10_000);
    // Priced at the reference instead, the cap would allow more than the fill can afford.
    const atRef = sizeEntry({ ...base, value: 100, leverage: 50 });
    const refQty = atRef.ok ? atRef.qty : 0;
    expect(refQty).toBeGreaterThan(qty);
    expect(cost(refQty, fill)).toBeGreaterThan(10_000);
  });

  it('caps by the risk tier that allows the leverage', () => {
    // 100x is allowed only in tier 1 (2,000,000 USDT).
    const r = sizeEntry({ ...base, equity: 1e9, available: 1e9, value: 100, leverage: 100 });
    expect(r.caps.map((c) => c.reason)).toContain('risk_tier');
    expect(r.ok && r.qty * 50_000).toBeLessThanOrEqual(2_000_000);
  });

  it('rejects quantities and notionals below the minimums', () => {
    expect(sizeEntry({ ...base, equity: 10, value: 1 })).toMatchObject({
      ok: false,
      reason: 'QTY_BELOW_MIN',
    });
    expect(
      sizeEntry({ ...base, refPrice: 1000, equity: 40, value: 10, minTradeNotionalUsdt: 10 }),
    ).toMatchObject({
      ok: false,
      reason: 'NOTIONAL_BELOW_MIN',
    });
  });
});
