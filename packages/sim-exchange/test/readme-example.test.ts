import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findSharedDir } from '@trade/core';
import { describe, expect, it, vi } from 'vitest';

const here = join(__dirname, '..');

describe('README research example', () => {
  it('is the same code as examples/research.ts', () => {
    const readme = readFileSync(join(here, 'README.md'), 'utf8');
    const example = readFileSync(join(here, 'examples', 'research.ts'), 'utf8');
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it.skipIf(findSharedDir() === undefined)(
    'runs on real BTCUSDT 1m bars and prints sane values',
    async () => {
      const lines: unknown[][] = [];
      const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
        lines.push(args);
      });
      try {
        await import('../examples/research.ts');
      } finally {
        spy.mockRestore();
      }
      const [entry, ledger, trade] = lines;
      const entryPrice = entry![1] as number;
      const liq = entry![3] as number;
      expect(entryPrice).toBeGreaterThan(74_000);
      // 20x long: liquidation a little under 5 % below entry (IM 5 % minus MM 0.5 %, plus fees).
      expect(liq).toBeGreaterThan(entryPrice * 0.95);
      expect(liq).toBeLessThan(entryPrice * 0.96);
      const view = ledger![1] as {
        walletBalance: number;
        equity: number;
        availableBalance: number;
        positionIM: number;
      };
      expect(view.walletBalance).toBeLessThan(10_000);
      expect(view.availableBalance).toBeGreaterThanOrEqual(0);
      expect(view.walletBalance).toBeCloseTo(view.availableBalance + view.positionIM, 6);
      expect(['sl', 'end_of_data', 'liquidation']).toContain(trade![1]);
      expect(trade![4]).toBeCloseTo(10_000 + (trade![2] as number), 6);
    },
  );
});
