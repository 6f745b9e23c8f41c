import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EXIT, exitCodeForError, TradeError } from '@trade/core';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultManifestPath, loadManifest, ManifestError } from '../src/gates/real/manifest';
import { prepareRealTier } from '../src/gates/real/settings';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'real-manifest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const GOOD = `version: 1
source: stored
data_env: backtest
datasets:
  - symbol: BTCUSDT
    kind: candles
    tf: 1m
    start: "2025-05-30T16:39:00Z"
    end: "2025-06-29T16:39:00Z"
    file: klines/bybit/BTCUSDT_1m.csv
    role: engine
funding:
  BTCUSDT: {mode: constant, rate: 0.0001, interval_min: 480}
phases:
  markup: {start: "2025-06-06T00:00:00Z", end: "2025-06-11T00:00:00Z"}
windows:
  RV_X: {start: "2025-06-07", end: "2025-06-08"}
`;

function write(name: string, text: string): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

/** Loads a manifest expected to be refused and returns the error. */
function refused(name: string, text: string): ManifestError {
  const file = write(name, text);
  try {
    loadManifest(file);
  } catch (e) {
    expect(e).toBeInstanceOf(ManifestError);
    const err = e as ManifestError;
    expect(err.file).toBe(file);
    expect(err.hint ?? '').not.toBe('');
    expect(exitCodeForError(err)).toBe(EXIT.input);
    return err;
  }
  throw new Error(`${name} was accepted`);
}

describe('real-data manifest (validation.md §11.2)', () => {
  it('the shipped default holds exactly the stored datasets, constant funding, no mark and the four phases', () => {
    const m = loadManifest(defaultManifestPath(repoRoot));
    expect(m.source).toBe('stored');
    expect(m.dataEnv).toBe('backtest');
    expect(m.datasets.map((d) => `${d.symbol} ${d.kind} ${d.tf} ${d.role}`)).toEqual([
      'BTCUSDT candles 1m engine',
      'ETHUSDT candles 1m engine',
      'BTCUSDT candles 5m consistency',
      'BTCUSDT candles 1h consistency',
      'ETHUSDT candles 5m consistency',
      'ETHUSDT candles 1h consistency',
    ]);
    const oneMinute = m.datasets[0]!;
    expect(new Date(oneMinute.start).toISOString()).toBe('2025-05-30T16:39:00.000Z');
    // End exclusive: the last stored (forming) 1m row opens at 16:38.
    expect(new Date(oneMinute.end).toISOString()).toBe('2025-06-29T16:39:00.000Z');
    expect(m.datasets.some((d) => d.kind === 'mark')).toBe(false);
    expect(m.funding).toEqual({
      BTCUSDT: { mode: 'constant', rate: 0.0001, intervalMin: 480 },
      ETHUSDT: { mode: 'constant', rate: 0.0001, intervalMin: 480 },
    });
    const day = (s: string) => Date.parse(`${s}T00:00:00Z`);
    expect(m.phases).toEqual({
      accumulation: { start: day('2025-06-23'), end: day('2025-06-29') },
      markup: { start: day('2025-06-06'), end: day('2025-06-11') },
      distribution: { start: day('2025-06-10'), end: day('2025-06-20') },
      markdown: { start: day('2025-06-17'), end: day('2025-06-23') },
    });
    // §11.2: every window starts at least 6 days 7 hours after the first stored 1m bar.
    for (const w of Object.values(m.phases))
      expect(w.start - oneMinute.start).toBeGreaterThanOrEqual((6 * 24 + 7) * 3_600_000);
    expect(m.windows).toEqual({});
  });

  it('reads flow maps, quoted and bare dates, and per-play window overrides', () => {
    const m = loadManifest(write('good.yml', GOOD));
    expect(m.windows.RV_X).toEqual({
      start: Date.parse('2025-06-07T00:00:00Z'),
      end: Date.parse('2025-06-08T00:00:00Z'),
    });
    expect(m.datasets[0]!.path).toBe('datasets[0]');
  });

  it('names file, line, key path and a hint for an unknown key', () => {
    const err = refused(
      'unknown-key.yml',
      GOOD.replace('    role: engine', '    role: engine\n    colour: red'),
    );
    expect(err.path).toBe('datasets[0].colour');
    expect(err.line).toBe(12);
    expect(err.message).toBe('unknown key');
    expect(err.hint).toContain('allowed keys');
  });

  it('refuses a bad enum, a bad time, an empty window and a missing file glob with their key paths', () => {
    expect(refused('kind.yml', GOOD.replace('kind: candles', 'kind: trades')).path).toBe('datasets[0].kind');
    expect(refused('time.yml', GOOD.replace('"2025-05-30T16:39:00Z"', '"30/05/2025"')).path).toBe(
      'datasets[0].start',
    );
    expect(
      refused('window.yml', GOOD.replace('end: "2025-06-11T00:00:00Z"', 'end: "2025-06-01T00:00:00Z"')).path,
    ).toBe('phases.markup.end');
    expect(refused('file.yml', GOOD.replace('    file: klines/bybit/BTCUSDT_1m.csv\n', '')).path).toBe(
      'datasets[0].file',
    );
    expect(refused('version.yml', GOOD.replace('version: 1', 'version: 2')).path).toBe('version');
    expect(refused('phase.yml', GOOD.replace('  markup:', '  sideways:')).path).toBe('phases.sideways');
    expect(
      refused('history.yml', GOOD.replace('mode: constant, rate: 0.0001, interval_min: 480', 'mode: history'))
        .path,
    ).toBe('funding.BTCUSDT.mode');
  });

  it('refuses YAML outside the supported subset with line and column', () => {
    const err = refused('flow-seq.yml', GOOD.replace('data_env: backtest', 'data_env: [backtest]'));
    expect(err.code).toBe('E_MANIFEST_INVALID');
    expect(err.line).toBe(3);
    expect(err.col).toBe(11);
    expect(err.message).toMatch(/^flow sequences \[\.\.\] are not supported/);
    expect(refused('dup.yml', `${GOOD}source: bybit\n`).message).toContain("duplicate key 'source'");
  });

  it('a missing manifest is invalid input (exit 3), not a crash', () => {
    const missing = join(tmp, 'nope.yml');
    expect(() => loadManifest(missing)).toThrow(/manifest not found/);
    expect(() => prepareRealTier({ cwd: tmp, manifest: 'nope.yml', sharedDir: tmp, runsSync: true })).toThrow(
      ManifestError,
    );
  });

  it('a stored-source RD0 without the shared data folder is a data error (exit 4) unless --sync', () => {
    const file = write('ok.yml', GOOD);
    let caught: unknown;
    try {
      prepareRealTier({ cwd: tmp, manifest: file, sharedDir: undefined, runsSync: true });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TradeError);
    expect((caught as TradeError).code).toBe('E_VALIDATE_DATA_MISSING');
    expect(exitCodeForError(caught)).toBe(EXIT.data);
    const synced = prepareRealTier({
      cwd: tmp,
      manifest: file,
      sync: true,
      sharedDir: undefined,
      runsSync: true,
    });
    expect(synced).toMatchObject({ manifestPath: file, sync: true });
    // Real modules never run RD0, so they start without the shared folder.
    expect(prepareRealTier({ cwd: tmp, manifest: file, sharedDir: undefined, runsSync: false }).sync).toBe(
      false,
    );
  });

  it('a data env locked by a live writer stops the real tier before RD0 (exit 4)', () => {
    const file = write('lock.yml', GOOD);
    const dataDir = join(tmp, 'locked-env');
    mkdirSync(dataDir, { recursive: true });
    const now = Date.now();
    writeFileSync(
      join(dataDir, 'trade.duckdb.lock'),
      JSON.stringify({
        pid: process.pid,
        host: hostname(),
        purpose: 'sync',
        started_at: now,
        heartbeat_at: now,
      }),
    );
    let caught: unknown;
    try {
      prepareRealTier({ cwd: tmp, manifest: file, sharedDir: tmp, runsSync: true, dataDir, env: {} });
    } catch (e) {
      caught = e;
    }
    expect((caught as TradeError).code).toBe('E_DB_LOCKED');
    expect(exitCodeForError(caught)).toBe(EXIT.data);
    // A stale lock (dead writer) does not block.
    writeFileSync(
      join(dataDir, 'trade.duckdb.lock'),
      JSON.stringify({ pid: process.pid, host: hostname(), purpose: 'sync', started_at: 0, heartbeat_at: 0 }),
    );
    expect(
      prepareRealTier({ cwd: tmp, manifest: file, sharedDir: tmp, runsSync: true, dataDir, env: {} }).sync,
    ).toBe(false);
  });
});
