import { findSharedDir } from '@trade/core';
import { describe, expect, it } from 'vitest';
import {
  auditPxRollup,
  PX_ROLLUP_INTERVALS,
  PX_ROLLUP_MISSING,
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
    expect(out).toEqual({ comparisons: 50, failed: 0, first: undefined });
  });

  it('fails when the engine is fed a perturbed quote', () => {
    const quotes = pxRollupQuotes();
    const perturbed = quotes.map((q, k) => (k === 17 ? { ...q, price: q.price + 10 } : q));
    const out = auditPxRollup(quotes, perturbed);
    // Quote 17 = interval 1 (00:15), minute 2: the new maximum of that interval.
    expect(out.failed).toBe(1);
    expect(out.first).toBe(
      `2024-01-01T00:15:00.000Z px.rollup.max ref=${Math.max(...quotes.slice(15, 30).map((q) => q.price))} got=${quotes[17]!.price + 10}`,
    );
  });

  it('fails when a quote is missing (count and the interval first)', () => {
    const quotes = pxRollupQuotes();
    const out = auditPxRollup(
      quotes,
      quotes.filter((_, k) => k !== 30),
    );
    // Without its first minute the 00:30 bucket never closes (partial bucket dropped): all 5 values are NaN.
    expect(out.failed).toBe(5);
    expect(out.first).toBe(`2024-01-01T00:30:00.000Z px.rollup.first ref=${quotes[30]!.price} got=NaN`);
  });

  it('the gate fails by name for the px.rollup accessors the engine does not expose', async () => {
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
    expect(out.passed).toBe(false);
    expect(out.failures.map((f) => f.message)).toContain(PX_ROLLUP_MISSING);
    expect(out.checked).toBeGreaterThanOrEqual(50);
    if (ctx.sharedDir !== undefined) expect(out.failures).toHaveLength(1);
  });
});
