import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findSharedDir } from '@trade/core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type BacktestResult,
  checkRunArtifacts,
  equityRowsFromCsv,
  parseCsv,
  readRunFolder,
  runPlayBacktest,
  toCsv,
  tradeRowsFromCsv,
  typedRowsFromMemory,
  type VerifyCheck,
  verifyBacktestResult,
  verifyLine,
  verifyRun,
} from '../src/index';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const playPath = join(repo, 'plays', 'examples', '03_bb_limit_atr_ladder.yml');

let run: BacktestResult;
let folder: string;

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'engine-verify-'));
  // range_wide seed 3 over 1000 exec bars: limit entries, a TP ladder, a signal exit and an end-of-data close.
  run = await runPlayBacktest({
    playPath,
    source: { kind: 'synthetic', bars: 1000, seed: 3 },
    artifactsRoot: root,
  });
  folder = run.folder!;
});

/** A copy of the run folder with `file` rewritten by `edit`. */
function tampered(file: string, edit: (text: string) => string): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'engine-tamper-')), 'run');
  cpSync(folder, copy, { recursive: true });
  writeFileSync(join(copy, file), edit(readFileSync(join(copy, file), 'utf8')));
  return copy;
}

const failing = (checks: readonly VerifyCheck[]) => checks.filter((c) => !c.pass).map(verifyLine);

describe('verifyRun', () => {
  it('passes every check on a fresh run folder', () => {
    expect(run.trades.length).toBeGreaterThan(1);
    const checks = verifyRun(folder);
    expect(failing(checks)).toEqual([]);
    const ids = new Set(checks.map((c) => c.id));
    for (const id of [
      'INV-01',
      'INV-02',
      'INV-03',
      'INV-07',
      'INV-08',
      'INV-10',
      'INV-14',
      'INV-16',
      'INV-19',
      'INV-20',
      'INV-21',
    ])
      expect(ids).toContain(id);
  });

  it('reads trades.csv and equity.csv into exactly the typed rows the engine hashed', () => {
    expect(tradeRowsFromCsv(run.files['trades.csv']!)).toEqual(typedRowsFromMemory(run.trades));
    expect(equityRowsFromCsv(run.files['equity.csv']!)).toEqual(typedRowsFromMemory(run.equity));
  });

  it('gives the same verdicts on the in-memory result as on the folder', () => {
    const fromFolder = verifyRun(folder).map((c) => [c.id, c.name, c.pass]);
    expect(verifyBacktestResult(run).map((c) => [c.id, c.name, c.pass])).toEqual(fromFolder);
  });

  it('fails with readable lines when one trade net_pnl is edited', () => {
    const copy = tampered('trades.csv', (text) => {
      const { header, rows } = parseCsv(text);
      const col = header.indexOf('net_pnl_usdt');
      rows[0]![col] = String(Number(rows[0]![col]) + 1);
      return toCsv(header, rows);
    });
    const lines = failing(verifyRun(copy));
    expect(lines).toContainEqual(
      expect.stringMatching(/^FAIL INV-20 trades_hash: trades_hash recomputed from trades\.csv/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^FAIL INV-20 run_hash: /));
    expect(lines).toContainEqual(expect.stringMatching(/^FAIL INV-01 equity identity: Σ net_pnl .* ≠ final/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^FAIL ROW-01 trade row arithmetic: T-?0*1: net_pnl_usdt/),
    );
  });

  it('fails with readable lines when an equity row is dropped', () => {
    const copy = tampered('equity.csv', (text) => {
      const lines = text.split('\n');
      lines.splice(5, 1);
      return lines.join('\n');
    });
    const lines = failing(verifyRun(copy));
    expect(lines).toContainEqual(expect.stringMatching(/^FAIL INV-20 equity_hash: /));
    expect(lines).toContainEqual(expect.stringMatching(/^FAIL INV-14 equity rows: row 4 is numbered 5/));
  });

  it('fails with readable lines when an event is changed', () => {
    const copy = tampered('events.jsonl', (text) =>
      text.replace(/"fee":([0-9.]+)/, (_, fee) => `"fee":${Number(fee) * 2}`),
    );
    const lines = failing(verifyRun(copy));
    expect(lines).toContainEqual(expect.stringMatching(/^FAIL INV-20 events_hash: /));
    expect(lines).toContainEqual(
      expect.stringMatching(/^FAIL INV-02 fees on trades equal fill fees: Σ trades\.fees_usdt/),
    );
  });

  it('fails when result.json records a different run hash', () => {
    const copy = tampered('result.json', (text) => text.replace(run.hashes.run_hash, '0'.repeat(64)));
    expect(failing(verifyRun(copy))).toEqual([
      expect.stringMatching(/^FAIL INV-20 run_hash: run_hash recomputed .* result\.json says 000000000000$/),
    ]);
  });

  it('throws E_VERIFY_MISSING for a missing folder or file', () => {
    expect(() => verifyRun(join(folder, 'nope'))).toThrowError(
      expect.objectContaining({ code: 'E_VERIFY_MISSING', kind: 'input' }),
    );
    const copy = tampered('trades.csv', (t) => t);
    rmSync(join(copy, 'equity.csv'));
    expect(() => readRunFolder(copy)).toThrowError(
      expect.objectContaining({
        code: 'E_VERIFY_MISSING',
        message: expect.stringMatching(/^equity\.csv is missing/),
      }),
    );
  });

  it('throws E_VERIFY_MALFORMED naming the file for an unparsable artifact', () => {
    const copy = tampered('trades.csv', (text) => text.replace(/\n[^\n]*\n$/, '\nT-9,BTCUSDT\n'));
    expect(() => verifyRun(copy)).toThrowError(
      expect.objectContaining({ code: 'E_VERIFY_MALFORMED', kind: 'data', file: 'trades.csv' }),
    );
    const bad = tampered('result.json', (text) => text.replace('"exec_tf"', '"exec_tf_"'));
    expect(() => verifyRun(bad)).toThrowError(/result\.json: run\.exec_tf is missing/);
  });

  it('checks in-memory artifacts with the same function', () => {
    const a = readRunFolder(folder);
    expect(
      checkRunArtifacts({ ...a, trades: a.trades.slice(1) })
        .filter((c) => !c.pass)
        .map((c) => c.id),
    ).toContain('INV-19');
  });
});

const shared = findSharedDir();

describe.skipIf(shared === undefined)('verifyRun on real Bybit data', () => {
  it('passes every check on a week of real BTCUSDT 1m bars', async () => {
    const root = mkdtempSync(join(tmpdir(), 'engine-verify-real-'));
    const r = await runPlayBacktest({
      playPath: join(repo, 'plays', 'examples', '01_ema_cross_rsi_filter.yml'),
      source: {
        kind: 'csv',
        path: join(shared!, 'data', 'klines', 'bybit', 'BTCUSDT_1m.csv'),
        window: { start: Date.UTC(2025, 5, 10), end: Date.UTC(2025, 5, 17) },
      },
      artifactsRoot: root,
    });
    expect(r.trades.length).toBeGreaterThan(5);
    expect(failing(verifyRun(r.folder!))).toEqual([]);
  });
});
