import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { listIndicators } from '@trade/indicators';
import { describe, expect, it } from 'vitest';
import type { GoldenVector } from '../src/gates/audits/golden';
import { auditGolden } from '../src/gates/audits/incremental-parity';

const goldenDir = resolve(import.meta.dirname, '../../indicators/golden');

/** A scratch copy of the golden folder a test may tamper with. */
function scratchCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'g3-golden-'));
  cpSync(goldenDir, dir, { recursive: true });
  return dir;
}

describe('G3 golden vectors (validation.md §6.2)', () => {
  it('every registered indicator has a golden vector its streamed outputs agree with', () => {
    const failures = listIndicators().flatMap((m) => auditGolden(m.name, goldenDir));
    expect(failures).toEqual([]);
  });

  it('a golden value that differs is reported with the first index', () => {
    const dir = scratchCopy();
    const file = join(dir, 'ema.json');
    const v = JSON.parse(readFileSync(file, 'utf8')) as GoldenVector & {
      outputs: Record<string, (number | null)[]>;
    };
    const i = v.outputs.value!.findIndex((x) => x !== null) + 5;
    v.outputs.value![i] = (v.outputs.value![i] as number) + 1;
    writeFileSync(file, JSON.stringify(v));
    expect(auditGolden('ema', dir)).toEqual([
      expect.stringMatching(new RegExp(`^ema: value differs from golden at i=${i} \\(got `)),
    ]);
  });

  it('a vector computed on another frame is stale, and a missing one is named', () => {
    const dir = scratchCopy();
    const file = join(dir, 'rsi.json');
    const v = JSON.parse(readFileSync(file, 'utf8')) as GoldenVector;
    writeFileSync(file, JSON.stringify({ ...v, frame: { ...v.frame, data_hash: '000000000000' } }));
    expect(auditGolden('rsi', dir)).toEqual(['rsi: golden frame stale']);
    expect(auditGolden('rsi', join(dir, 'nowhere'))).toEqual(['rsi: no golden vector']);
  });
});
