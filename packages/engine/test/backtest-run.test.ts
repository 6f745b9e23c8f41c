import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BTCUSDT_INSTRUMENT } from '@trade/core';
import { generateSynthetic } from '@trade/data';
import { compilePlay, loadPlay } from '@trade/play';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BacktestResult, parseCsv, runBacktest } from '../src/index';

const examples = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'plays', 'examples');

function run(file: string, artifactsRoot?: string): BacktestResult {
  const path = join(examples, file);
  const compiled = compilePlay(loadPlay(path));
  const ds = generateSynthetic({
    pattern: 'trend_up_clean',
    bars: 1500,
    leadInBars: 200,
    seed: 42,
    tfs: [compiled.execTf],
    startMs: Date.parse('2025-01-01T00:00:00Z'),
  });
  return runBacktest({
    compiled,
    candles1m: ds.candles1m,
    instrument: BTCUSDT_INSTRUMENT,
    funding: { source: 'constant', rate: 0.0001 },
    dataMode: 'synthetic',
    window: null,
    ...(artifactsRoot === undefined ? {} : { artifactsRoot }),
    playSource: readFileSync(path, 'utf8'),
  });
}

describe('runBacktest on an example play (EMA cross, 15m exec)', () => {
  let r: BacktestResult;
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'bt-'));
    r = run('01_ema_cross_rsi_filter.yml', root);
  });

  it('trades and ends at end of data', () => {
    expect(r.stopReason).toBe('end_of_data');
    expect(r.trades.length).toBeGreaterThan(5);
    expect(r.metrics.total_trades).toBe(r.trades.length);
  });

  it('INV-01: trade net PnL plus funding equals the equity change', () => {
    const net = r.trades.reduce((s, t) => s + (t.net_pnl_usdt as number), 0);
    const funding = r.trades.reduce((s, t) => s + (t.funding_usdt as number), 0);
    const first = r.equity[0]!.equity_usdt as number;
    const last = r.equity[r.equity.length - 1]!.equity_usdt as number;
    expect(Math.abs(net + funding - (last - first))).toBeLessThan(1e-6);
  });

  it('INV-14: one start row, one row per exec close, strictly increasing, flat at the end', () => {
    expect(r.equity[0]!.kind).toBe('start');
    expect(r.equity.filter((e) => e.kind === 'start')).toHaveLength(1);
    const execMs = 15 * 60_000;
    expect(r.equity.length - 1).toBe((r.window.simEnd - r.window.simStart) / execMs);
    for (let i = 1; i < r.equity.length; i++)
      expect(r.equity[i]!.ts_ms as number).toBeGreaterThan(r.equity[i - 1]!.ts_ms as number);
    expect(r.equity[r.equity.length - 1]!.position_side).toBe('flat');
  });

  it('INV-07/08: trades do not overlap and are ordered', () => {
    for (let i = 0; i < r.trades.length; i++) {
      const t = r.trades[i]!;
      expect(t.exit_ts_ms as number).toBeGreaterThanOrEqual(t.entry_ts_ms as number);
      if (i > 0)
        expect(t.entry_ts_ms as number).toBeGreaterThanOrEqual(r.trades[i - 1]!.exit_ts_ms as number);
    }
  });

  it('INV-04: no fill before sim_start + one exec step', () => {
    expect(Math.min(...r.trades.map((t) => t.entry_ts_ms as number))).toBeGreaterThanOrEqual(
      r.window.simStart + 15 * 60_000,
    );
  });

  it('writes the run folder with every artifact; trades.csv matches the rows', () => {
    expect(r.folder).not.toBeNull();
    expect(readdirSync(r.folder!).sort()).toEqual(
      [
        'equity.csv',
        'events.jsonl',
        'play.normalized.json',
        'play.yml',
        'report.html',
        'result.json',
        'trades.csv',
      ].sort(),
    );
    const csv = parseCsv(readFileSync(join(r.folder!, 'trades.csv'), 'utf8'));
    expect(csv.rows).toHaveLength(r.trades.length);
    const result = JSON.parse(readFileSync(join(r.folder!, 'result.json'), 'utf8'));
    expect(result.hashes.run_hash).toBe(r.hashes.run_hash);
    expect(result.metrics.total_trades).toBe(r.trades.length);
    for (const line of readFileSync(join(r.folder!, 'events.jsonl'), 'utf8').trim().split('\n'))
      JSON.parse(line);
  });

  it('is deterministic: a second run gives identical hashes', () => {
    const again = run('01_ema_cross_rsi_filter.yml');
    expect(again.hashes).toEqual(r.hashes);
  });
});

describe('hashes of a run without artifacts are computed on first read', () => {
  it('a lazy run reports the same hashes, events and result.json values as a run that wrote its folder', () => {
    const eager = run('01_ema_cross_rsi_filter.yml', mkdtempSync(join(tmpdir(), 'bt-eager-')));
    const lazy = run('01_ema_cross_rsi_filter.yml');
    expect({ ...lazy.hashes }).toEqual({ ...eager.hashes });
    expect(lazy.events[0]!.type).toBe('run_start');
    expect(lazy.events[0]!.data_hash).toBe(eager.hashes.data_hash);
    expect(lazy.files['events.jsonl']).toBe(eager.files['events.jsonl']);
    const json = JSON.parse(JSON.stringify(lazy.result)) as {
      hashes: Record<string, string>;
      artifacts: { folder: string };
    };
    expect(json.hashes.run_hash).toBe(eager.hashes.run_hash);
    expect(json.artifacts.folder).toBe((eager.result.artifacts as { folder: string }).folder);
  });
});
