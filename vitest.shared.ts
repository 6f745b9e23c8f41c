// Shared vitest settings for every workspace package.
// Workspace packages resolve to their TypeScript sources, so tests never need a prior build.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const repoRoot = dirname(fileURLToPath(import.meta.url));

function sourceAliases(): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const name of readdirSync(join(repoRoot, 'packages'))) {
    aliases[`@trade/${name}`] = join(repoRoot, 'packages', name, 'src', 'index.ts');
  }
  return aliases;
}

export function packageTestConfig(name: string, overrides: ViteUserConfig['test'] = {}): ViteUserConfig {
  return defineConfig({
    resolve: { alias: sourceAliases() },
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 60_000,
      benchmark: { include: ['src/**/*.bench.ts', 'bench/**/*.bench.ts'] },
      ...overrides,
    },
  });
}
