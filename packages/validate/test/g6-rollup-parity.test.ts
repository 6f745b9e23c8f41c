import { findSharedDir } from '@trade/core';
import { describe, expect, it } from 'vitest';
import {
  auditPxRollup,
  PX_ROLLUP_INTERVALS,
  PX_ROLLUP_QUOTES,
  pxRollupQuotes,
} from '../src/gates/parity/px-rollup';
import { rollupParityGate } from '../src/gates/parity/rollup-parity';
import { createTaskPool, type GateContext } from '../src/index';

describe('G6 synthetic px.rollup audit (validation.md §6.4)', () => {
  it('draws 10 × 15 quotes on the 1m grid from 2024-01-01, seeded', () => {
    const q = pxRollupQuotes();
    expect(q).toHaveLength(PX_ROLLUP_INTERVALS * PX_ROLLUP_QUOTES);
    expect(q[0]!.ts).toBe(Date.UTC(2024, 0, 1));
    expect(q[149]!.ts - q[0]!.ts).toBe(149 * 60_000);
    expect(pxRollupQuotes()).toEqual(q);
    expect(pxRollupQuotes(1)[0]!.price).not.toBe(q[0]!.price);
    // A walk with σ 0.5 from 100: steps are not constant and stay in a sane range.
    const steps = q.slice(1).map((x, i) => Math.abs(x.price - q[i]!.price));
    expect(Math.max(...steps)).toBeGreaterThan(0.1);
    expect(Math.max(...steps)).toBeLessThan(3);
  });

  it("the engine's exec-TF accumulator matches the manual recomputation on every interval", () => {
    const out = auditPxRollup();
    // 10 intervals x 6 values (first, max, min, last, count, sum) x 3 comparisons.
    expect(out).toEqual({ comparisons: 180, failed: 0, first: undefined });
  });

  it('fails when the engine is fed a perturbed quote', () => {
    const quotes = pxRollupQuotes();
    const perturbed = quotes.map((q, k) => (k === 17 ? { ...q, price: q.price + 10 } : q));
    const out = auditPxRollup(quotes, perturbed);
    // Quote 17 = interval 1 (00:15), minute 2: the new maximum of that interval.
    // Max and sum of that interval differ from the manual values; the engine's three paths still agree.
    expect(out.failed).toBe(2);
    expect(out.first).toBe(
      `2024-01-01T00:15:00.000Z px.rollup.max (freeze vs manual) ref=${Math.max(...quotes.slice(15, 30).map((q) => q.price))} got=${quotes[17]!.price + 10}`,
    );
  });

  it('fails when a quote is missing (count and the interval first)', () => {
    const quotes = pxRollupQuotes();
    const out = auditPxRollup(
      quotes,
      quotes.filter((_, k) => k !== 30),
    );
    // Without its first minute the engine never closes the 00:30 bucket (partial bucket dropped): its 6 values
    // are NaN against the manual ones, and the batch roll-up (which keeps a partial bucket) has no freeze to match.
    expect(out.failed).toBeGreaterThanOrEqual(6);
    expect(out.first).toBe(
      `2024-01-01T00:30:00.000Z px.rollup.first (freeze vs manual) ref=${quotes[30]!.price} got=NaN`,
    );
  });

  it('the gate passes on the synthetic audit and the stored kit', async () => {
    const ctx: GateContext = {
      tier: 'module',
      cwd: process.cwd(),
      validationPlaysDir: process.cwd(),
      play: undefined,
      pool: createTaskPool({ workers: 1, workerFile: undefined, inlineTasks: {} as never }),
      sharedDir: findSharedDir(),
      ci: false,
    };
    const t0 = performance.now();
    const out = await rollupParityGate.run(ctx);
    console.log(`G6 runtime ${(performance.now() - t0).toFixed(0)} ms`);
    await ctx.pool.destroy();
    expect(out.checked).toBeGreaterThanOrEqual(180);
    if (ctx.sharedDir !== undefined) expect(out.failures).toEqual([]);
    expect(out.passed).toBe(ctx.sharedDir !== undefined);
  });
});
