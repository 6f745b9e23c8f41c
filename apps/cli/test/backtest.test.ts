import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTrade } from './io';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const play = join(repo, 'plays', 'examples', '01_ema_cross_rsi_filter.yml');

describe('trade backtest run', () => {
  it('runs a play on synthetic data and writes the run folder (JSON envelope)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cli-bt-'));
    const r = await runTrade([
      'backtest',
      'run',
      '--play',
      play,
      '--synthetic',
      '--bars',
      '600',
      '--seed',
      '3',
      '--out',
      out,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.status).toBe('ok');
    expect(doc.command).toBe('backtest run');
    expect(doc.data.stop.stop_reason).toBe('end_of_data');
    expect(doc.data.hashes.run_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(join(doc.data.artifacts.path, 'report.html'))).toBe(true);
    expect(doc.data.artifacts.path).toContain('syn-');
  });

  it('prints a short human summary with the report path', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cli-bt-'));
    const r = await runTrade([
      'backtest',
      'run',
      '--play',
      play,
      '--synthetic',
      '--bars',
      '600',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^play ex1_btc_ema_9_21_cross\s+stop end_of_data/m);
    expect(r.stdout).toMatch(/report\s+.*report\.html/);
  });

  it('runs on a CSV of 1m bars', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-csv-'));
    const csv = join(dir, 'bars.csv');
    const t0 = Date.parse('2025-03-01T00:00:00Z');
    const lines = ['ts,open,high,low,close,volume'];
    let p = 100;
    for (let i = 0; i < 6 * 24 * 60; i++) {
      const o = p;
      p = o + Math.sin(i / 90) * 0.4;
      lines.push(`${t0 + i * 60_000},${o},${Math.max(o, p) + 0.1},${Math.min(o, p) - 0.1},${p},1`);
    }
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const r = await runTrade(['backtest', 'run', '--play', play, '--csv', csv, '--out', dir, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).data.run.data_mode).toBe('file');
  });

  it('reports usage errors and bad plays with the documented exit codes', async () => {
    expect((await runTrade(['backtest', 'run'])).code).toBe(2);
    expect((await runTrade(['backtest', 'run', '--play', play, '--pattern', 'range_wide'])).code).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'cli-bad-'));
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, 'version: "3.0"\nid: bad\nbogus_key: 1\n');
    const r = await runTrade(['backtest', 'run', '--play', bad, '--synthetic', '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).error.code).toMatch(/^E_/);
  });
});
