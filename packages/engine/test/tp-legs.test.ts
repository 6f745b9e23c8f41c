import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BacktestResult, runPlayBacktest } from '../src/index';

const repo = resolve(import.meta.dirname, '../../..');
const limitPlays = join(repo, 'plays', 'validation', 'limit_orders');

function run(path: string): Promise<BacktestResult> {
  return runPlayBacktest({ playPath: path, source: { kind: 'synthetic' } });
}

/** The fill events of each trade's closing side, by position. */
function exitFills(r: BacktestResult, tradeId: string) {
  return r.events.filter((e) => e.type === 'fill' && e.position_id === tradeId && e.side === 'Sell');
}

describe('tp_order_type Limit: resting reduce-only limits, maker at the TP price (engine.md §8.2 rank 3)', () => {
  it('a single Limit TP exits at exactly its price as maker, with exit_reason tp and one TP leg', async () => {
    const r = await run(join(limitPlays, 'LO_011_tp_limit.yml'));
    const byTp = r.trades.filter((t) => t.exit_reason === 'tp');
    expect(byTp.length).toBeGreaterThan(0);
    for (const t of byTp) {
      const fills = exitFills(r, t.trade_id as string);
      expect(fills).toHaveLength(1);
      expect(fills[0]).toMatchObject({ liquidity: 'maker', price: t.initial_tp });
      expect(t.tp_legs_filled).toBe(1);
    }
    // Each TP leg was created as a resting reduce-only GTC limit of role tp.
    const created = r.events.filter((e) => e.type === 'order_created' && e.role === 'tp');
    expect(created.length).toBeGreaterThanOrEqual(byTp.length);
    expect(created[0]).toMatchObject({ order_type: 'limit', reduce_only: true, tif: 'GTC', trigger: null });
  });

  it('ladder legs fill at their own prices as maker, counted in tp_legs_filled', async () => {
    const r = await run(join(limitPlays, 'LO_012_tp_ladder_limit.yml'));
    const full = r.trades.filter((t) => t.exit_reason === 'tp' && (t.exit_fills as number) === 3);
    expect(full.length).toBeGreaterThan(0);
    for (const t of full) {
      expect(t.tp_legs_filled).toBe(3);
      const fills = exitFills(r, t.trade_id as string);
      expect(fills.map((f) => f.liquidity)).toEqual(['maker', 'maker', 'maker']);
      const prices = fills.map((f) => f.price as number);
      expect(prices).toEqual([...prices].sort((a, b) => a - b));
    }
  });
});

describe('position_reduced and tp_legs_filled report the fill that caused them', () => {
  it('each position_reduced follows its fill and carries its qty and realized PnL', async () => {
    const r = await run(join(limitPlays, 'LO_012_tp_ladder_limit.yml'));
    const reduced = r.events.filter((e) => e.type === 'position_reduced');
    expect(reduced.length).toBeGreaterThan(0);
    for (const e of reduced) {
      const before = r.events[r.events.indexOf(e) - 1]!;
      expect(before.type).toBe('fill');
      expect(e.qty_closed).toBe(before.qty);
      expect(e.qty_closed as number).toBeGreaterThan(0);
      expect(e.realized).not.toBe(0);
    }
  });

  it('a trade closed by a triggered Market TP counts one TP leg', async () => {
    const r = await run(join(repo, 'plays', 'examples', '01_ema_cross_rsi_filter.yml'));
    const byTp = r.trades.filter((t) => t.exit_reason === 'tp');
    expect(byTp.length).toBeGreaterThan(0);
    for (const t of byTp) expect(t.tp_legs_filled).toBe(1);
    for (const t of r.trades.filter((x) => x.exit_reason === 'sl')) expect(t.tp_legs_filled).toBe(0);
  });

  it('the order that closes the position is never also reported cancelled', async () => {
    const r = await run(join(repo, 'plays', 'examples', '01_ema_cross_rsi_filter.yml'));
    const filled = new Set(r.events.filter((e) => e.type === 'fill').map((e) => e.order_id));
    const cancelled = r.events.filter((e) => e.type === 'order_cancelled' && filled.has(e.order_id));
    expect(cancelled).toEqual([]);
  });
});

describe('order events carry the order (engine.md §11.6)', () => {
  it('the TP and SL the entry fill attaches get order_created; order_triggered repeats the fields', async () => {
    const r = await run(join(repo, 'plays', 'examples', '01_ema_cross_rsi_filter.yml'));
    const created = new Map(
      r.events.filter((e) => e.type === 'order_created').map((e) => [e.order_id as string, e]),
    );
    const opened = r.events.filter((e) => e.type === 'position_opened');
    for (const p of opened) {
      const stops = [...created.values()].filter(
        (e) => e.position_id === p.position_id && (e.role === 'tp' || e.role === 'sl'),
      );
      expect(stops.map((e) => e.role).sort()).toEqual(['sl', 'tp']);
      expect(stops.find((e) => e.role === 'sl')).toMatchObject({ trigger: p.sl, reduce_only: true });
    }
    const triggered = r.events.filter((e) => e.type === 'order_triggered');
    expect(triggered.length).toBeGreaterThan(0);
    for (const t of triggered) {
      const c = created.get(t.order_id as string);
      expect(c, `order_created for ${String(t.order_id)}`).toBeDefined();
      expect(t).toMatchObject({ role: c!.role, side: c!.side, qty: c!.qty, position_id: c!.position_id });
      expect(typeof t.trigger).toBe('number');
    }
  });
});
