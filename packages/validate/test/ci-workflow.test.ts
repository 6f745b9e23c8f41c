import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODULE_NAMES } from '../src/index';

const root = resolve(import.meta.dirname, '../../..');

describe('CI runs one job per cached validation module (validation.md §14, §17)', () => {
  const workflow = readFileSync(resolve(root, '.github/workflows/ci.yml'), 'utf8');
  const rootScripts = (
    JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const cached = MODULE_NAMES.filter((m) => !m.startsWith('real-'));

  it('the validate matrix lists exactly the cached modules, in MODULE_NAMES order', () => {
    const matrix = /^\s+module: \[([^\]]*)\]$/m.exec(workflow)?.[1];
    expect(matrix, 'matrix.module line in ci.yml').toBeDefined();
    expect((matrix as string).split(',').map((m) => m.trim())).toEqual(cached);
  });

  it('every module has a root script through the digest wrapper, and validate:modules runs them all', () => {
    for (const m of cached)
      expect(rootScripts[`validate:${m}`]).toBe(`node scripts/turbo-validate.mjs validate:${m}`);
    expect(rootScripts['validate:modules']).toBe(
      `node scripts/turbo-validate.mjs ${cached.map((m) => `validate:${m}`).join(' ')}`,
    );
  });
});
