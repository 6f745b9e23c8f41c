import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startMockBybit } from '@trade/bybit-mock';
import { allocateCandles, type Candles, findSharedDir } from '@trade/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consistencyMismatches,
  ohlcViolations,
  realDataSyncGate,
  runRealDataSync,
} from '../src/gates/real/data-sync';
import { realFailures, realPhaseGate } from '../src/gates/real/phase-gate';
import { LEDGER_TOLERANCE, ledgerAudit } from '../src/pool/ledger-audit';
import { PLAY_TASKS } from '../src/pool/play-tasks';
import type { RealPlayTaskResult } from '../src/pool/real-play-task';
import { createTaskPool, type TaskFn } from '../src/pool/task-pool';
import { runValidationWith } from '../src/runner/run-validation';
import type { GateContext } from '../src/runner/types';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const shared = findSharedDir();
const tmp = mkdtempSync(join(tmpdir(), 'real-tier-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const TASKS = PLAY_TASKS as unknown as Record<string, TaskFn>;
const M = 60_000;
const T0 = Date.parse('2025-06-01T00:00:00Z');

function ctxFor(
  manifestPath: string,
  dataDir: string,
  sharedDir: string | undefined,
  playsDir = tmp,
): GateContext {
  return {
    tier: 'real',
    cwd: tmp,
    validationPlaysDir: playsDir,
    play: undefined,
    pool: createTaskPool({ workers: 1, workerFile: undefined, inlineTasks: TASKS }),
    sharedDir,
    ci: false,
    real: { manifestPath, sync: false, env: {}, dataDir },
  };
}

function manifestText(rows: readonly string[], extra = ''): string {
  return `version: 1\nsource: stored\ndatasets:\n${rows.join('')}funding:\n  BTCUSDT: {mode: constant, rate: 0.0001, interval_min: 480}\n${extra}`;
}

const row = (symbol: string, tf: string, start: string, end: string, file: string, role = 'consistency') =>
  `  - {symbol: ${symbol}, kind: candles, tf: ${tf}, start: "${start}", end: "${end}", file: ${file}, role: ${role}}\n`;

function candles(rows: readonly [number, number, number, number, number, number][]): Candles {
  const c = allocateCandles(rows.length);
  rows.forEach(([ts, o, h, l, cl, v], i) => {
    c.ts[i] = ts;
    c.open[i] = o;
    c.high[i] = h;
    c.low[i] = l;
    c.close[i] = cl;
    c.volume[i] = v;
  });
  return c;
}

describe('RD0 proof helpers', () => {
  it('flag rows that break the OHLC invariants', () => {
    const c = candles([
      [T0, 10, 11, 9, 10.5, 1],
      [T0 + M, 10, 9.5, 9, 10.5, 1],
      [T0 + 2 * M, 10, 11, 9, 10, -1],
    ]);
    const v = ohlcViolations(c);
    expect(v.count).toBe(2);
    expect(v.first).toContain('2025-06-01T00:01Z');
  });

  it('compare the 1m rollup with native bars over complete buckets only', () => {
    const minutes = candles(
      Array.from({ length: 12 }, (_, i) => [T0 + i * M, 100 + i, 101 + i, 99 + i, 100.5 + i, 2] as const).map(
        (r) => [...r] as [number, number, number, number, number, number],
      ),
    );
    const native = candles([
      [T0, 100, 105, 99, 104.5, 10],
      [T0 + 5 * M, 105, 110, 104, 109.5, 10],
      [T0 + 10 * M, 110, 112, 109, 111.5, 4],
    ]);
    // The last 5m bucket has only 2 of its minutes: it is never compared.
    expect(consistencyMismatches(minutes, native, '5m')).toEqual({
      compared: 2,
      mismatches: 0,
      first: undefined,
    });
    native.high[1] = 110.5;
    const bad = consistencyMismatches(minutes, native, '5m');
    expect(bad.mismatches).toBe(1);
    expect(bad.first).toBe('2025-06-01T00:05Z high 1m-rollup=110 native=110.5');
    // Volume is compared at 1e-6 relative.
    native.high[1] = 110;
    native.volume[0] = 10.0001;
    expect(consistencyMismatches(minutes, native, '5m').first).toContain('volume');
  });
});

describe('RD0 failure lines on a crafted kit', () => {
  const kit = join(tmp, 'kit');
  beforeAll(() => {
    mkdirSync(join(kit, 'data', 'k'), { recursive: true });
    // 30 minutes with minute 7 missing; the native 5m file disagrees with the rollup at 00:10.
    const lines = ['ts,open,high,low,close,volume'];
    for (let i = 0; i < 30; i++) if (i !== 7) lines.push(`${T0 + i * M},100,101,99,100,1`);
    writeFileSync(join(kit, 'data', 'k', 'X_1m.csv'), `${lines.join('\n')}\n`);
    const five = ['ts,open,high,low,close,volume'];
    for (let b = 0; b < 6; b++) five.push(`${T0 + b * 5 * M},100,${b === 2 ? 102 : 101},99,100,5`);
    writeFileSync(join(kit, 'data', 'k', 'X_5m.csv'), `${five.join('\n')}\n`);
  });

  it('reports missing files, gaps and inconsistencies per dataset, and fails', async () => {
    const file = join(tmp, 'crafted.yml');
    const end = '2025-06-01T00:30:00Z';
    writeFileSync(
      file,
      manifestText([
        row('BTCUSDT', '1m', '2025-06-01T00:00:00Z', end, 'k/X_1m.csv', 'engine'),
        row('BTCUSDT', '5m', '2025-06-01T00:00:00Z', end, 'k/X_5m.csv'),
        row('ETHUSDT', '1m', '2025-06-01T00:00:00Z', end, 'k/NOPE_*.csv', 'engine'),
      ]),
    );
    const out = await realDataSyncGate.run(ctxFor(file, join(tmp, 'crafted-env'), kit));
    expect(out.passed).toBe(false);
    expect(out.checked).toBe(3);
    expect(out.detail).toBe('3 datasets (stored)');
    const lines = out.failures.map((f) => f.message);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^BTCUSDT candles 1m: coverage: 1 missing bar\(s\) .*first gap 2025-06-01T00:07Z/,
    );
    expect(lines[1]).toMatch(
      // The bucket with the hole sums 4 minutes of volume; 00:10 has a wrong native high.
      /^BTCUSDT candles 5m: consistency: 2\/6 5m bars differ from the 1m rollup; first 2025-06-01T00:05Z volume 1m-rollup=4 native=5$/,
    );
    expect(lines[2]).toMatch(/^ETHUSDT candles 1m: file missing: no file matches k\/NOPE_\*\.csv/);
  });

  it('a phase gate on an env without the data fails every play with dataset missing', async () => {
    const file = join(tmp, 'missing-env.yml');
    writeFileSync(
      file,
      manifestText(
        [row('BTCUSDT', '1m', '2025-05-30T16:39:00Z', '2025-06-29T16:39:00Z', 'x.csv', 'engine')],
        'phases:\n  markup: {start: "2025-06-06T00:00:00Z", end: "2025-06-11T00:00:00Z"}\n',
      ),
    );
    const plays = join(tmp, 'plays-missing');
    mkdirSync(join(plays, 'real_data', 'markup'), { recursive: true });
    copyFileSync(
      join(repoRoot, 'plays/validation/real_data/markup/RV_016_up_ema_cross_long_btc_15m.yml'),
      join(plays, 'real_data', 'markup', 'RV_016_up_ema_cross_long_btc_15m.yml'),
    );
    const gate = realPhaseGate('RD2', 'Real Markup', 'real-markup', 'markup');
    const out = await gate.run(ctxFor(file, join(tmp, 'empty-env'), undefined, plays));
    expect(out.passed).toBe(false);
    expect(out.failures.map((f) => f.message)).toEqual([
      expect.stringMatching(/^RV_016_up_ema_cross_long_btc_15m: dataset missing: BTCUSDT candles 1m .*RD0/),
    ]);
  });
});

describe('RD ledger check', () => {
  it('Σ net PnL + funding − equity change, compensated', () => {
    const trades = [{ net_pnl_usdt: 12.5 }, { net_pnl_usdt: -3.25 }, { net_pnl_usdt: 0.1 }];
    const run = (funding: number[]) => ({
      result: { initialEquity: 10_000 },
      trades,
      equity: [{ wallet_usdt: 10_009.2, position_side: 'flat' }],
      events: funding.map((amount, seq) => ({ seq, type: 'funding', amount })),
    });
    expect(Math.abs(ledgerAudit(run([-0.2, 0.05])).delta)).toBeLessThan(1e-11);
    expect(ledgerAudit(run([-0.2])).delta).toBeCloseTo(-0.05, 10);
  });

  it('fails a play beyond 1e-9, passes within it; zero trades is no failure', () => {
    const base: RealPlayTaskResult = {
      playId: 'RV_T',
      trades: 0,
      stopReason: 'end_of_data',
      ledgerDelta: 5e-10,
      warmupTruncated: false,
      initialEquity: 10_000,
      durationMs: 1,
      error: null,
    };
    expect(LEDGER_TOLERANCE).toBe(1e-9);
    expect(realFailures(base)).toEqual([]);
    expect(realFailures({ ...base, ledgerDelta: 2e-9 }).map((f) => f.message)).toEqual([
      'RV_T: ledger mismatch 2e-9',
    ]);
    expect(realFailures({ ...base, warmupTruncated: true })[0]!.message).toMatch(
      /^RV_T: E_WARMUP_TRUNCATED: /,
    );
    expect(
      realFailures({ ...base, ledgerDelta: null, error: { code: 'TIMEOUT', message: 'TIMEOUT after 300s' } }),
    ).toEqual([{ play: 'RV_T', message: 'RV_T: TIMEOUT after 300s' }]);
  });
});

describe.skipIf(shared === undefined)('real tier on the stored kit', () => {
  const dataDir = join(tmp, 'kit-env');
  const manifest = join(tmp, 'kit.yml');
  const plays = join(tmp, 'plays-kit');
  const picked = [
    'RV_016_up_ema_cross_long_btc_15m',
    'RV_022_up_swing_trend_long_btc_15m',
    'RV_021_up_adx_di_long_btc_1h',
  ];
  beforeAll(() => {
    writeFileSync(
      manifest,
      manifestText(
        [
          row(
            'BTCUSDT',
            '1m',
            '2025-05-30T16:39:00Z',
            '2025-06-29T16:39:00Z',
            'klines/bybit/BTCUSDT_*1m.csv',
            'engine',
          ),
          row('BTCUSDT', '5m', '2025-04-03T17:05:00Z', '2025-07-02T17:05:00Z', 'klines/bybit/BTCUSDT_5m.csv'),
          row(
            'BTCUSDT',
            '1h',
            '2025-05-30T17:00:00Z',
            '2025-06-29T17:00:00Z',
            'klines/bybit/BTCUSDT_60m.csv',
          ),
        ],
        'phases:\n  markup: {start: "2025-06-06T00:00:00Z", end: "2025-06-08T00:00:00Z"}\n',
      ),
    );
    mkdirSync(join(plays, 'real_data', 'markup'), { recursive: true });
    for (const id of picked)
      copyFileSync(
        join(repoRoot, 'plays/validation/real_data/markup', `${id}.yml`),
        join(plays, 'real_data', 'markup', `${id}.yml`),
      );
  });

  it('RD0 imports and proves coverage, OHLC and 1m-vs-native consistency; a re-run finds the rows unchanged', async () => {
    const first = await runRealDataSync(ctxFor(manifest, dataDir, shared));
    expect(first.outcome).toEqual({ passed: true, checked: 3, detail: '3 datasets (stored)', failures: [] });
    expect(first.rows).toEqual([
      { label: 'BTCUSDT candles 1m', action: 'imported', rows: 43_200 },
      { label: 'BTCUSDT candles 5m', action: 'imported', rows: 25_920 },
      { label: 'BTCUSDT candles 1h', action: 'imported', rows: 720 },
    ]);
    const again = await runRealDataSync(ctxFor(manifest, dataDir, shared));
    expect(again.outcome.passed).toBe(true);
    expect(again.rows.map((r) => r.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });

  it('RD0 --sync fills the env from Bybit REST (the mock serving the stored kit) and proves it', async () => {
    const mock = await startMockBybit({ dataDir: join(shared!, 'data') });
    try {
      const file = join(tmp, 'sync.yml');
      writeFileSync(
        file,
        manifestText([
          row('BTCUSDT', '1m', '2025-06-10T00:00:00Z', '2025-06-11T00:00:00Z', 'unused.csv', 'engine'),
          row('BTCUSDT', '1h', '2025-06-10T00:00:00Z', '2025-06-11T00:00:00Z', 'unused.csv'),
        ]),
      );
      const ctx = ctxFor(file, join(tmp, 'sync-env'), undefined);
      const synced = await runRealDataSync({
        ...ctx,
        real: { ...ctx.real!, sync: true, env: { TRADE_BYBIT_REST_URL: mock.url } },
      });
      expect(synced.outcome).toEqual({
        passed: true,
        checked: 2,
        detail: '2 datasets (bybit)',
        failures: [],
      });
      expect(synced.rows).toEqual([
        { label: 'BTCUSDT candles 1m', action: 'synced', rows: 1440 },
        { label: 'BTCUSDT candles 1h', action: 'synced', rows: 24 },
      ]);
      expect(mock.requestLog.some((r) => r.path === '/v5/market/kline')).toBe(true);
    } finally {
      await mock.close();
    }
  });

  it('one RD phase end to end through the runner: plays trade, ledger holds, report detail counts them', async () => {
    const run = await runValidationWith(
      {
        tier: 'module',
        module: 'real-markup',
        workers: 1,
        cwd: tmp,
        validationPlaysDir: plays,
        real: { manifestPath: manifest, sync: false, env: {}, dataDir },
      },
      {
        gates: new Map([['RD2', realPhaseGate('RD2', 'Real Markup', 'real-markup', 'markup')]]),
        inlineTasks: TASKS,
        requirePlaysDir: false,
      },
    );
    const gate = run.report.gates[0]!;
    expect(gate.failures).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(gate.checked).toBe(3);
    const trades = Number(/^3 plays, (\d+) trades$/.exec(gate.detail)?.[1]);
    expect(trades).toBeGreaterThan(0);
  });
});
