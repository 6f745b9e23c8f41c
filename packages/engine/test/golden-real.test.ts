import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findSharedDir } from '@trade/core';
import { describe, expect, it } from 'vitest';
import { runPlayBacktest } from '../src/index';

/**
 * Golden runs on real Bybit 1m data (issue #8): three example plays × BTCUSDT/ETHUSDT over one window of the
 * stored kit. The expected hashes are committed in golden/real-runs.json and change only with a stated reason
 * in the commit message (an engine_version bump, a deliberate behaviour change). Regenerate with
 * `TRADE_UPDATE_GOLDEN=1 npx vitest run golden-real` and review the diff.
 */
const repo = resolve(import.meta.dirname, '../../..');
const goldenFile = join(import.meta.dirname, 'golden', 'real-runs.json');
const shared = findSharedDir();
const update = process.env.TRADE_UPDATE_GOLDEN === '1';

/** 2025-06-12 → 2025-06-29 16:00 UTC: after every play's warmup, before the still-forming last stored bar. */
const WINDOW = { start: Date.UTC(2025, 5, 12), end: Date.UTC(2025, 5, 29, 16) };
const PLAYS = ['01_ema_cross_rsi_filter', '08_rsi_fade_short_1m_clock', '09_supertrend_blocks_position'];
const SYMBOLS = ['BTCUSDT', 'ETHUSDT'];

interface GoldenRun {
  readonly play: string;
  readonly symbol: string;
  readonly trades: number;
  readonly stop_reason: string;
  readonly trades_hash: string;
  readonly equity_hash: string;
  readonly run_hash: string;
}

const golden: Record<string, GoldenRun> = existsSync(goldenFile)
  ? (JSON.parse(readFileSync(goldenFile, 'utf8')) as Record<string, GoldenRun>)
  : {};
const produced: Record<string, GoldenRun> = {};

describe.skipIf(shared === undefined)('golden runs on real Bybit 1m data', () => {
  const cases = PLAYS.flatMap((play) => SYMBOLS.map((symbol) => [play, symbol] as const));

  it.each(cases)('%s on %s reproduces its committed hashes', async (play, symbol) => {
    const r = await runPlayBacktest({
      playPath: join(repo, 'plays', 'examples', `${play}.yml`),
      source: {
        kind: 'csv',
        path: join(shared as string, 'data', 'klines', 'bybit', `${symbol}_1m.csv`),
        window: WINDOW,
      },
    });
    const run = r.result.run as { warmup_truncated: boolean };
    expect(run.warmup_truncated, 'the warmup fits before the window').toBe(false);
    expect(r.trades.length, 'a golden run must trade').toBeGreaterThan(0);
    const actual: GoldenRun = {
      play,
      symbol,
      trades: r.trades.length,
      stop_reason: r.stopReason,
      trades_hash: r.hashes.trades_hash,
      equity_hash: r.hashes.equity_hash,
      run_hash: r.hashes.run_hash,
    };
    const key = `${play}/${symbol}`;
    produced[key] = actual;
    if (update) {
      writeFileSync(goldenFile, `${JSON.stringify({ ...golden, ...produced }, null, 2)}\n`);
      return;
    }
    expect(golden[key], `no golden entry for ${key}: regenerate with TRADE_UPDATE_GOLDEN=1`).toBeDefined();
    expect(actual).toEqual(golden[key]);
  });
});
