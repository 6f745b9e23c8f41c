import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findLayerViolations } from '../src/check-layering';
import { LAYERS } from '../src/layers';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..', '..');

describe('layering rule', () => {
  it('holds for the whole repository', () => {
    const violations = findLayerViolations(repoRoot);
    expect(violations.map((v) => `${v.file}: ${v.message}`)).toEqual([]);
  });

  it('gives every workspace package a layer', () => {
    expect(Object.keys(LAYERS)).toContain('@trade/core');
    expect(LAYERS['@trade/engine']).toBeGreaterThan(LAYERS['@trade/play']!);
  });

  it('catches each planted violation in the fixture tree', () => {
    const violations = findLayerViolations(join(here, '..', 'fixtures', 'violation'));
    const lines = violations.map((v) => `${v.file}: ${v.message}`).sort();
    expect(lines).toEqual([
      'apps/cli/src/main.ts: @trade/cli imports the app @trade/runner; nothing imports an app',
      'packages/core/package.json: @trade/core (L0) imports @trade/engine (L4); only lower layers may be imported',
      'packages/core/src/bad.ts: @trade/core (L0) imports @trade/engine (L4); only lower layers may be imported',
      'packages/indicators/src/peer.ts: @trade/indicators (L1) imports @trade/metrics (L1); only lower layers may be imported',
      "packages/metrics/src/reach.ts: @trade/metrics reaches into @trade/engine by relative path '../../engine/src/index'; import the package by name",
    ]);
  });
});
