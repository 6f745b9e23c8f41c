import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPlayBacktest } from '../src/index';

const repo = resolve(import.meta.dirname, '../../..');

describe('fill events carry the price before slippage (engine.md §11.6)', () => {
  it('taker fills sit the configured slippage away from reference_price, against the taker', async () => {
    // Example 01: market entries, percent SL/TP, slippage 2 bps, BTCUSDT tick 0.1.
    const run = await runPlayBacktest({
      playPath: join(repo, 'plays', 'examples', '01_ema_cross_rsi_filter.yml'),
      source: { kind: 'synthetic' },
    });
    const fills = run.events.filter((e) => e.type === 'fill');
    expect(fills.length).toBeGreaterThan(10);
    for (const f of fills) {
      const price = f.price as number;
      const ref = f.reference_price as number;
      expect(typeof ref, `fill ${String(f.fill_id)}`).toBe('number');
      if (f.liquidity !== 'taker') {
        expect(price).toBe(ref);
        continue;
      }
      const buy = f.side === 'Buy';
      expect(
        buy ? price >= ref : price <= ref,
        `fill ${String(f.fill_id)} is slipped against the taker`,
      ).toBe(true);
      // 2 bps of slippage, then rounded to the 0.1 tick.
      expect(Math.abs(price - ref)).toBeLessThanOrEqual(ref * 0.0002 + 0.1);
    }
    expect(fills.some((f) => f.liquidity === 'taker' && f.price !== f.reference_price)).toBe(true);
  });
});
