import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { MINUTE_MS } from '@trade/core';
import { warmupMinutes } from '@trade/engine';
import { compilePlay, loadPlay } from '@trade/play';
import { describe, expect, it } from 'vitest';
import { engineDataset, loadManifest, REAL_PHASES } from '../src/gates/real/manifest';
import { resolveWindow } from '../src/gates/real/phase-gate';
import { suitePlayFiles } from '../src/gates/suites/play-suite';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const realDir = join(repoRoot, 'plays', 'validation', 'real_data');
const manifest = loadManifest(join(realDir, 'manifest.yml'));
const plays = REAL_PHASES.flatMap((phase) =>
  suitePlayFiles(join(realDir, phase)).map((file) => {
    const play = loadPlay(file);
    return { phase, file, id: basename(file, '.yml'), play, compiled: compilePlay(play) };
  }),
);

describe('RV plays (validation.md §11.4)', () => {
  it('61 plays in the four phase folders: 15 / 16 / 15 / 15, each named after its file', () => {
    const count = (phase: string) => plays.filter((p) => p.phase === phase).length;
    expect([count('accumulation'), count('markup'), count('distribution'), count('markdown')]).toEqual([
      15, 16, 15, 15,
    ]);
    for (const p of plays) {
      expect(p.play.name).toBe(p.id);
      // The id names its phase: acc / up / dist / down.
      expect(p.id).toMatch(
        new RegExp(
          `^RV_\\d{3}_${{ accumulation: 'acc', markup: 'up', distribution: 'dist', markdown: 'down' }[p.phase]}_`,
        ),
      );
    }
    expect(new Set(plays.map((p) => p.id.slice(0, 6))).size).toBe(61);
  });

  it('use only the stored symbols, and vary symbol, exec timeframe and direction', () => {
    expect(new Set(plays.map((p) => p.play.symbol))).toEqual(new Set(['BTCUSDT', 'ETHUSDT']));
    expect(new Set(plays.map((p) => p.compiled.execTf)).size).toBeGreaterThanOrEqual(4);
    const modes = new Set(plays.map((p) => p.play.position_policy.mode));
    expect(modes).toEqual(new Set(['long_only', 'short_only', 'long_short']));
    // Structures (swing, trend, market_structure, rolling windows, premium/discount) decide some of the plays.
    expect(
      plays.filter((p) => /\nstructures:/.test(readFileSync(p.file, 'utf8'))).length,
    ).toBeGreaterThanOrEqual(10);
  });

  it('every warmup span ends inside stored 1m data before its window (§11.2)', () => {
    for (const p of plays) {
      const data = engineDataset(manifest, p.play.symbol);
      expect(data, `${p.id}: no engine dataset for ${p.play.symbol}`).toBeDefined();
      const window = resolveWindow(manifest, p.phase, p.id, p.play.date_range, {
        start: data!.start,
        end: data!.end,
      });
      expect(window, `${p.id}: no window`).toBeDefined();
      // The warmup span: the largest (W(T) + 1)·T over the play's timeframes, plus the 1m lookback.
      const warmupStart = window!.start - warmupMinutes(p.compiled) * MINUTE_MS;
      expect(warmupStart, `${p.id}: warmup starts before the first stored 1m bar`).toBeGreaterThanOrEqual(
        data!.start,
      );
      expect(window!.end, `${p.id}: window leaves the stored data`).toBeLessThanOrEqual(data!.end);
    }
  });

  it('resolves windows: override, then an in-coverage date_range, then the phase; none outside coverage', () => {
    const cov = { start: Date.parse('2025-05-30T16:39:00Z'), end: Date.parse('2025-06-29T16:39:00Z') };
    const m = {
      ...manifest,
      windows: { RV_OVR: { start: Date.parse('2025-06-12'), end: Date.parse('2025-06-13') } },
    };
    expect(resolveWindow(m, 'markup', 'RV_OVR', null, cov)).toEqual(m.windows.RV_OVR);
    const own = { start: '2025-06-14T00:00:00Z', end: '2025-06-15T00:00:00Z' };
    expect(resolveWindow(m, 'markup', 'RV_A', own, cov)).toEqual({
      start: Date.parse(own.start),
      end: Date.parse(own.end),
    });
    const outside = { start: '2024-01-01T00:00:00Z', end: '2024-02-01T00:00:00Z' };
    expect(resolveWindow(m, 'markup', 'RV_A', outside, cov)).toEqual(manifest.phases.markup);
    expect(resolveWindow({ ...m, phases: {} }, 'markup', 'RV_A', null, cov)).toBeUndefined();
    expect(
      resolveWindow(m, 'markup', 'RV_A', null, { start: cov.start, end: Date.parse('2025-06-08') }),
    ).toBeUndefined();
  });
});
