import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
const tempDir = mkdtempSync(join(tmpdir(), 'trade-metrics-readme-'));

afterAll(() => {
  rmSync(tempDir, { recursive: true, force: true });
});

describe('README example', () => {
  it('runs and prints what its closing comment says', async () => {
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block, 'README has a ts example').toBeDefined();
    const printed = /\/\/ (.+)\n$/.exec(block!)?.[1];
    expect(printed, 'the example ends with a comment showing its output').toBeDefined();

    const file = join(tempDir, 'example.ts');
    writeFileSync(file, block!);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await import(/* @vite-ignore */ file);
      expect(log).toHaveBeenCalledTimes(1);
      expect(log.mock.calls[0]!.map(String).join(' ')).toBe(printed);
    } finally {
      log.mockRestore();
    }
  });
});
